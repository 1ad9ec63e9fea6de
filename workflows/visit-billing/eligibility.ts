import { RetryState } from '@temporalio/common';
import { ActivityFailure, TimeoutFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../../activities';
import type { VisitEligibility } from '../../src/eligibility/types';
import { DEFAULT_ELIGIBILITY_DEADLINE } from '../../src/visit-billing/vocabulary';
import { clearinghouse } from './activities';
import type { BillingRun } from './state';

/**
 * eligibility-deadline: the 270/271 is retried with backoff (payer not answering, AAA 42/80,
 * clearinghouse errors) only until the run's eligibilityDeadline; then the visit goes to review as
 * unconfirmed instead of waiting for a day. Runs started before it keep the day-long retry: remove
 * the unpatched branch once no visit run older than this patch is open (about a month after release).
 */
export const ELIGIBILITY_DEADLINE_PATCH = 'eligibility-deadline';

export async function checkVisitEligibility(
  run: BillingRun,
  procedureCodes: string[],
): Promise<VisitEligibility> {
  const input = { visitId: run.visitId, procedureCodes };
  if (!patched(ELIGIBILITY_DEADLINE_PATCH)) return clearinghouse.checkEligibility(input);
  const deadline = run.timers.eligibilityDeadline ?? DEFAULT_ELIGIBILITY_DEADLINE;
  const eligibility = proxyActivities<BillingActivities>({
    startToCloseTimeout: '2 minutes',
    // As for every clearinghouse call: a worker killed mid-call costs 15 s, not the 2-minute attempt.
    heartbeatTimeout: '15 seconds',
    scheduleToCloseTimeout: deadline,
    // A clearinghouse error is usually gone in a second; a payer that is down gets ever longer waits.
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: '30 minutes',
      nonRetryableErrorTypes: ['InvalidBillingData'],
    },
  });
  try {
    return await eligibility.checkEligibility(input);
  } catch (error) {
    // Out of time: the last attempt's failure comes back with retry state TIMEOUT (or a timeout).
    const outOfTime =
      error instanceof ActivityFailure &&
      (error.retryState === RetryState.TIMEOUT || error.cause instanceof TimeoutFailure);
    if (!outOfTime) throw error;
    return unconfirmed(String(deadline));
  }
}

function unconfirmed(deadline: string): VisitEligibility {
  return {
    status: 'error',
    unconfirmed: true,
    priorAuthRequiredFor: [],
    errors: [{ code: 'UNCONFIRMED', message: `eligibility not confirmed within ${deadline}` }],
  };
}
