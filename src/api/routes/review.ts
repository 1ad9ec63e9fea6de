import { Router, type Request, type Response } from 'express';
import { queryVisitState } from '../../temporal/visit-workflows';
import { reviewDecisionSignal, visitWorkflowId, type ReviewDecision } from '../../../workflows/messages';
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
  const state = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
  if (!state) {
    res.status(404).json({ error: `no running billing workflow for visit ${visitId.data}` });
    return;
  }
  if (!state.openReview) {
    res.status(409).json({ error: 'this visit has no open review', status: state.status });
    return;
  }
  if (decision.data.diagnosisCodes === undefined && decision.data.lines) {
    const tooHigh = decision.data.lines.find((l) =>
      l.diagnosisPointers.some((p) => p > state.diagnosisCodes.length),
    );
    if (tooHigh) {
      res.status(400).json({
        error: 'invalid review decision',
        problems: [
          {
            path: 'lines',
            message: `${tooHigh.code} points past the ${state.diagnosisCodes.length} diagnoses`,
          },
        ],
      });
      return;
    }
  }
  await deps.temporal.workflow
    .getHandle(visitWorkflowId(visitId.data))
    .signal(reviewDecisionSignal, decision.data as ReviewDecision);
  res
    .status(202)
    .json({ visitId: visitId.data, taskId: state.openReview.taskId, action: decision.data.action });
}
