import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../src/temporal/worker';
import type { visitBillingWorkflow } from '../../workflows';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';
import { claimStateQuery, reviewDecisionSignal } from '../../workflows/messages';
import { SERVICE_MONTH_PATCH } from '../../workflows/service-date';
import { testDataConverter, timeSkippingEnvironment } from '../support/temporal';
import { deliverAcceptanceAndPayment, mockActivities } from '../workflows/mock-activities';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

const reviewFirst = () =>
  mockActivities([], {
    decideClaimRoute: async () => ({
      action: 'review' as const,
      reasons: ['coding confidence 0.60 is below 0.85'],
    }),
  });

/** A worker of the release under test, or (patchActivation false) of the release before the change. */
async function worker(taskQueue: string, patchActivation = true): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: reviewFirst(),
    dataConverter: testDataConverter,
    // The old release keeps no sticky cache: its successor must get the run's next task.
    ...(patchActivation ? {} : { patchActivationCallback: () => false, maxCachedWorkflows: 0 }),
  });
}

async function searchAttributes(handle: WorkflowHandle): Promise<Record<string, unknown>> {
  const description = await handle.describe();
  return Object.fromEntries(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

function start(taskQueue: string, visitId: string) {
  return env.client.workflow.start<typeof visitBillingWorkflow>('visitBillingWorkflow', {
    taskQueue,
    workflowId: `visit-${visitId}`,
    args: [{ visitId, timers: defaultBillingTimers }],
  });
}

const needsReview = (handle: WorkflowHandle) => async () =>
  (await handle.query(claimStateQuery)).status === 'needs_review';

test('a new run tags the month of service, never the exact date', async () => {
  const w = await worker('sa-new');
  const handle = await start('sa-new', 'SA-NEW-1');
  await w.runUntil(until(needsReview(handle)));
  const attributes = await searchAttributes(handle);
  expect(attributes.ServiceMonth).toEqual(new Date('2026-11-01T00:00:00Z')); // date of service 2026-11-20
  expect(attributes).not.toHaveProperty('DateOfService');
  await handle.terminate('test done');
});

test('a run started before the change drops its exact date at its next status change', async () => {
  const before = await worker('sa-upgrade', false);
  const handle = await start('sa-upgrade', 'SA-OLD-1');
  await before.runUntil(until(needsReview(handle)));
  expect(await searchAttributes(handle)).toMatchObject({ DateOfService: new Date('2026-11-20T00:00:00Z') });
  expect(await searchAttributes(handle)).not.toHaveProperty('ServiceMonth');

  const after = await worker('sa-upgrade');
  await after.runUntil(async () => {
    await handle.signal(reviewDecisionSignal, { action: 'approve', reviewer: 'biller-7' });
    await deliverAcceptanceAndPayment(handle);
    await handle.result();
  });
  const attributes = await searchAttributes(handle);
  expect(attributes).not.toHaveProperty('DateOfService');
  expect(attributes.ServiceMonth).toEqual(new Date('2026-11-01T00:00:00Z'));
  const history = await handle.fetchHistory();
  const markers = history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
  expect(markers).toHaveLength(1);
  // The whole mixed history (old part, then the patched part) replays with the new code.
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle(), dataConverter: testDataConverter },
    history,
  );
  expect(SERVICE_MONTH_PATCH).toBe('service-month-search-attribute'); // the id in recorded histories
});

test('a history recorded with the release before the change replays without nondeterminism', async () => {
  const file = path.join(__dirname, '../fixtures/histories/visit-review-amended-v1.json');
  const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(file, 'utf8')));
  expect(history.events!.length).toBeGreaterThan(100);
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle(), dataConverter: testDataConverter },
    history,
  );
});
