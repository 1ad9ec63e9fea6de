import { log } from '@temporalio/activity';
import type { ActivityDependencies } from './dependencies';
import { sweepTimelyFiling, type TimelyFilingSweep } from '../src/claims/timely-filing';
import { configuredDecisionPolicy } from '../src/decision/policy-config';

export function createTimelyFilingActivities(deps: ActivityDependencies) {
  return {
    /** Claims near their filing deadline escalate (src/claims/timely-filing.ts); safe to repeat. */
    async sweepTimelyFiling(): Promise<
      Omit<TimelyFilingSweep, 'raised' | 'opened' | 'closed'> & Record<'raised' | 'opened' | 'closed', number>
    > {
      const sweep = await sweepTimelyFiling(
        deps.db,
        deps.clock,
        deps.decisionPolicy.file ?? configuredDecisionPolicy,
      );
      const counts = {
        backfilled: sweep.backfilled,
        atRisk: sweep.atRisk,
        raised: sweep.raised.length,
        opened: sweep.opened.length,
        closed: sweep.closed.length,
      };
      log.info('timely-filing sweep', counts);
      return counts;
    },
  };
}
