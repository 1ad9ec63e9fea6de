import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { ActivityDependencies } from '../../activities';
import { timelyFilingTaskId } from '../../src/claims/timely-filing';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import {
  ensureTimelyFilingSchedule,
  TIMELY_FILING_SCHEDULE_ID,
  TIMELY_FILING_WORKFLOW_TYPE,
} from '../../src/temporal/timely-filing-schedule';
import { createBillingWorker } from '../../src/temporal/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { devServerEnvironment, testDataConverter } from '../support/temporal';

const taskQueue = 'timely-filing-test';
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let workerRun: Promise<void>;

beforeAll(async () => {
  env = await devServerEnvironment();
  database = await createTestDatabase();
  worker = await createBillingWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    dependencies: {
      db: database.db,
      clock: () => new Date('2026-04-01T08:00:00Z'),
      practice: demoPracticeProfile,
      feeSchedule: defaultFeeSchedule,
      decisionPolicy: { autoSubmitMinConfidence: 0.85 },
    } as unknown as ActivityDependencies,
    dataConverter: testDataConverter,
    shutdownGraceTime: '1s',
  });
  workerRun = worker.run();
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await database?.drop();
  await env?.teardown();
});

test('the worker start creates the daily sweep schedule once; its first run escalates a claim near its deadline', async () => {
  // Submitted a year less 20 days ago to a default payer (365 days, warned 30 days ahead).
  await database.db.visit.create({
    data: {
      id: 'TFS-1',
      practiceId: 'derm1',
      dateOfService: new Date('2025-04-21T00:00:00Z'),
      payerId: 'BCBS1',
      document: {},
      workflowId: 'visit-TFS-1',
      status: 'submitted',
    },
  });
  await database.db.claim.create({
    data: {
      id: 'clm_TFS-1',
      visitId: 'TFS-1',
      patientControlNumber: 'PTFS1',
      attempt: 1,
      payerId: 'BCBS1',
      status: 'submitted',
      totalChargeCents: 100,
      diagnosisCodes: [],
    },
  });
  await ensureTimelyFilingSchedule(env.client, taskQueue);
  await ensureTimelyFilingSchedule(env.client, taskQueue); // a second start leaves it as it is
  const schedule = await env.client.schedule.getHandle(TIMELY_FILING_SCHEDULE_ID).describe();
  expect(schedule.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: TIMELY_FILING_WORKFLOW_TYPE,
    taskQueue,
  });
  expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 86_400_000 })]);

  const task = await waitFor(() =>
    database.db.reviewTask.findUnique({ where: { id: timelyFilingTaskId('clm_TFS-1') } }),
  );
  expect(task).toMatchObject({ kind: 'timely_filing', assignedRole: 'supervisor', priority: 2 });
  expect(task.reasons).toEqual([expect.stringContaining('deadline 2026-04-21 is in 20 days')]);
}, 120_000);

async function waitFor<T>(read: () => Promise<T | null>): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const found = await read();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the scheduled sweep did not run within 30 s');
}
