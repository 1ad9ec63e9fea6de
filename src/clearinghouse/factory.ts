import type { Database } from '../db/client';
import type { PracticeProfile } from '../practice/practice-profile';
import type { SandboxTiming } from './sandbox/sandbox-clearinghouse';
import { SandboxClearinghouse } from './sandbox/sandbox-clearinghouse';
import type { Clearinghouse } from './types';
import { X12HttpClearinghouse } from './x12-http-clearinghouse';

export interface ClearinghouseOptions {
  /** Our database; the in-process sandbox keeps its tables there. */
  db: Database;
  sandboxTiming: SandboxTiming;
  /** Base URL of an X12 clearinghouse service (env CLEARINGHOUSE_URL); in-process sandbox when absent. */
  clearinghouseUrl?: string;
  practice: PracticeProfile;
  clock?: () => Date;
  usage?: 'T' | 'P';
}

/** In-process sandbox when no URL is configured, the X12-over-HTTP adapter otherwise. */
export function createClearinghouse(options: ClearinghouseOptions): Clearinghouse {
  const identity = {
    billingProvider: options.practice.billingProvider,
    submitter: options.practice.submitter,
    receiver: options.practice.receiver,
  };
  if (options.clearinghouseUrl) {
    return new X12HttpClearinghouse(options.clearinghouseUrl, {
      identity,
      clock: options.clock,
      usage: options.usage,
    });
  }
  return new SandboxClearinghouse(options.db, options.sandboxTiming, options.clock, { identity });
}
