import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Activity outcomes of the billing workers in this process, for Prometheus: the API's GET /metrics
 * includes them when the worker runs in the same process (`npm start`, `dermclaims up`).
 */
export const activityRegistry = new Registry();

const attempts = new Counter({
  name: 'dermclaims_activity_attempts_total',
  help: 'Activity attempts by activity type and outcome (completed, failed)',
  labelNames: ['activity', 'outcome'],
  registers: [activityRegistry],
});

const retries = new Counter({
  name: 'dermclaims_activity_retries_total',
  help: 'Activity attempts after the first (Temporal retried a failed or timed-out attempt)',
  labelNames: ['activity'],
  registers: [activityRegistry],
});

const duration = new Histogram({
  name: 'dermclaims_activity_duration_seconds',
  help: 'Activity attempt duration by activity type',
  labelNames: ['activity'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
  registers: [activityRegistry],
});

/** Counts every activity attempt (labels are activity type names only: never arguments). */
export const countActivityOutcomes: ActivityInterceptorsFactory = (context: Context) => ({
  inbound: {
    async execute(input, next) {
      const activity = context.info.activityType;
      if (context.info.attempt > 1) retries.inc({ activity });
      const end = duration.startTimer({ activity });
      try {
        const result: unknown = await next(input);
        attempts.inc({ activity, outcome: 'completed' });
        return result;
      } catch (error) {
        attempts.inc({ activity, outcome: 'failed' });
        throw error;
      } finally {
        end();
      }
    },
  },
});
