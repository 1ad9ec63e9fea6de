import { condition, log } from '@temporalio/workflow';
import type { PostingSummary } from '../../activities/posting';
import type { AcknowledgementNotice, RemittanceNotice } from '../../src/visit-billing/messages';
import { clearinghouse, database } from './activities';
import { continueAsNewIfLong, flush, moveTo } from './progress';
import {
  afterSettlement,
  billsLaterPayer,
  crossoverRemittanceFor,
  laterPayerUnsettled,
} from './secondary-claims';
import {
  applyCoding,
  codingOf,
  takeLatestRevision,
  type BillingRun,
  type ClaimFrequencyChoice,
  type Phase,
} from './state';

/** Known denial fixes are applied at most this often per visit before staff take over. */
const MAX_AUTOMATIC_CORRECTIONS = 2;
const AUTOMATIC_REVIEWER = 'dermclaims denial rules';
/** 277 categories that mean the payer never took the claim in (A3 returned, A6/A7 rejected). */
const REJECTED_CATEGORIES = ['A3', 'A6', 'A7'];

function currentPcn(run: BillingRun): string {
  if (!run.view.patientControlNumber) throw new Error('no claim has been created yet');
  return run.view.patientControlNumber;
}

/** Stage 5: the claim (a new attempt, its charge on the ledger) and the 837P out. */
export async function submitClaim(run: BillingRun, frequency: ClaimFrequencyChoice): Promise<Phase> {
  run.view.attempt += 1;
  run.frequency = frequency;
  const claim = await database.createClaim({
    visitId: run.visitId,
    attempt: run.view.attempt,
    coding: codingOf(run),
    frequency,
    billing: {
      coverageIndex: run.eligibility?.coverageIndex,
      payerType: run.eligibility?.claimPayerType,
      priorAuthorizationNumber: run.priorAuthorizationNumber,
    },
    patientEstimate: run.route?.estimate,
  });
  run.view.claimId = claim.claimId;
  run.view.patientControlNumber = claim.patientControlNumber;
  run.view.payerSequence = 'P';
  run.claimIdsByPcn[claim.patientControlNumber] = claim.claimId;
  await clearinghouse.submitClaim({ claimId: claim.claimId });
  moveTo(run, 'submitted', `claim ${claim.patientControlNumber} submitted (attempt ${run.view.attempt})`);
  return { step: 'await_acknowledgement', inquiries: 0 };
}

function remittanceFor(run: BillingRun, pcn: string): RemittanceNotice | undefined {
  return run.inbox.remittances.find(
    (r) =>
      r.patientControlNumber === pcn &&
      !run.inbox.posted.includes(r.remittanceClaimId) &&
      !crossoverRemittanceFor(run, r),
  );
}

/** A 999 acceptance only says the file was readable; the 277CA (or any rejection) decides. */
function decisiveAcknowledgement(run: BillingRun, pcn: string): AcknowledgementNotice | undefined {
  return run.inbox.acknowledgements.find(
    (a) =>
      a.acknowledgement.patientControlNumber === pcn && (!a.acknowledgement.accepted || a.source === '277CA'),
  );
}

/** Every acknowledgement of the claim lands in its status history once, late ones included. */
function queueAcknowledgements(run: BillingRun, pcn: string): void {
  const claimId = run.claimIdsByPcn[pcn]!;
  for (const notice of run.inbox.acknowledgements) {
    const key = `${notice.documentId}:${pcn}`;
    if (notice.acknowledgement.patientControlNumber !== pcn || run.inbox.recorded.includes(key)) continue;
    run.inbox.recorded.push(key);
    run.outbox.acknowledgements.push({ claimId, notice });
  }
}

/** Stage 6a: the payer's acknowledgement, asking (276/277) when it is late. */
export async function awaitAcknowledgement(
  run: BillingRun,
  phase: Extract<Phase, { step: 'await_acknowledgement' }>,
): Promise<Phase> {
  const pcn = currentPcn(run);
  const heard = () =>
    decisiveAcknowledgement(run, pcn) !== undefined || remittanceFor(run, pcn) !== undefined;
  for (;;) {
    await flush(run);
    if (await condition(heard, run.timers.acknowledgementTimeout)) break;
    phase.inquiries += 1;
    const report = await clearinghouse.inquireClaimStatus({
      claimId: run.view.claimId!,
      inquiryNumber: phase.inquiries,
    });
    if (REJECTED_CATEGORIES.some((c) => report.categoryCode.startsWith(c))) {
      moveTo(run, 'rejected', report.message);
      return { step: 'staff_review', question: { kind: 'rejection', reasons: [report.message] } };
    }
    // Keep going without an acknowledgement: the 835 may still come.
    if (phase.inquiries >= run.timers.maxStatusInquiries) return { step: 'await_remittance', inquiries: 0 };
    await continueAsNewIfLong(run);
  }
  queueAcknowledgements(run, pcn);
  const ack = decisiveAcknowledgement(run, pcn);
  if (ack && !ack.acknowledgement.accepted) {
    moveTo(run, 'rejected', ack.acknowledgement.reasons.join('; '));
    return { step: 'staff_review', question: { kind: 'rejection', reasons: ack.acknowledgement.reasons } };
  }
  if (ack) moveTo(run, 'accepted', `accepted by the payer (${ack.acknowledgement.categoryCode})`);
  return { step: 'await_remittance', inquiries: 0 };
}

