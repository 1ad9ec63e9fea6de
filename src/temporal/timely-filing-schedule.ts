import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const TIMELY_FILING_SCHEDULE_ID = 'timely-filing-sweep';
/** workflows/timely-filing.ts (named, not imported: src/ never imports workflows/). */
export const TIMELY_FILING_WORKFLOW_TYPE = 'timelyFilingSweepWorkflow';

/**
 * The daily timely-filing sweep as a Temporal Schedule, created once per namespace (an existing
 * schedule is left as operators may have tuned it). A run still going when the next is due is
 * skipped: the sweep is idempotent, so nothing is lost.
 */
export async function ensureTimelyFilingSchedule(
  client: Client,
  taskQueue: string,
  every = '1 day',
): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: TIMELY_FILING_SCHEDULE_ID,
      spec: { intervals: [{ every }] },
      action: {
        type: 'startWorkflow',
        workflowType: TIMELY_FILING_WORKFLOW_TYPE,
        taskQueue,
        workflowId: 'timely-filing-sweep',
        args: [],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      // The first sweep now, not a day after the first start.
      state: { triggerImmediately: true },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
