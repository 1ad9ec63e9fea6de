import { Router, type Request, type Response } from 'express';
import { runLedgerChecks } from '../../ledger/run-checks';
import {
  BankDepositSchema,
  IdempotencyKeySchema,
  reconcileDeposits,
  recordBankDeposit,
} from '../../remittance/deposits';
import { noteAudit } from '../audit-trail';
import { requirePermission } from '../auth';
import { actorOf } from '../credentials';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf } from '../schemas';

/** Books that reconcile: the ledger check as a report, bank deposits and their reconciliation with ERAs. */
export function booksRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/v1/reports/ledger',
    requirePermission(deps, 'ledger.read', { action: 'ledger.check' }),
    route(async (req, res) => {
      const report = await runLedgerChecks(deps.db);
      noteAudit(req, { detail: { discrepancies: report.discrepancies.length } });
      res.json(report);
    }),
  );
  router.post(
    '/v1/deposits',
    requirePermission(deps, 'deposits.record', { action: 'deposit.record' }),
    route((req, res) => recordDeposit(deps, req, res)),
  );
  router.get(
    '/v1/deposits/reconciliation',
    requirePermission(deps, 'deposits.read', { action: 'deposits.reconciliation.read' }),
    route(async (_req, res) => {
      res.json(await reconcileDeposits(deps.db));
    }),
  );
  return router;
}

async function recordDeposit(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const key = IdempotencyKeySchema.safeParse(req.get('idempotency-key'));
  const body = BankDepositSchema.safeParse(req.body);
  if (!key.success || !body.success) {
    res.status(400).json({
      error: 'invalid bank deposit',
      problems: [
        ...(key.success ? [] : problemsOf(key.error).map((p) => ({ ...p, path: 'Idempotency-Key' }))),
        ...(body.success ? [] : problemsOf(body.error)),
      ],
    });
    return;
  }
  const recorded = await recordBankDeposit(deps.db, body.data, key.data, actorOf(req).username);
  if (recorded.outcome === 'key_conflict') {
    noteAudit(req, {
      resourceType: 'bank-deposit',
      resourceId: recorded.depositId,
      detail: { refused: 'key_conflict' },
    });
    res.status(409).json({
      error: 'Idempotency-Key already used for another deposit',
      problems: [{ path: 'Idempotency-Key', message: 'already used for another deposit; nothing recorded' }],
    });
    return;
  }
  const { deposit } = recorded;
  noteAudit(req, {
    resourceType: 'bank-deposit',
    resourceId: deposit.depositId,
    detail: {
      amountCents: deposit.amountCents,
      match: deposit.match.status,
      repeated: recorded.outcome === 'repeated',
    },
  });
  res.status(recorded.outcome === 'created' ? 201 : 200).json(deposit);
}
