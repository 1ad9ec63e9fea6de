import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type {
  VisitMessages,
  VisitQueryName,
  VisitSignalName,
  VisitUpdateName,
} from '../visit-billing/messages';

/**
 * Client-side definitions of the visit workflow's messages, built from their names and types in
 * src/visit-billing/messages.ts (the workflow defines the same names in workflows/messages.ts).
 * A definition is only `{ type, name }` at run time; the type parameters check the payloads.
 */
function signal<N extends VisitSignalName>(name: N): SignalDefinition<VisitMessages[N]['args'], N> {
  return { type: 'signal', name } as SignalDefinition<VisitMessages[N]['args'], N>;
}
function update<N extends VisitUpdateName>(
  name: N,
): UpdateDefinition<VisitMessages[N]['result'], VisitMessages[N]['args'], N> {
  return { type: 'update', name } as UpdateDefinition<
    VisitMessages[N]['result'],
    VisitMessages[N]['args'],
    N
  >;
}
function query<N extends VisitQueryName>(
  name: N,
): QueryDefinition<VisitMessages[N]['result'], VisitMessages[N]['args'], N> {
  return { type: 'query', name } as QueryDefinition<VisitMessages[N]['result'], VisitMessages[N]['args'], N>;
}

export const reviewDecisionSignal = signal('reviewDecision');
export const decideReviewUpdate = update('decideReview');
export const pathologyResultSignal = signal('pathologyResult');
export const documentationAmendedSignal = signal('documentationAmended');
export const claimAcknowledgedSignal = signal('claimAcknowledged');
export const remittanceReceivedSignal = signal('remittanceReceived');
export const patientPaymentReceivedSignal = signal('patientPaymentReceived');
export const claimStateQuery = query('claimState');
