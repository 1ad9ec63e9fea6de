import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  VisitMessages,
  VisitQueryName,
  VisitSignalName,
  VisitUpdateName,
} from '../src/visit-billing/messages';

/** The visit workflow's signals, updates and queries, named and typed by src/visit-billing/messages.ts. */
function signal<N extends VisitSignalName>(name: N) {
  return defineSignal<VisitMessages[N]['args'], N>(name);
}
function update<N extends VisitUpdateName>(name: N) {
  return defineUpdate<VisitMessages[N]['result'], VisitMessages[N]['args'], N>(name);
}
function query<N extends VisitQueryName>(name: N) {
  return defineQuery<VisitMessages[N]['result'], VisitMessages[N]['args'], N>(name);
}

export const reviewDecisionSignal = signal('reviewDecision');
export const decideReviewUpdate = update('decideReview');
export const pathologyResultSignal = signal('pathologyResult');
export const documentationAmendedSignal = signal('documentationAmended');
export const claimAcknowledgedSignal = signal('claimAcknowledged');
export const remittanceReceivedSignal = signal('remittanceReceived');
export const patientPaymentReceivedSignal = signal('patientPaymentReceived');
export const claimStateQuery = query('claimState');
