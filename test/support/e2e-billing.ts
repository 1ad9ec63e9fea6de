import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import request from 'supertest';
import type { ActivityDependencies } from '../../activities';
import { createApiApp } from '../../src/api/app';
import { createClearinghouse } from '../../src/clearinghouse/factory';
import {
  startSandboxHttpServer,
  type RunningSandboxServer,
} from '../../src/clearinghouse/sandbox/http-server';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { createLogger } from '../../src/logger';
import { remittancePoster } from '../../src/posting/post-claim-payments';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { ensureInboxWorkflow } from '../../src/temporal/visit-workflows';
import { createBillingWorker } from '../../src/temporal/worker';
import type { BillingTimers } from '../../src/visit-billing/vocabulary';
import { createTestDatabase, type TestDatabase } from './database';
import { devServerEnvironment, testDataConverter } from './temporal';

export const E2E_WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';

/**
 * Short follow-ups, and one statement then (nobody pays in these tests) a collections task a
 * second later: billed visits' runs close.
 */
export const E2E_TIMERS = {
  reviewReminder: '1 hour',
  reviewEscalation: '3 days',
  pathologyDeadline: '14 days',
  acknowledgementTimeout: '1 hour',
  remittanceFollowUp: '1 hour',
  maxStatusInquiries: 3,
  statementCycles: [{ kind: 'final', untilNext: '1 second' }],
} as const satisfies BillingTimers;

/**
 * The visit-to-cash path on real parts: the Temporal dev server, the billing worker, the API
 * (in process, for supertest), PostgreSQL, and the sandbox clearinghouse as another system (its own
 * database, over HTTP with X12 bodies), with the inbox workflow polling it.
 */
export interface E2eBilling {
  env: TestWorkflowEnvironment;
  billingDb: TestDatabase;
  clearinghouseDb: TestDatabase;
  sandbox: RunningSandboxServer;
  app: Express;
  dependencies: ActivityDependencies;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  /** Posts a visit-completed event to the webhook, signed with `secret`. */
  postVisit(body: unknown, secret?: string): request.Test;
  stop(): Promise<void>;
}

function activityDependencies(db: TestDatabase['db'], sandboxUrl: string): ActivityDependencies {
  return {
    db,
    clearinghouse: createClearinghouse({
      db,
      sandboxTiming: { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
      clearinghouseUrl: sandboxUrl,
      practice: demoPracticeProfile,
    }),
    clock: () => new Date(),
    practice: demoPracticeProfile,
    feeSchedule: defaultFeeSchedule,
    // These scenarios hold a claim with coverage the sandbox reports inactive (review, not the
    // patient), and the example documents date from 2025: no timely-filing hold on the real clock.
    decisionPolicy: {
      autoSubmitMinConfidence: 0.85,
      file: {
        defaults: { whenNoActiveCoverage: 'review', timelyFilingDays: 3650 },
        payers: {},
        practices: {},
      },
    },
  };
}

export async function startE2eBilling(taskQueue: string): Promise<E2eBilling> {
  const env = await devServerEnvironment();
  const billingDb = await createTestDatabase();
  const clearinghouseDb = await createTestDatabase();
  const sandbox = await startSandboxHttpServer({ db: clearinghouseDb.db });
  const dependencies = activityDependencies(billingDb.db, sandbox.url);
  let worker: Worker | null = null;
  let workerRun: Promise<void> = Promise.resolve();
  const startWorker = async () => {
    worker = await createBillingWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      dependencies,
      dataConverter: testDataConverter,
      shutdownGraceTime: '1s',
    });
    workerRun = worker.run();
  };
  const stopWorker = async () => {
    worker?.shutdown();
    await workerRun;
  };
  await startWorker();
  await ensureInboxWorkflow(env.client, taskQueue, '300ms');
  const app = createApiApp({
    db: billingDb.db,
    temporal: env.client,
    taskQueue,
    timers: E2E_TIMERS,
    feeSchedule: defaultFeeSchedule,
    webhook: { secret: E2E_WEBHOOK_SECRET, toleranceSeconds: 300 },
    logger: createLogger('silent' as 'info'),
    clock: () => new Date(),
    postRemittance: remittancePoster({ db: billingDb.db, clock: () => new Date() }),
  });
  const postVisit = (body: unknown, secret = E2E_WEBHOOK_SECRET) => {
    const raw = JSON.stringify(body);
    return request(app)
      .post('/v1/webhooks/visit-completed')
      .set('content-type', 'application/json')
      .set('x-dermclaims-signature', signWebhookBody(secret, raw, Math.floor(Date.now() / 1000)))
      .send(raw);
  };
  const stop = async () => {
    await stopWorker().catch(() => undefined);
    await sandbox.stop();
    await billingDb.drop();
    await clearinghouseDb.drop();
    await env.teardown();
  };
  return {
    env,
    billingDb,
    clearinghouseDb,
    sandbox,
    app,
    dependencies,
    startWorker,
    stopWorker,
    postVisit,
    stop,
  };
}
