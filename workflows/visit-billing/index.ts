import { setHandler } from '@temporalio/workflow';
import type { VisitBillingState } from '../../src/visit-billing/messages';
import {
  claimAcknowledgedSignal,
  claimStateQuery,
  decideReviewUpdate,
  documentationAmendedSignal,
  pathologyResultSignal,
  patientPaymentReceivedSignal,
  remittanceReceivedSignal,
  reviewDecisionSignal,
} from '../messages';
import { afterSubmission, awaitAcknowledgement, awaitRemittance, submitClaim } from './claim-cycle';
import { awaitPatientPayment, issueCycleStatement, settlePatientBalance } from './patient-balance';
import { prepare } from './prepare';
import { awaitCrossover, billNextPayer } from './secondary-claims';
import { continueAsNewIfLong, flush, moveTo } from './progress';
import { receiveSignalledDecision, staffReview, takeDecision, validateDecision } from './staff-review';
import { assertNever, newRun, type BillingRun, type Phase, type VisitBillingRunInput } from './state';

/**
 * One visit, from completed documentation to cash: coding → eligibility → decision → claim →
 * tracking → posting → patient statement, as steps over one typed state (./state.ts). Holds no
 * patient data: activities read it by visit id. Staff decide through the decideReview Update.
 */
export async function visitBillingWorkflowV2(input: VisitBillingRunInput): Promise<VisitBillingState> {
  const run = input.continued ?? newRun(input);
  listen(run);
  for (;;) {
    const phase = run.phase;
    if (phase.step === 'finished') {
      moveTo(run, phase.status, phase.note);
      await flush(run);
      return run.view;
    }
    run.phase = await advance(run, phase);
    await continueAsNewIfLong(run);
  }
}

function advance(run: BillingRun, phase: Exclude<Phase, { step: 'finished' }>): Promise<Phase> {
  switch (phase.step) {
    case 'prepare':
      return prepare(run);
    case 'staff_review':
      return staffReview(run, phase.question);
    case 'submit':
      return submitClaim(run, phase.frequency);
    case 'await_acknowledgement':
      return awaitAcknowledgement(run, phase);
    case 'await_remittance':
      return awaitRemittance(run, phase);
    case 'after_submission':
      return afterSubmission(run);
    case 'next_payer':
      return billNextPayer(run);
    case 'await_crossover':
      return awaitCrossover(run, phase);
    case 'patient_balance':
      return settlePatientBalance(run);
    case 'statement_cycle':
      return issueCycleStatement(run, phase);
    case 'await_patient_payment':
      return awaitPatientPayment(run, phase);
    default:
      return assertNever(phase);
  }
}

/** Messages are taken into the state; the steps act on them. Inbox signals arrive at least once. */
function listen(run: BillingRun): void {
  setHandler(claimStateQuery, () => run.view);
  setHandler(decideReviewUpdate, (decision) => takeDecision(run, decision), {
    validator: (decision) => validateDecision(run, decision),
  });
  setHandler(reviewDecisionSignal, (decision) => receiveSignalledDecision(run, decision));
  setHandler(pathologyResultSignal, (result) => void run.pathologyResults.push(result));
  setHandler(documentationAmendedSignal, ({ revision }) => void run.pendingRevisions.push(revision));
  setHandler(claimAcknowledgedSignal, (notice) => {
    const key = `${notice.documentId}:${notice.acknowledgement.patientControlNumber}`;
    if (run.inbox.seen.includes(key)) return;
    run.inbox.seen.push(key);
    run.inbox.acknowledgements.push(notice);
  });
  setHandler(patientPaymentReceivedSignal, ({ paymentId }) => {
    const seen = (run.patientPayments ??= []);
    if (!seen.includes(paymentId)) seen.push(paymentId);
  });
  setHandler(remittanceReceivedSignal, (notice) => {
    if (run.inbox.seen.includes(notice.remittanceClaimId)) return;
    run.inbox.seen.push(notice.remittanceClaimId);
    run.inbox.remittances.push(notice);
  });
}
