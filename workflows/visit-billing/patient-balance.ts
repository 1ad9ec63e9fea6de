import { msToNumber } from '@temporalio/common/lib/time';
import { condition, patched } from '@temporalio/workflow';
import type { ClaimRoute } from '../../src/decision/decide-claim-route';
import { DEFAULT_STATEMENT_CYCLES } from '../../src/patient-billing/cycle-timers';
import { database } from './activities';
import { flush, moveTo } from './progress';
import { assertNever, codingOf, type BillingRun, type Phase } from './state';

/**
 * The codes are final: cosmetic, non-covered and staff-redirected services go to the patient,
 * never onto an 837; the rest goes out as an original claim, or straight to the patient balance.
 */
export async function releaseClaim(
  run: BillingRun,
  route: Exclude<ClaimRoute, { action: 'review' }>,
): Promise<Phase> {
  const coding = codingOf(run);
  run.route = route;
  run.view.decision = route;
  if (coding.selfPayLines.length > 0)
    await database.billSelfPay({
      visitId: run.visitId,
      lines: coding.selfPayLines,
      key: `coding-${run.revision}`,
    });
  switch (route.action) {
    case 'submit':
      return { step: 'submit', frequency: { code: '1' } };
    case 'self_pay':
      return { step: 'patient_balance' };
    default:
      return assertNever(route);
  }
}

/**
 * Stage 7, last part: what the patient owes on the visit. statement-cycles: statements in cycles
 * until it is paid (src/patient-billing); runs started before it issue one statement and close.
 */
export async function settlePatientBalance(run: BillingRun): Promise<Phase> {
  if (patched('statement-cycles')) return { step: 'statement_cycle', cycle: 1 };
  const statement = await database.issuePatientStatement({
    visitId: run.visitId,
    statementKey: `${run.visitId}:final`,
  });
  if (statement) moveTo(run, 'patient_billed', `statement for ${statement.amountDueCents} cents issued`);
  return { step: 'finished', status: 'closed', note: 'visit fully billed' };
}

const cyclesOf = (run: BillingRun) => run.timers.statementCycles ?? DEFAULT_STATEMENT_CYCLES;
const DAY_MS = 86_400_000;

/** One cycle's statement (once per visit and cycle), then the wait for a payment. */
export async function issueCycleStatement(
  run: BillingRun,
  phase: Extract<Phase, { step: 'statement_cycle' }>,
): Promise<Phase> {
  const cycle = cyclesOf(run)[phase.cycle - 1];
  if (!cycle) return sendToCollections(run);
  const waitMs = msToNumber(cycle.untilNext);
  const statement = await database.issueCycleStatement({
    visitId: run.visitId,
    cycle: phase.cycle,
    kind: cycle.kind,
    daysToPay: Math.ceil(waitMs / DAY_MS),
  });
  if (!statement) return { step: 'finished', status: 'closed', note: 'nothing owed by the patient' };
  moveTo(
    run,
    'patient_billed',
    `${cycle.kind} statement ${phase.cycle} for ${statement.amountDueCents} cents issued`,
  );
  return { step: 'await_patient_payment', cycle: phase.cycle, until: Date.now() + waitMs };
}

/**
 * Waits for a payment or the cycle's end. Any payment re-checks the balance (the API posts it
 * before it signals): paid in full closes; the cycle's end issues the next statement, or after
 * the final notice opens a collections task.
 */
export async function awaitPatientPayment(
  run: BillingRun,
  phase: Extract<Phase, { step: 'await_patient_payment' }>,
): Promise<Phase> {
  await flush(run);
  const paymentsSeen = run.patientPayments?.length ?? 0;
  const remaining = Math.max(1, phase.until - Date.now());
  const paid = await condition(() => (run.patientPayments?.length ?? 0) > paymentsSeen, remaining);
  const balanceCents = await database.patientBalance({ visitId: run.visitId });
  if (balanceCents <= 0)
    return { step: 'finished', status: 'closed', note: `patient balance settled (${balanceCents} cents)` };
  if (paid) return phase;
  const next = phase.cycle + 1;
  if (next > cyclesOf(run).length) return sendToCollections(run);
  return { step: 'statement_cycle', cycle: next };
}

/** The final notice went unpaid: staff decide on collections; the workflow's part is done. */
async function sendToCollections(run: BillingRun): Promise<Phase> {
  const balanceCents = await database.patientBalance({ visitId: run.visitId });
  await database.openReviewTask({
    visitId: run.visitId,
    task: {
      taskId: `${run.visitId}:patient_collections`,
      kind: 'patient_collections',
      reasons: [`${balanceCents} cents still owed after the final notice`],
      remindersSent: 0,
    },
  });
  return { step: 'finished', status: 'closed', note: 'final notice unpaid: collections task opened' };
}
