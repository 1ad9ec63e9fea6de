import { WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { queryVisitState } from '../../temporal/visit-workflows';
import { visitWorkflowId, type PathologyResult, type VisitBillingState } from '../../visit-billing/messages';
import { pathologyResultSignal } from '../../temporal/visit-messages';
import { requirePermission } from '../auth';
import { actorOf } from '../credentials';
import { readVisitState } from '../visit-state';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { PathologyResultSchema, problemsOf, VisitIdParamSchema } from '../schemas';

/** A visit's billing record for staff, and the pathology reports that release held excisions. */
export function visitRoutes(deps: ApiDependencies): Router {
  const router = Router();
  const visitTarget = (req: Request) => ({ visitId: String(req.params.visitId) });
  router.get(
    '/v1/visits/:visitId',
    requirePermission(deps, 'visits.read', { action: 'visit.read', target: visitTarget }),
    route((req, res) => showVisit(deps, req, res)),
  );
  router.post(
    '/v1/visits/:visitId/pathology-results',
    requirePermission(deps, 'pathology.record', { action: 'pathology.record', target: visitTarget }),
    route((req, res) => receivePathologyResult(deps, req, res)),
  );
  return router;
}

async function showVisit(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  if (!visitId.success) {
    res.status(400).json({ error: 'invalid visit id' });
    return;
  }
  const visit = await deps.db.visit.findUnique({
    where: { id: visitId.data },
    include: {
      claims: {
        // providerAdjustmentPostings: takebacks (PLB WO/72) whose reference names the claim.
        include: {
          lines: true,
          statusEvents: true,
          payments: true,
          adjustments: true,
          providerAdjustmentPostings: true,
        },
      },
      ledgerEntries: { orderBy: { createdAt: 'asc' } },
      statements: true,
      reviewTasks: true,
    },
  });
  if (!visit) {
    res.status(404).json({ error: `visit ${visitId.data} not found` });
    return;
  }
  const workflow = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
  const balance = (account: string) =>
    visit.ledgerEntries.filter((e) => e.account === account).reduce((s, e) => s + e.amountCents, 0);
  res.json({
    visitId: visit.id,
    status: visit.status,
    dateOfService: visit.dateOfService.toISOString().slice(0, 10),
    payerId: visit.payerId,
    workflowId: visit.workflowId,
    workflow,
    patientEstimate: workflow?.patientEstimate ?? latestEstimate(visit.claims),
    decisionReasons: decisionReasonsOf(workflow),
    claims: visit.claims,
    ledger: {
      insuranceBalanceCents: balance('INSURANCE_AR'),
      patientBalanceCents: balance('PATIENT_AR'),
      entries: visit.ledgerEntries,
    },
    statements: visit.statements,
    reviewTasks: visit.reviewTasks,
  });
}

async function receivePathologyResult(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  const result = PathologyResultSchema.safeParse(req.body);
  if (!visitId.success || !result.success) {
    res.status(400).json({
      error: 'invalid pathology result',
      problems: result.success
        ? [{ path: 'visitId', message: 'invalid visit id' }]
        : problemsOf(result.error),
    });
    return;
  }
  const state = await readVisitState(deps, visitId.data, res);
  if (!state) return;
  if (!state.pendingPathologyLesionIds.includes(result.data.lesionId)) {
    res
      .status(409)
      .json({ error: `lesion ${result.data.lesionId} is not waiting for pathology`, status: state.status });
    return;
  }
  const reported: PathologyResult = { ...result.data, actor: actorOf(req) };
  try {
    await deps.temporal.workflow
      .getHandle(visitWorkflowId(visitId.data))
      .signal(pathologyResultSignal, reported);
  } catch (error) {
    // The run closed between the query and the signal: nothing is waiting any more.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    res.status(409).json({ error: `the billing workflow of visit ${visitId.data} has finished` });
    return;
  }
  res.status(202).json({ visitId: visitId.data, lesionId: result.data.lesionId });
}

/** The estimate stored with the newest claim, when the workflow cannot be asked. */
function latestEstimate(claims: Array<{ attempt: number; patientEstimate: unknown }>): unknown {
  const newest = [...claims].sort((a, b) => b.attempt - a.attempt)[0];
  return newest?.patientEstimate ?? null;
}

/** The decision's reasons by stable code, each with its sentence. */
function decisionReasonsOf(workflow: VisitBillingState | null): Array<{ code: string; message: string }> {
  const decision = workflow?.decision;
  if (!decision?.reasonCodes) return [];
  return decision.reasonCodes.map((code, i) => ({ code, message: decision.reasons[i] ?? '' }));
}
