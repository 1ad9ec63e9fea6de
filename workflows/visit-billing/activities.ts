import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../../activities';

const nonRetryableErrorTypes = ['InvalidBillingData'];

/**
 * Short database steps, as local activities: each is one marker in the history and runs inside
 * the workflow task, without a round trip through the task queue.
 */
export const database = proxyLocalActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes,
  },
});

/**
 * Calls to the clearinghouse: one request takes seconds, so an attempt gets 2 minutes; retried
 * with backoff for up to a day before staff hear of it. The worker heartbeats while a call runs
 * (src/temporal/heartbeat-interceptor.ts), so a worker that dies mid-call costs 15 s, not 2 min.
 * Activity options are not part of replay's determinism check: no patch needed.
 */
export const clearinghouse = proxyActivities<BillingActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '15 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes,
  },
});
