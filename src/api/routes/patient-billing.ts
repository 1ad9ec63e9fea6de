import { WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ensurePatientAccount } from '../../patient-billing/patient-accounts';
import { patientAccountView, visitPatientBalance } from '../../patient-billing/patient-balance-view';
import { statementDocument } from '../../patient-billing/statement-document';
import { statementPdf } from '../../patient-billing/statement-pdf';
import type { StatementSnapshot } from '../../patient-billing/statement-snapshot';
import { createPaymentProcessor } from '../../payments/factory';
import {
  PatientPaymentRequestSchema,
  recordPatientPayment,
  type PaymentOutcome,
} from '../../payments/patient-payments';
import { patientPaymentReceivedSignal } from '../../temporal/visit-messages';
import { visitWorkflowId } from '../../visit-billing/messages';
import { renderDocument } from '../../web/render';
import { noteAudit } from '../audit-trail';
import { requirePermission } from '../auth';
import { actorOf } from '../credentials';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf, VisitIdParamSchema } from '../schemas';

const StatementParamSchema = z.string().regex(/^(ST-[0-9a-f-]{36})(\.pdf)?$/, 'must be a statement id');
const AccountIdSchema = z.uuid();
const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8-128 letters, digits or ._:-');

/** Patient statements (HTML, PDF), patient payments, and balances per visit and patient account. */
export function patientBillingRoutes(deps: ApiDependencies): Router {
  const router = Router();
  const read = (
    action: string,
    target?: (req: Request) => { visitId?: string; resourceType?: string; resourceId?: string },
  ) => requirePermission(deps, 'visits.read', { action, target });
  router.get(
    '/v1/statements/:statement',
    read('statement.read', (req) => ({
      resourceType: 'statement',
      resourceId: String(req.params.statement),
    })),
    route((req, res) => showStatement(deps, req, res)),
  );
  router.get(
    '/v1/visits/:visitId/patient-balance',
    read('patient-balance.read', (req) => ({ visitId: String(req.params.visitId) })),
    route((req, res) => showVisitBalance(deps, req, res)),
  );
  router.get(
    '/v1/patient-accounts/:accountId',
    read('patient-account.read', (req) => ({
      resourceType: 'patient-account',
      resourceId: String(req.params.accountId),
    })),
    route((req, res) => showAccount(deps, req, res)),
  );
  router.post(
    '/v1/patient-payments',
    requirePermission(deps, 'patient-payments.record', { action: 'patient-payment.record' }),
    route((req, res) => receivePayment(deps, req, res)),
  );
  return router;
}

async function showStatement(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const param = StatementParamSchema.safeParse(req.params.statement);
  if (!param.success) {
    res.status(400).json({ error: 'invalid statement id', problems: problemsOf(param.error) });
    return;
  }
  const [, statementId, pdf] = /^(ST-[0-9a-f-]{36})(\.pdf)?$/.exec(param.data)!;
  const statement = await deps.db.patientStatement.findUnique({ where: { id: statementId } });
  if (!statement?.snapshot) {
    res.status(404).json({ error: `no statement document ${statementId}` });
    return;
  }
  noteAudit(req, { visitId: statement.visitId });
  const doc = statementDocument(statement.snapshot as unknown as StatementSnapshot);
  if (!pdf) return renderDocument(res, 'statement', { doc });
  const bytes = await statementPdf(doc, statement.issuedAt);
  res.status(200).set({ 'cache-control': 'no-store' }).type('application/pdf').send(bytes);
}

async function showVisitBalance(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  if (!visitId.success) {
    res.status(400).json({ error: 'invalid visit id' });
    return;
  }
  const balance = await visitPatientBalance(deps.db, visitId.data);
  if (!balance) {
    res.status(404).json({ error: `visit ${visitId.data} not found` });
    return;
  }
  const accountId = await ensurePatientAccount(deps.db, visitId.data);
  res.json({ ...balance, accountId, account: `/v1/patient-accounts/${accountId}` });
}

async function showAccount(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const accountId = AccountIdSchema.safeParse(req.params.accountId);
  const account = accountId.success ? await patientAccountView(deps.db, accountId.data) : null;
  if (!accountId.success) res.status(400).json({ error: 'invalid patient account id' });
  else if (!account) res.status(404).json({ error: `no patient account ${accountId.data}` });
  else res.json(account);
}

async function receivePayment(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const key = IdempotencyKeySchema.safeParse(req.get('idempotency-key'));
  const body = PatientPaymentRequestSchema.safeParse(req.body ?? {});
  if (!key.success || !body.success) {
    const problems = [
      ...(key.success
        ? []
        : [{ path: 'Idempotency-Key', message: 'required header: 8-128 letters, digits or ._:-' }]),
      ...(body.success ? [] : problemsOf(body.error)),
    ];
    res.status(400).json({ error: 'invalid patient payment', problems });
    return;
  }
  const outcome = await recordPatientPayment(
    {
      db: deps.db,
      processor: deps.paymentProcessor ?? createPaymentProcessor({ db: deps.db }),
      actor: actorOf(req)!,
      idempotencyKey: key.data,
    },
    body.data,
  );
  noteAudit(req, { visitId: body.data.visitId, detail: { outcome: outcome.outcome } });
  if (outcome.outcome === 'posted') await notifyWorkflow(deps, outcome);
  sendOutcome(res, outcome);
}

function sendOutcome(res: Response, outcome: PaymentOutcome): void {
  switch (outcome.outcome) {
    case 'posted':
      res.status(201).json({
        payment: outcome.payment,
        balanceCents: outcome.balanceCents,
        refundTaskId: outcome.refundTaskId,
      });
      return;
    case 'repeated':
      // The same key and payment again: the first answer, nothing posted twice.
      res.status(200).json({ payment: outcome.payment, balanceCents: outcome.balanceCents });
      return;
    case 'key_reused':
      res.status(422).json({ error: outcome.message });
      return;
    case 'declined':
      res
        .status(402)
        .json({ error: `payment declined: ${outcome.declineReason}`, declineReason: outcome.declineReason });
      return;
    case 'visit_not_found':
      res.status(404).json({ error: 'visit not found' });
      return;
    default: {
      const never: never = outcome;
      throw new Error(`unhandled payment outcome ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Tells the visit's workflow, so statement cycles stop once the balance is paid. A closed
 * workflow has nothing to stop (the payment is posted either way); ids and cents only.
 */
async function notifyWorkflow(
  deps: ApiDependencies,
  outcome: Extract<PaymentOutcome, { outcome: 'posted' }>,
) {
  const { payment, balanceCents } = outcome;
  try {
    await deps.temporal.workflow
      .getHandle(visitWorkflowId(payment.visitId))
      .signal(patientPaymentReceivedSignal, {
        paymentId: payment.paymentId,
        amountCents: payment.amountCents,
        balanceCents,
      });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    deps.logger.warn(
      { paymentId: payment.paymentId, err: error },
      'could not signal the visit workflow of a patient payment',
    );
  }
}
