import { ApplicationFailure } from '@temporalio/activity';

/** Data that no retry can fix: fail the activity at once with a reason staff can act on. */
export function invalidData(message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: 'InvalidBillingData',
    nonRetryable: true,
    details: [details],
  });
}
