import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { matchUnmatchedPayment } from '../../remittance/match-payment';
import { remittanceBalances } from '../../remittance/provider-adjustments';
import { listUnmatchedPayments } from '../../remittance/unmatched-payments';
import { ACCOUNT_TASK_KINDS, resolveAccountTask, type AccountTaskKind } from '../../posting/late-remittance';
import { safeText } from '../../visit/primitives';
import { OpaqueIdSchema } from '../../visit/schema';
import { noteAudit } from '../audit-trail';
import { requirePermission } from '../auth';
import { actorOf } from '../credentials';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf } from '../schemas';

export const UnmatchedPaymentsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const RemittanceBalancesQuerySchema = UnmatchedPaymentsQuerySchema.extend({
  unbalanced: z.enum(['true', 'false']).default('true'),
});

/** Review task ids are built from the visit id and the task (`<visitId>:patient_refund:<paymentId>`). */
export const TaskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/, 'must be 1-200 letters, digits, ".", "_", ":" or "-"');
export const MatchPaymentSchema = z.strictObject({ claimId: OpaqueIdSchema });

/** What staff did about a late payment or reversal (refund, rebill, statement corrected…). */
export const ResolveLateRemittanceSchema = z.strictObject({ note: safeText(500, { minLength: 1 }) });

const paymentTarget = (req: Request) => ({
  resourceType: 'remittance-claim',
  resourceId: String(req.params.id),
});

/** Remittance completeness: the unmatched payments queue and its staff match; each remittance against its BPR. */
export function remittanceRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/v1/unmatched-payments',
    requirePermission(deps, 'documents.read', { action: 'unmatched-payments.read' }),
    route(async (req, res) => {
      const query = UnmatchedPaymentsQuerySchema.safeParse(req.query);
      if (!query.success) {
        res
          .status(400)
          .json({ error: 'invalid unmatched payments query', problems: problemsOf(query.error) });
        return;
      }
      const page = await listUnmatchedPayments(deps.db, query.data);
      noteAudit(req, { detail: { remittanceClaimIds: page.payments.map((p) => p.id) } });
      res.json(page);
    }),
  );
  // Σ posted claim payments − Σ PLB against BPR02: by default only the remittances that do not add up.
  router.get(
    '/v1/remittance-balances',
    requirePermission(deps, 'documents.read', { action: 'remittance-balances.read' }),
    route(async (req, res) => {
      const query = RemittanceBalancesQuerySchema.safeParse(req.query);
      if (!query.success) {
        res
          .status(400)
          .json({ error: 'invalid remittance balances query', problems: problemsOf(query.error) });
        return;
      }
      const { page, pageSize, unbalanced } = query.data;
      const remittances = await remittanceBalances(deps.db, {
        onlyUnbalanced: unbalanced === 'true',
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
      res.json({ remittances, page, pageSize });
    }),
  );
  router.post(
    '/v1/late-remittances/:taskId/resolve',
    requirePermission(deps, 'review.decide', {
      action: 'late-remittance.resolve',
      target: (req) => ({ resourceType: 'review-task', resourceId: String(req.params.taskId) }),
    }),
    route((req, res) => resolveAccountTaskRequest(deps, req, res, ['late_reversal'])),
  );
  router.post(
    '/v1/account-tasks/:taskId/resolve',
    requirePermission(deps, 'review.decide', {
      action: 'account-task.resolve',
      target: (req) => ({ resourceType: 'review-task', resourceId: String(req.params.taskId) }),
    }),
    route((req, res) => resolveAccountTaskRequest(deps, req, res, ACCOUNT_TASK_KINDS)),
  );
  router.post(
    '/v1/unmatched-payments/:id/match',
    requirePermission(deps, 'payments.match', { action: 'unmatched-payment.match', target: paymentTarget }),
    route((req, res) => matchPayment(deps, req, res)),
  );
  return router;
}

/** 400 with every problem: the path's id and the body's, at once. */
function refuse(
  res: Response,
  error: string,
  id: { path: string; valid: boolean; message?: string },
  body: { success: true } | { success: false; error: z.ZodError },
): void {
  res.status(400).json({
    error,
    problems: [
      ...(id.valid
        ? []
        : [{ path: id.path, message: id.message ?? 'must be 1-64 letters, digits, ".", "_" or "-"' }]),
      ...(body.success ? [] : problemsOf(body.error)),
    ],
  });
}

async function matchPayment(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const id = OpaqueIdSchema.safeParse(req.params.id);
  const body = MatchPaymentSchema.safeParse(req.body);
  if (!id.success || !body.success) {
    refuse(res, 'invalid match', { path: 'id', valid: id.success }, body);
    return;
  }
  if (!deps.postRemittance) {
    res.status(503).json({ error: 'posting is not configured on this API' });
    return;
  }
  const result = await matchUnmatchedPayment(
    { db: deps.db, temporal: deps.temporal, clock: deps.clock, postRemittance: deps.postRemittance },
    { remittanceClaimId: id.data, claimId: body.data.claimId, actor: actorOf(req) },
  );
  switch (result.outcome) {
    case 'not_found':
      res.status(404).json({ error: 'no such unmatched payment' });
      return;
    case 'invalid':
      res
        .status(422)
        .json({ error: 'the payment cannot be matched to that claim', problems: result.problems });
      return;
    case 'conflict':
      res.status(409).json({ error: result.message });
      return;
    case 'matched':
      noteAudit(req, {
        claimId: result.claimId,
        detail: { delivery: result.delivery, replay: result.replay },
      });
      res.status(result.replay ? 200 : 201).json(result);
      return;
    default: {
      const never: never = result;
      throw new Error(`unknown match outcome ${JSON.stringify(never)}`);
    }
  }
}

async function resolveAccountTaskRequest(
  deps: ApiDependencies,
  req: Request,
  res: Response,
  kinds: readonly AccountTaskKind[],
): Promise<void> {
  const taskId = TaskIdSchema.safeParse(req.params.taskId);
  const body = ResolveLateRemittanceSchema.safeParse(req.body);
  if (!taskId.success || !body.success) {
    const message = taskId.error?.issues[0]?.message;
    refuse(res, 'invalid resolution', { path: 'taskId', valid: taskId.success, message }, body);
    return;
  }
  const result = await resolveAccountTask(deps.db, {
    taskId: taskId.data,
    note: body.data.note,
    actor: actorOf(req),
    now: deps.clock(),
    kinds,
  });
  if (result.outcome === 'not_found') {
    res.status(404).json({ error: `no such task (${kinds.join(', ')})` });
    return;
  }
  if (result.outcome === 'forbidden') {
    res
      .status(403)
      .json({ error: 'a collections task is a supervisor’s decision', missing: ['review.decide-escalated'] });
    return;
  }
  res.status(200).json(result);
}
