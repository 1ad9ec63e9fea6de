import { Router, type Request, type Response } from 'express';
import { missingDecisionPermissions } from '../../auth/permissions';
import { queryVisitState } from '../../temporal/visit-workflows';
import { reviewDecisionSignal, visitWorkflowId, type ReviewDecision } from '../../../workflows/messages';
import { noteAudit } from '../audit-trail';
import { forbidden, requirePermission } from '../auth';
import { actorOf } from '../credentials';
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
      const status = req.query.status === 'resolved' ? 'resolved' : 'open';
      const tasks = await deps.db.reviewTask.findMany({
        where: { status },
        orderBy: { createdAt: 'asc' },
        take: 500,
      });
      // The queue shows visits: the audit row names every visit it showed.
      noteAudit(req, { detail: { status, visitIds: [...new Set(tasks.map((t) => t.visitId))] } });
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
  const state = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
  if (!state) {
    res.status(404).json({ error: `no running billing workflow for visit ${visitId.data}` });
    return;
  }
  if (!state.openReview) {
    res.status(409).json({ error: 'this visit has no open review', status: state.status });
    return;
  }
  const actor = actorOf(req);
  const { taskId, kind } = state.openReview;
  noteAudit(req, {
    resourceType: 'review-task',
    resourceId: taskId,
    detail: { action: decision.data.action, kind },
  });
  const missing = missingDecisionPermissions(actor.role, {
    taskKind: kind,
    action: decision.data.action,
    codingErrors: state.findings.filter((f) => f.severity === 'error').length,
  });
  if (missing.length > 0) {
    forbidden(res, actor.role, missing);
    return;
  }
  const pointers = pointerProblem(decision.data, state.diagnosisCodes.length);
  if (pointers) {
    res.status(400).json({ error: 'invalid review decision', problems: [pointers] });
    return;
  }
  const signed: ReviewDecision = { ...decision.data, reviewer: actor.username, actor };
  await deps.temporal.workflow.getHandle(visitWorkflowId(visitId.data)).signal(reviewDecisionSignal, signed);
  res
    .status(202)
    .json({ visitId: visitId.data, taskId, action: decision.data.action, decidedBy: actor.username });
}

/** Amended lines that keep the claim's diagnoses may only point at those diagnoses. */
function pointerProblem(
  decision: { lines?: Array<{ code: string; diagnosisPointers: number[] }>; diagnosisCodes?: string[] },
  diagnoses: number,
): { path: string; message: string } | undefined {
  if (decision.diagnosisCodes !== undefined || !decision.lines) return undefined;
  const tooHigh = decision.lines.find((l) => l.diagnosisPointers.some((p) => p > diagnoses));
  return tooHigh
    ? { path: 'lines', message: `${tooHigh.code} points past the ${diagnoses} diagnoses` }
    : undefined;
}
