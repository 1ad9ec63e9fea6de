import { Router, type Request, type Response } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { decideVisitReview, ReviewDecisionRefusedError } from '../../temporal/visit-workflows';
import type { ReviewDecision, ReviewRefusalCode } from '../../visit-billing/messages';
import type { ApiDependencies } from '../dependencies';
import { requireStaff, route } from '../http';
import { problemsOf, ReviewDecisionSchema, VisitIdParamSchema } from '../schemas';

/** The staff review queue and the decisions that release or correct a held claim. */
export function reviewRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/v1/review-tasks',
    requireStaff(deps),
    route(async (req, res) => {
      const status = req.query.status === 'resolved' ? 'resolved' : 'open';
      const tasks = await deps.db.reviewTask.findMany({
        where: { status },
        orderBy: { createdAt: 'asc' },
        take: 500,
      });
      res.json({
        tasks: tasks.map((t) => ({
          taskId: t.id,
          visitId: t.visitId,
          kind: t.kind,
          reasons: t.reasons,
          status: t.status,
          remindersSent: t.remindersSent,
          createdAt: t.createdAt,
          resolvedBy: t.resolvedBy,
        })),
      });
    }),
  );
  router.post(
    '/v1/visits/:visitId/review-decision',
    requireStaff(deps),
    route((req, res) => decideReview(deps, req, res)),
  );
  return router;
}

async function decideReview(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  const decision = ReviewDecisionSchema.safeParse(req.body);
  if (!visitId.success || !decision.success) {
    res.status(400).json({
      error: 'invalid review decision',
      problems: decision.success
        ? [{ path: 'visitId', message: 'invalid visit id' }]
        : problemsOf(decision.error),
    });
    return;
  }
  // One Update, no "is a review open?" query first: the workflow answers with the outcome or the refusal.
  try {
    const applied = await decideVisitReview(deps.temporal, visitId.data, decision.data as ReviewDecision);
    res.status(200).json({ visitId: visitId.data, taskId: applied.taskId, action: applied.action });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      res.status(404).json({ error: `no billing workflow for visit ${visitId.data}` });
      return;
    }
    if (!(error instanceof ReviewDecisionRefusedError)) throw error;
    const { code, message, problems } = error.refusal;
    res.status(refusalStatus[code]).json({ error: message, refusal: code, problems });
  }
}

/** Someone else's decision or no open task is a conflict; a decision the task cannot take is unprocessable. */
const refusalStatus: Record<ReviewRefusalCode, 409 | 422> = {
  no_open_review: 409,
  already_decided: 409,
  stale_task: 409,
  decision_in_progress: 409,
  action_not_allowed: 422,
  invalid_amendment: 422,
};
