import type { Client } from '@temporalio/client';
import type { FeeSchedule } from '../coding';
import type { Database } from '../db/client';
import type { EhrConnections } from '../ehr/connections';
import type { Logger } from '../logger';
import type { PaymentProcessor } from '../payments/types';
import type { AuthPolicy } from './auth';
import type { RateLimits } from './rate-limit';
import type { CodecServerOptions } from './routes/codec-server';
import type { BillingTimers } from '../visit-billing/vocabulary';
import type { RemittancePoster } from '../posting/late-remittance';

export interface ApiDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  timers: BillingTimers;
  feeSchedule: FeeSchedule;
  webhook: { secret: string; toleranceSeconds: number };
  /** Sessions and cookies of staff sign-in (defaults: 8 h sessions, 30 min idle, Secure off localhost). */
  auth?: AuthPolicy;
  /** Express "trust proxy" (whose X-Forwarded-For names the client in the audit trail); off by default. */
  trustProxy?: boolean | number | string;
  logger: Logger;
  clock: () => Date;
  /** Per-IP request limits per route group (defaults: defaultRateLimits). */
  rateLimits?: RateLimits;
  /** EHR connections that may deliver FHIR notifications and HL7 v2 over HTTP (absent: none may). */
  ehr?: { connections: EhrConnections };
  /**
   * Posts a remittance claim to a claim (the workflow's postRemittance) when staff match a payment
   * whose visit's workflow no longer waits for it; absent: matching answers 503.
   */
  postRemittance?: RemittancePoster;
  /** The Temporal codec server at /codec (src/api/routes/codec-server.ts); absent: not served. */
  codecServer?: CodecServerOptions;
  /** Charges patients' cards and accounts (absent: the sandbox processor, src/payments/factory.ts). */
  paymentProcessor?: PaymentProcessor;
}
