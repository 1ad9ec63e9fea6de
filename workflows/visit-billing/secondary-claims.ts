import { condition, patched } from '@temporalio/workflow';
import type { PostingSummary } from '../../activities/posting';
import type { RemittanceNotice, ReviewDecision } from '../../src/visit-billing/messages';
import { clearinghouse, database } from './activities';
import { continueAsNewIfLong, flush, moveTo } from './progress';
import type { BillingRun, Phase, StaffQuestion } from './state';

/**
 * secondary-claims: a settled claim that leaves the patient a share goes to the visit's next
 * coverage (secondary, then tertiary) before the patient is billed. Runs recorded before it went
 * straight to the patient balance; remove the check once they have closed.
 */
const SECONDARY_CLAIMS_PATCH = 'secondary-claims';

/** Where a settled claim goes next: the next payer in line (patched), else the patient balance. */
export function afterSettlement(): Phase {
  return patched(SECONDARY_CLAIMS_PATCH) ? { step: 'next_payer' } : { step: 'patient_balance' };
}

export function billsLaterPayer(run: BillingRun): boolean {
  return run.view.payerSequence === 'S' || run.view.payerSequence === 'T';
}

/** CLP02 2/3: processed as secondary/tertiary. */
const LATER_PAYER_STATUSES: ReadonlySet<string> = new Set(['2', '3']);

/**
 * A later payer's 835 quoting a primary claim's CLP01 (a crossover): not that claim's own
 * remittance. Remittance documents are read in parallel, so it may arrive before the primary's.
 */
export function crossoverRemittanceFor(run: BillingRun, notice: RemittanceNotice): boolean {
  if (!LATER_PAYER_STATUSES.has(notice.statusCode)) return false;
  if (billsLaterPayer(run) && notice.patientControlNumber === run.view.patientControlNumber) return false;
  return patched(SECONDARY_CLAIMS_PATCH);
}

const SEQUENCE_NAMES = { P: 'primary', S: 'secondary', T: 'tertiary' } as const;

/**
 * The claim to the next coverage, with the prior payers' adjudication and what the patient owed
 * moved onto it; sent as an 837P unless the prior payer crossed it over (then its 835 is awaited).
 */
export async function billNextPayer(run: BillingRun): Promise<Phase> {
  const previousClaimId = run.view.claimId;
  if (!previousClaimId) return { step: 'patient_balance' };
  const claim = await database.createSecondaryClaim({
    visitId: run.visitId,
    previousClaimId,
    attempt: run.view.attempt + 1,
  });
  if (!claim) return { step: 'patient_balance' };
  run.view.attempt += 1;
  run.view.claimId = claim.claimId;
  run.view.patientControlNumber = claim.patientControlNumber;
  run.view.payerSequence = claim.payerSequence;
  run.claimIdsByPcn[claim.patientControlNumber] = claim.claimId;
  // What the patient owed is the next payer's to pay now; its 835 says what stays with the patient.
  run.view.patientResponsibilityCents = (run.view.patientResponsibilityCents ?? 0) - claim.transferredCents;
  const name = SEQUENCE_NAMES[claim.payerSequence];
  if (claim.crossover) {
    moveTo(run, 'submitted', `crossed over to the ${name} payer: awaiting its remittance`);
    return { step: 'await_crossover', ...claim.crossover, followUps: 0 };
  }
  await clearinghouse.submitClaim({ claimId: claim.claimId });
  moveTo(run, 'submitted', `${name} claim ${claim.patientControlNumber} submitted`);
  return { step: 'await_acknowledgement', inquiries: 0 };
}

function crossoverRemittance(
  run: BillingRun,
  phase: Extract<Phase, { step: 'await_crossover' }>,
): RemittanceNotice | undefined {
  return run.inbox.remittances.find(
    (r) =>
      r.patientControlNumber === phase.crossedOverPcn &&
      r.statusCode !== '22' &&
      (r.payerId === undefined || r.payerId === phase.payerId) &&
      !run.inbox.posted.includes(r.remittanceClaimId),
  );
}

/**
 * The crossover payer's 835 (quoting the crossed-over claim) posts to the claim kept for it. When
 * none comes after the follow-up periods, the claim is sent to that payer as an 837P after all.
 */
export async function awaitCrossover(
  run: BillingRun,
  phase: Extract<Phase, { step: 'await_crossover' }>,
): Promise<Phase> {
  const claimId = run.view.claimId!;
  for (;;) {
    await flush(run);
    const heard = () => crossoverRemittance(run, phase) !== undefined;
    if (await condition(heard, run.timers.remittanceFollowUp)) break;
    phase.followUps += 1;
    if (phase.followUps >= run.timers.maxStatusInquiries) {
      await clearinghouse.submitClaim({ claimId });
      moveTo(run, 'submitted', `no crossover remittance: claim ${run.view.patientControlNumber} submitted`);
      return { step: 'await_acknowledgement', inquiries: 0 };
    }
    await continueAsNewIfLong(run);
  }
  const notice = crossoverRemittance(run, phase)!;
  run.inbox.posted.push(notice.remittanceClaimId);
  const posting = await database.postRemittance({ claimId, remittanceClaimId: notice.remittanceClaimId });
  run.view.paidCents = (run.view.paidCents ?? 0) + posting.paidCents;
  run.view.patientResponsibilityCents =
    (run.view.patientResponsibilityCents ?? 0) + posting.patientResponsibilityCents;
  if (posting.statusCode !== '4' && posting.insuranceBalanceCents === 0) {
    moveTo(
      run,
      'paid',
      `crossover paid ${posting.paidCents} cents; patient owes ${posting.patientResponsibilityCents}`,
    );
    return { step: 'after_submission' };
  }
  return laterPayerUnsettled(run, posting);
}

/**
 * A secondary or tertiary payer denied or short-paid: staff decide (write off the rest, or bill the
 * patient). Automatic corrections are for the primary claim's codes, not for a later payer.
 */
export function laterPayerUnsettled(run: BillingRun, posting: PostingSummary): Phase {
  const claimId = run.view.claimId!;
  const reasons = posting.denialReasons.join(', ') || posting.statusCode;
  moveTo(
    run,
    'denied',
    `${SEQUENCE_NAMES[run.view.payerSequence ?? 'S']} payer denied or short-paid: ${reasons}`,
  );
  return {
    step: 'staff_review',
    question: {
      kind: 'denial',
      claimId,
      replacement: { code: '7', originalPayerClaimNumber: posting.payerClaimNumber },
      reasons: [
        `the ${SEQUENCE_NAMES[run.view.payerSequence ?? 'S']} payer denied or reduced the claim: ${reasons}`,
        `open insurance balance ${posting.insuranceBalanceCents} cents`,
      ],
    },
  };
}

/**
 * Staff actions that would send a corrected or repeated claim are for the primary claim's codes:
 * on a secondary/tertiary claim's task they are refused (write it off, bill the patient, or close).
 */
export function laterPayerRefusal(
  run: BillingRun,
  question: StaffQuestion,
  decision: Pick<ReviewDecision, 'action'>,
): string | undefined {
  if (!billsLaterPayer(run)) return undefined;
  const resubmits =
    decision.action === 'amend' ||
    (decision.action === 'approve' && (question.kind === 'rejection' || question.kind === 'no_payment'));
  if (!resubmits) return undefined;
  const name = SEQUENCE_NAMES[run.view.payerSequence ?? 'S'];
  return `the open claim bills the ${name} payer: ${decision.action} would send a new claim; write off, bill the patient or reject instead`;
}
