import { log } from '@temporalio/activity';
import type { ActivityDependencies } from './dependencies';
import { auditActor, recordAudit } from '../src/audit/audit-log';
import type { ReviewDecision, ReviewTaskView } from '../workflows/messages';

export function createReviewActivities(deps: ActivityDependencies) {
  return {
    /** Puts the visit on the billing team's work queue (idempotent on the task id). */
    async openReviewTask(input: { visitId: string; task: ReviewTaskView }): Promise<void> {
      const { visitId, task } = input;
      await deps.db.$transaction(async (tx) => {
        await tx.reviewTask.createMany({
          data: [{ id: task.taskId, visitId, kind: task.kind, reasons: task.reasons }],
          skipDuplicates: true,
        });
        await recordAudit(tx, {
          visitId,
          actor: 'system',
          action: `review.opened.${task.kind}`,
          detail: { taskId: task.taskId, reasons: task.reasons },
          eventKey: `review-open:${task.taskId}`,
        });
      });
    },

    /** The reminder timer fired: count it and tell staff (the notification channel is a seam). */
    async remindReviewTask(input: { taskId: string; reminderNumber: number }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        await tx.reviewTask.update({
          where: { id: input.taskId },
          data: { remindersSent: input.reminderNumber },
        });
        const task = await tx.reviewTask.findUniqueOrThrow({ where: { id: input.taskId } });
        await recordAudit(tx, {
          visitId: task.visitId,
          actor: 'system',
          action: 'review.reminder',
          detail: { taskId: input.taskId, reminderNumber: input.reminderNumber },
          eventKey: `review-remind:${input.taskId}:${input.reminderNumber}`,
        });
      });
      log.info('review reminder sent', { taskId: input.taskId, reminderNumber: input.reminderNumber });
    },

    /** The question no longer stands (e.g. the documentation changed): closed without a decision. */
    async supersedeReviewTask(input: { taskId: string; reason: string }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        const task = await tx.reviewTask.update({
          where: { id: input.taskId },
          data: { status: 'superseded', resolvedAt: deps.clock(), resolution: { reason: input.reason } },
        });
        await recordAudit(tx, {
          visitId: task.visitId,
          actor: 'system',
          action: 'review.superseded',
          detail: { taskId: input.taskId, reason: input.reason },
          eventKey: `review-supersede:${input.taskId}`,
        });
      });
    },

    async resolveReviewTask(input: { taskId: string; decision: ReviewDecision }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        const task = await tx.reviewTask.update({
          where: { id: input.taskId },
          data: {
            status: 'resolved',
            resolvedAt: deps.clock(),
            resolvedBy: input.decision.actor?.username ?? input.decision.reviewer,
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
