import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import { remittancePoster } from '../../src/posting/post-claim-payments';
import { createApiApp, type ApiDependencies } from '../../src/api/app';
import { createClearinghouse } from '../../src/clearinghouse/factory';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { Database } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { createBillingWorker } from '../../src/temporal/worker';
import { defaultBillingTimers, type BillingTimers } from '../../src/visit-billing/vocabulary';
import { createTestDatabase, type TestDatabase } from './database';
import { createStaff } from './staff';
import { devServerEnvironment, testDataConverter } from './temporal';

export const TEST_WEBHOOK_SECRET = 'api-test-webhook-secret-0123456789';
export const TEST_TASK_QUEUE = 'api-test';
const TASK_QUEUE = TEST_TASK_QUEUE;

export interface RunningTestApi {
  url: string;
  database: TestDatabase;
  temporal: TestWorkflowEnvironment;
  /** A supervisor's API key (the staff routes' credential) and its Authorization header. */
  staffKey: string;
  staffBearer: string;
  stop(): Promise<void>;
}

export interface TestApiOptions {
  /** Run the billing worker (with the in-process sandbox clearinghouse), as `npm start` does. */
  worker?: boolean;
  /** Dependencies of the API to replace. */
  overrides?: Partial<ApiDependencies>;
  /** The worker's decision policy (default: confidence 0.85 and the shipped policy file). */
  decisionPolicy?: DecisionPolicySetting;
}

type DecisionPolicySetting = Parameters<typeof createBillingWorker>[0]['dependencies']['decisionPolicy'];

async function startWorker(
  temporal: TestWorkflowEnvironment,
  db: Database,
  decisionPolicy: DecisionPolicySetting = { autoSubmitMinConfidence: 0.85 },
): Promise<() => Promise<void>> {
  const worker: Worker = await createBillingWorker({
    connection: temporal.nativeConnection,
    namespace: temporal.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    shutdownGraceTime: '1s',
    dataConverter: testDataConverter,
    dependencies: {
      db,
      clearinghouse: createClearinghouse({
        db,
        sandboxTiming: { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
        practice: demoPracticeProfile,
      }),
      clock: () => new Date(),
      practice: demoPracticeProfile,
      feeSchedule: defaultFeeSchedule,
      decisionPolicy,
    },
  });
  const running = worker.run();
  return async () => {
    worker.shutdown();
    await running;
  };
}

/**
 * The product's timers, but one statement cycle of a second: nobody pays in these tests, so a
 * billed visit gets its final notice, then a collections task, and its run closes.
 */
const TEST_TIMERS: BillingTimers = {
  ...defaultBillingTimers,
  statementCycles: [{ kind: 'final', untilNext: '1 second' }],
};

/** The real API on a scratch database and the Temporal dev server, listening on a free port. */
export async function startTestApi(options: TestApiOptions = {}): Promise<RunningTestApi> {
  const temporal = await devServerEnvironment();
  const stops: Array<() => Promise<void>> = [() => temporal.teardown()];
  // Every step runs even when one fails (the Temporal server must never be left behind).
  const stop = async () => {
    const failures: unknown[] = [];
    for (const step of stops.reverse()) await step().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'stopping the test API failed');
  };
  try {
    const database = await createTestDatabase();
    stops.push(() => database.drop());
    if (options.worker) stops.push(await startWorker(temporal, database.db, options.decisionPolicy));
    const staff = await createStaff(database.db, 'api-test-supervisor', 'supervisor');
    const app = createApiApp({
      db: database.db,
      temporal: temporal.client,
      taskQueue: TASK_QUEUE,
      timers: TEST_TIMERS,
      feeSchedule: defaultFeeSchedule,
      webhook: { secret: TEST_WEBHOOK_SECRET, toleranceSeconds: 300 },
      logger: createLogger('silent'),
      clock: () => new Date(),
      postRemittance: remittancePoster({ db: database.db, clock: () => new Date() }),
      ...options.overrides,
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    stops.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const staffKey = staff.bearer.slice('Bearer '.length);
    return { url: `http://127.0.0.1:${port}`, database, temporal, staffKey, staffBearer: staff.bearer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
