import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ClaimStatus } from '../../src/visit-billing/vocabulary';
import {
  ClaimStatusKey,
  NeedsReviewKey,
  PayerIdKey,
  PracticeIdKey,
  ReviewPriorityKey,
  ReviewReasonsKey,
  ServiceMonthKey,
} from '../search-attributes';
import { serviceMonth } from '../service-date';
import { database } from './activities';
import type { BillingRun, VisitBillingRunInput } from './state';

/** A status change: in the query view at once, in the database and search attributes at the next flush. */
export function moveTo(run: BillingRun, status: ClaimStatus, note: string): void {
  const change = { at: new Date().toISOString(), status, note };
  run.view.status = status;
  run.view.history.push(change);
  run.outbox.sequence += 1;
  run.outbox.changes.push({ ...change, sequence: run.outbox.sequence });
}

/**
 * review-reasons-attribute: the open review's reason codes as the ReviewReasons search attribute.
 * Runs started before it never set it; remove the check once they have closed (about a month).
 */
function reviewReasonsAttribute(run: BillingRun) {
  if (!patched('review-reasons-attribute')) return [];
  return [{ key: ReviewReasonsKey, value: run.review?.task.reasonCodes ?? [] }];
}

export function updateSearchAttributes(run: BillingRun): void {
  const visit = run.visit;
  upsertSearchAttributes([
    { key: ClaimStatusKey, value: run.view.status },
    { key: NeedsReviewKey, value: run.view.status === 'needs_review' || run.review !== undefined },
    { key: ReviewPriorityKey, value: run.review?.task.priority ?? 0 },
    ...reviewReasonsAttribute(run),
    ...(visit
      ? [
          { key: PracticeIdKey, value: visit.practiceId },
          // The month only: search attributes are not encrypted (docs/phi.md).
          { key: ServiceMonthKey, value: serviceMonth(visit.dateOfService) },
          ...(visit.payerId ? [{ key: PayerIdKey, value: visit.payerId }] : []),
        ]
      : []),
  ]);
}

/**
 * Writes the progress since the last flush in one local activity (statuses, audit events,
 * acknowledgements) and updates the search attributes once. Called before every wait.
 */
export async function flush(run: BillingRun): Promise<void> {
  const { changes, acknowledgements } = run.outbox;
  if (changes.length === 0 && acknowledgements.length === 0) return;
  run.outbox.changes = [];
  run.outbox.acknowledgements = [];
  await database.recordVisitProgress({ visitId: run.visitId, changes, acknowledgements });
  if (changes.length > 0) updateSearchAttributes(run);
}

/**
 * A visit can stay open for months (reminders, inquiries, corrected claims): past the history
 * limit, or when the server suggests it, the run continues as new from its current step.
 */
export async function continueAsNewIfLong(run: BillingRun): Promise<void> {
  const info = workflowInfo();
  if (!info.continueAsNewSuggested && info.historyLength < run.historyLimit) return;
  await flush(run);
  await condition(allHandlersFinished);
  const input: VisitBillingRunInput = {
    visitId: run.visitId,
    timers: run.timers,
    historyLimit: run.historyLimit,
    continued: run,
  };
  await continueAsNew<(input: VisitBillingRunInput) => Promise<unknown>>(input);
}
