import { log } from '@temporalio/activity';
import type { ActivityDependencies } from './dependencies';
import { auditActor, recordAudit } from '../src/audit/audit-log';
import { decidedBy, type ReviewDecision, type ReviewTaskView } from '../src/visit-billing/messages';
import type { ReviewPriority } from '../src/visit-billing/vocabulary';

export function createReviewActivities(deps: ActivityDependencies) {
  /** Closes a task without a staff decision (system actor). */
  async function closeTask(taskId: string, status: 'resolved' | 'superseded', reason: string): Promise<void> {
    await deps.db.$transaction(async (tx) => {
      const task = await tx.reviewTask.update({
        where: { id: taskId },
        data: { status, resolvedAt: deps.clock(), resolvedBy: 'system', resolution: { reason } },
      });
      await recordAudit(tx, {
        visitId: task.visitId,
        actor: 'system',
        action: status === 'superseded' ? 'review.superseded' : 'review.closed',
        detail: { taskId, reason },
        eventKey: `review-${status === 'superseded' ? 'supersede' : 'close'}:${taskId}`,
      });
    });
  }

  return {
    /** Puts the visit on the billing team's work queue (idempotent on the task id). */
    async openReviewTask(input: { visitId: string; task: ReviewTaskView }): Promise<void> {
      const { visitId, task } = input;
      await deps.db.$transaction(async (tx) => {
        await tx.reviewTask.createMany({
          data: [
            {
              id: task.taskId,
              visitId,
              kind: task.kind,
              reasons: task.reasons,
              reasonCodes: task.reasonCodes ?? [],
            },
          ],
          skipDuplicates: true,
        });
        await recordAudit(tx, {
          visitId,
          actor: 'system',
          action: `review.opened.${task.kind}`,
          detail: { taskId: task.taskId, reasons: task.reasons, reasonCodes: task.reasonCodes ?? [] },
          eventKey: `review-open:${task.taskId}`,
        });
      });
    },

    /**
     * The reminder timer fired: count it and tell staff (the notification channel is a seam). With
     * an escalation, the task's priority rises and, at the supervisor level, it is reassigned.
     */
    async remindReviewTask(input: {
      taskId: string;
      reminderNumber: number;
      escalation?: { priority: ReviewPriority; assignedRole: 'biller' | 'supervisor' };
    }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        await tx.reviewTask.update({
          where: { id: input.taskId },
          data: {
            remindersSent: input.reminderNumber,
            ...(input.escalation && { ...input.escalation, escalatedAt: deps.clock() }),
          },
        });
        const task = await tx.reviewTask.findUniqueOrThrow({ where: { id: input.taskId } });
        await recordAudit(tx, {
          visitId: task.visitId,
          actor: 'system',
          action: 'review.reminder',
          detail: {
            taskId: input.taskId,
            reminderNumber: input.reminderNumber,
            ...(input.escalation && { escalatedTo: input.escalation }),
          },
          eventKey: `review-remind:${input.taskId}:${input.reminderNumber}`,
        });
      });
      log.info('review reminder sent', { taskId: input.taskId, reminderNumber: input.reminderNumber });
    },

    /** The question no longer stands (e.g. the documentation changed): closed without a decision. */
    async supersedeReviewTask(input: { taskId: string; reason: string }): Promise<void> {
      await closeTask(input.taskId, 'superseded', input.reason);
    },

    /** The task closed by itself: what it waited for arrived (a pathology report, documentation). */
    async closeReviewTask(input: { taskId: string; reason: string }): Promise<void> {
      await closeTask(input.taskId, 'resolved', input.reason);
    },

    async resolveReviewTask(input: { taskId: string; decision: ReviewDecision }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        const task = await tx.reviewTask.update({
          where: { id: input.taskId },
          data: {
            status: 'resolved',
            resolvedAt: deps.clock(),
            resolvedBy: decidedBy(input.decision),
            resolution: input.decision as object,
          },
        });
        await recordAudit(tx, {
          visitId: task.visitId,
          ...auditActor(input.decision.actor, input.decision.reviewer),
          action: `review.${input.decision.action}`,
          detail: { taskId: input.taskId, note: input.decision.note ?? null },
          eventKey: `review-resolve:${input.taskId}`,
        });
      });
    },
  };
}
