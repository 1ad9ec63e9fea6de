import { Router, type Request, type Response } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { missingDecisionPermissions } from '../../auth/permissions';
import { decideVisitReview, ReviewDecisionRefusedError } from '../../temporal/visit-workflows';
import type { ReviewDecision, ReviewRefusalCode, VisitBillingState } from '../../visit-billing/messages';
import { noteAudit } from '../audit-trail';
import { forbidden, requirePermission } from '../auth';
import { actorOf } from '../credentials';
import { listReviewTasks, ReviewQueueQuerySchema } from '../review-queue';
import { readVisitState } from '../visit-state';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf, ReviewDecisionSchema, VisitIdParamSchema } from '../schemas';

const visitTarget = (req: Request) => ({ visitId: String(req.params.visitId) });

/** The staff review queue and the decisions that release or correct a held claim. */
export function reviewRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/v1/review-tasks',
    requirePermission(deps, 'review-tasks.read', { action: 'review-tasks.read' }),
    route(async (req, res) => {
      const query = ReviewQueueQuerySchema.safeParse(req.query);
      if (!query.success) {
        res.status(400).json({ error: 'invalid review queue query', problems: problemsOf(query.error) });
        return;
      }
      const page = await listReviewTasks(deps.db, query.data, deps.clock());
      // The queue shows visits: the audit row names every visit it showed.
      noteAudit(req, {
        detail: { status: query.data.status, visitIds: [...new Set(page.tasks.map((t) => t.visitId))] },
      });
      res.json(page);
    }),
  );
  router.post(
    '/v1/visits/:visitId/review-decision',
    requirePermission(deps, 'review.decide', { action: 'review.decide', target: visitTarget }),
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
  const actor = actorOf(req);
  const state = await readVisitState(deps, visitId.data, res);
  if (!state) return;
  const open = state.openReview;
  if (!open) {
    res.status(409).json({ error: 'this visit has no open review', refusal: 'no_open_review', problems: [] });
    return;
  }
  if (!mayDecide(req, res, actor.role, decision.data.action, state, open)) return;
  // The Update is pinned to the task the permission check saw: if another task is open by the time
  // it arrives, the workflow refuses it as stale. The workflow answers with the outcome or the refusal.
  const signed: ReviewDecision = {
    ...decision.data,
    taskId: decision.data.taskId ?? open.taskId,
    reviewer: actor.username,
    actor,
  };
  try {
    const applied = await decideVisitReview(deps.temporal, visitId.data, signed);
    res.status(200).json({
      visitId: visitId.data,
      taskId: applied.taskId,
      action: applied.action,
      decidedBy: actor.username,
    });
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

/**
 * What the decision needs beyond review.decide depends on the open task (a denial write-off, an
 * override of coding errors, an escalation): a biller asking for a supervisor's decision gets 403,
 * and nothing is sent.
 */
function mayDecide(
  req: Request,
  res: Response,
  role: Parameters<typeof missingDecisionPermissions>[0],
  action: ReviewDecision['action'],
  state: VisitBillingState,
  open: NonNullable<VisitBillingState['openReview']>,
): boolean {
  noteAudit(req, {
    resourceType: 'review-task',
    resourceId: open.taskId,
    detail: { action, kind: open.kind },
  });
  const missing = missingDecisionPermissions(role, {
    taskKind: open.kind,
    action,
    codingErrors: state.findings.filter((f) => f.severity === 'error').length,
    assignedRole: open.assignedRole,
  });
  if (missing.length === 0) return true;
  forbidden(res, role, missing);
  return false;
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