/** Stage 6b: the 835, asking the payer after each follow-up period; staff hear when none comes. */
export async function awaitRemittance(
  run: BillingRun,
  phase: Extract<Phase, { step: 'await_remittance' }>,
): Promise<Phase> {
  const pcn = currentPcn(run);
  for (;;) {
    await flush(run);
    if (await condition(() => remittanceFor(run, pcn) !== undefined, run.timers.remittanceFollowUp))
      return postRemittance(run, remittanceFor(run, pcn)!);
    if (phase.inquiries >= run.timers.maxStatusInquiries)
      return {
        step: 'staff_review',
        question: { kind: 'no_payment', reasons: ['no remittance after repeated claim status inquiries'] },
      };
    phase.inquiries += 1;
    const report = await clearinghouse.inquireClaimStatus({
      claimId: run.view.claimId!,
      inquiryNumber: 100 + phase.inquiries,
    });
    log.info('claim status inquiry', { category: report.categoryCode, status: report.statusCode });
    await continueAsNewIfLong(run);
  }
}

async function postNotice(run: BillingRun, notice: RemittanceNotice): Promise<PostingSummary> {
  run.inbox.posted.push(notice.remittanceClaimId);
  const posting = await database.postRemittance({
    claimId: run.claimIdsByPcn[notice.patientControlNumber]!,
    remittanceClaimId: notice.remittanceClaimId,
  });
  if (posting.statusCode !== '22') run.lastPayerClaimNumber = posting.payerClaimNumber;
  run.view.paidCents = (run.view.paidCents ?? 0) + posting.paidCents;
  run.view.patientResponsibilityCents =
    (run.view.patientResponsibilityCents ?? 0) + posting.patientResponsibilityCents;
  return posting;
}

/** Reversals and late payments of earlier attempts are posted to those claims as they arrive. */
async function postEarlierAttempts(run: BillingRun, currentPcn: string): Promise<void> {
  for (const notice of run.inbox.remittances) {
    const earlier =
      notice.patientControlNumber !== currentPcn && run.claimIdsByPcn[notice.patientControlNumber];
    if (
      earlier &&
      !run.inbox.posted.includes(notice.remittanceClaimId) &&
      !crossoverRemittanceFor(run, notice)
    )
      await postNotice(run, notice);
  }
}

/** Stage 7: the payment on the ledger; a denial corrected automatically when a known fix applies. */
async function postRemittance(run: BillingRun, notice: RemittanceNotice): Promise<Phase> {
  const pcn = currentPcn(run);
  const posting = await postNotice(run, notice);
  queueAcknowledgements(run, pcn);
  await postEarlierAttempts(run, pcn);
  if (posting.statusCode !== '4' && posting.insuranceBalanceCents === 0) {
    moveTo(
      run,
      'paid',
      `paid ${posting.paidCents} cents; patient owes ${posting.patientResponsibilityCents}`,
    );
    return { step: 'after_submission' };
  }
  if (billsLaterPayer(run)) return laterPayerUnsettled(run, posting);
  return resolveDenial(run, notice, posting);
}

async function resolveDenial(
  run: BillingRun,
  notice: RemittanceNotice,
  posting: PostingSummary,
): Promise<Phase> {
  const claimId = run.view.claimId!;
  // An adjudicated claim is corrected by replacement (frequency 7 quoting the payer's claim number).
  const replacement = { code: '7' as const, originalPayerClaimNumber: posting.payerClaimNumber };
  const plan = await database.planDenialResolution({ claimId, remittanceClaimId: notice.remittanceClaimId });
  const reasons = posting.denialReasons.join(', ');
  if (plan.action === 'write_off') {
    await database.settleInsuranceBalance({
      claimId,
      to: 'write_off',
      reviewer: AUTOMATIC_REVIEWER,
      key: claimId,
    });
    moveTo(run, 'paid', `bundled lines written off: ${plan.explanation.join('; ')}`);
    return { step: 'after_submission' };
  }
  if (plan.action === 'correct' && run.automaticCorrections < MAX_AUTOMATIC_CORRECTIONS) {
    run.automaticCorrections += 1;
    const checked = await database.reviewAmendment({
      visitId: run.visitId,
      revision: run.revision + 1,
      dateOfService: run.visit?.dateOfService ?? '',
      previous: codingOf(run),
      decision: {
        action: 'amend',
        reviewer: AUTOMATIC_REVIEWER,
        note: plan.explanation.join('; '),
        lines: plan.lines,
      },
    });
    if (checked.accepted) {
      run.revision += 1;
      applyCoding(run, checked.coding);
      moveTo(run, 'denied', `${reasons}: corrected automatically (${plan.explanation.join('; ')})`);
      return { step: 'submit', frequency: replacement };
    }
  }
  moveTo(run, 'denied', `denied or short-paid: ${reasons || posting.statusCode}`);
  return {
    step: 'staff_review',
    question: {
      kind: 'denial',
      claimId,
      replacement,
      reasons: [
        `payer denied or reduced the claim: ${reasons}`,
        `open insurance balance ${posting.insuranceBalanceCents} cents`,
        ...(plan.action === 'staff'
          ? plan.reasons
          : ['automatic corrections exhausted or refused by the coding rules']),
      ],
    },
  };
}

/** After the claim settles: documentation amended meanwhile goes to staff (a corrected claim may be due). */
export async function afterSubmission(run: BillingRun): Promise<Phase> {
  const revision = takeLatestRevision(run);
  if (revision === undefined) return afterSettlement();
  await database.applyVisitRevision({ visitId: run.visitId, revision });
  return {
    step: 'staff_review',
    question: {
      kind: 'documentation_amended',
      reasons: [
        `the EHR amended the documentation (revision ${revision}) after the claim was submitted: review whether a corrected claim is needed`,
      ],
    },
  };
}
