import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from '../activities';

const claims = proxyActivities<BillingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** One timely-filing sweep, started daily by the `timely-filing-sweep` Schedule (src/temporal/timely-filing-schedule.ts). */
export async function timelyFilingSweepWorkflow(): Promise<void> {
  await claims.sweepTimelyFiling();
}
