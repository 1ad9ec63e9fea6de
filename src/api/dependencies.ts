import type { Client } from '@temporalio/client';
import type { FeeSchedule } from '../coding';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import type { RateLimits } from './rate-limit';
import type { BillingTimers } from '../../workflows/messages';

export interface ApiDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  timers: BillingTimers;
  feeSchedule: FeeSchedule;
  webhook: { secret: string; toleranceSeconds: number };
  /** Bearer token for staff endpoints (review queue, decisions, claim state, metrics). */
  staffToken: string;
  logger: Logger;
  clock: () => Date;
  /** Per-IP request limits per route group (defaults: defaultRateLimits). */
  rateLimits?: RateLimits;
  /** Express `trust proxy` (hops or addresses) when the API sits behind a reverse proxy. */
  trustProxy?: boolean | number | string;
}
