/**
 * Baseline for bench/visits.ts: a workflow that does nothing but call a no-op activity K times in
 * sequence, with the same retry shape as the billing workflow's database activities.
 */
import { proxyActivities } from '@temporalio/workflow';

export interface NoopActivities {
  noop(input: { step: number }): Promise<void>;
}

const { noop } = proxyActivities<NoopActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function noopWorkflow(input: { activities: number }): Promise<number> {
  for (let step = 1; step <= input.activities; step++) await noop({ step });
  return input.activities;
}
