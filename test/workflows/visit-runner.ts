import { testDataConverter } from '../support/temporal';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { BillingActivities } from '../../activities';
import { workflowBundle } from '../../src/temporal/worker';
import type { VisitBillingState } from '../../src/visit-billing/messages';
import { defaultBillingTimers, type ClaimStatus } from '../../src/visit-billing/vocabulary';
import type { visitBillingWorkflowV2 } from '../../workflows';
import { claimAcknowledgedSignal, claimStateQuery, remittanceReceivedSignal } from '../../workflows/messages';

export type VisitHandle = WorkflowHandleWithFirstExecutionRunId<typeof visitBillingWorkflowV2>;

let visits = 0;

/**
 * `RECORD_HISTORIES=test/workflows/histories/<release> npx jest test/workflows` writes each test's
 * history (its last run) there, for the replay test of later releases to replay.
 */
function recordHistory(history: Parameters<typeof historyToJSON>[0]): void {
  const dir = process.env.RECORD_HISTORIES;
  if (!dir) return;
  const name = (expect.getState().currentTestName ?? 'visit').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${name.slice(0, 80).replace(/-$/, '')}.json`),
    `${JSON.stringify(JSON.parse(historyToJSON(history)))}\n`,
  );
}

/**
 * One v2 visit on the time-skipping server with the given activities, driven by `drive`; returns
 * its result, its handle and its history length (event counts are deterministic, unlike timings).
 */
export async function runVisit(
  env: TestWorkflowEnvironment,
  activities: BillingActivities,
  drive: (handle: VisitHandle) => Promise<void>,
  options: { historyLimit?: number; visitId?: string } = {},
): Promise<{ result: VisitBillingState; handle: VisitHandle; historyEvents: number }> {
  const id = options.visitId ?? `V${++visits}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: `visit-test-${id}`,
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof visitBillingWorkflowV2>('visitBillingWorkflowV2', {
      taskQueue: `visit-test-${id}`,
      workflowId: `visit-${id}`,
      args: [{ visitId: id, timers: defaultBillingTimers, historyLimit: options.historyLimit }],
    });
    await drive(handle);
    const result = await handle.result();
    const history = await handle.fetchHistory();
    recordHistory(history);
    return { result, handle, historyEvents: history.events?.length ?? 0 };
  });
}

export async function waitForStatus(handle: VisitHandle, status: ClaimStatus): Promise<VisitBillingState> {
  for (let i = 0; i < 200; i++) {
    const state = await handle.query(claimStateQuery);
    if (state.status === status) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workflow never reached ${status}`);
}

/** The clearinghouse inbox would deliver these; buffered by the workflow until it needs them. */
export async function deliverAcceptanceAndPayment(handle: VisitHandle, pcn = 'PCN1'): Promise<void> {
  await handle.signal(claimAcknowledgedSignal, {
    documentId: `DOC-277CA-${pcn}`,
    source: '277CA',
    acknowledgement: {
      patientControlNumber: pcn,
      accepted: true,
      categoryCode: 'A2',
      statusCode: '20',
      reasons: [],
    },
  });
  await handle.signal(remittanceReceivedSignal, {
    documentId: `DOC-835-${pcn}`,
    remittanceClaimId: `RC-${pcn}`,
    patientControlNumber: pcn,
    statusCode: '1',
  });
}
