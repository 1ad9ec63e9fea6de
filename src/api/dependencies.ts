import type { Client } from '@temporalio/client';
import type { FeeSchedule } from '../coding';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import type { CodecServerOptions } from './routes/codec-server';
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
  /** The Temporal codec server at /codec (src/api/routes/codec-server.ts); absent: not served. */
  codecServer?: CodecServerOptions;
}
