import type { ClaimRoute } from '../../src/decision/decide-claim-route';
import { database } from './activities';
import { moveTo } from './progress';
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

/** Stage 7, last part: what the patient owes on the visit, in one statement. */
export async function settlePatientBalance(run: BillingRun): Promise<Phase> {
  const statement = await database.issuePatientStatement({
    visitId: run.visitId,
    statementKey: `${run.visitId}:final`,
  });
  if (statement) moveTo(run, 'patient_billed', `statement for ${statement.amountDueCents} cents issued`);
  return { step: 'finished', status: 'closed', note: 'visit fully billed' };
}
