import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { InboundDocumentRead, InboxPage } from '../../activities/inbox';
import { workflowBundle } from '../../src/temporal/worker';
import { timeSkippingEnvironment, testDataConverter } from '../support/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

const ref = (id: string) => ({ id, kind: '835' as const, receivedAt: '2026-11-20T10:00:00Z' });

test('the mailbox reads document by document: a failing one is retried alone and holds neither the others nor the cursor', async () => {
  const cursors: Array<string | null> = [];
  const attempts = new Map<string, number>();
  const readOrder: string[] = [];
  const pages: InboxPage[] = [
    { documents: [ref('ERA-FLAKY'), ref('ERA-GOOD')], nextCursor: 'c1' },
    { documents: [ref('ACK-LATER')], nextCursor: 'c2' },
  ];
  const activities = {
    listInboundDocuments: async ({ cursor }: { cursor: string | null }): Promise<InboxPage> => {
      cursors.push(cursor);
      return pages[cursors.length - 1] ?? { documents: [], nextCursor: cursor };
    },
    readInboundDocument: async ({ ref: { id } }: { ref: { id: string } }): Promise<InboundDocumentRead> => {
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      if (id === 'ERA-FLAKY' && attempts.get(id)! < 4) throw new Error('clearinghouse 503');
      readOrder.push(id);
      return { notices: [], unmatchedClaims: 0 };
    },
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'inbox-test',
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start('clearinghouseInboxWorkflow', {
      taskQueue: 'inbox-test',
      workflowId: 'clearinghouse-inbox-test',
      args: [{ cursor: null, pollInterval: '5s' }],
    });
    for (let i = 0; i < 100 && readOrder.length < 3; i++) await env.sleep('2s');
    await handle.terminate();
  });
  expect(readOrder).toEqual(['ERA-GOOD', 'ACK-LATER', 'ERA-FLAKY']);
  expect(attempts.get('ERA-FLAKY')).toBe(4);
  expect(attempts.get('ERA-GOOD')).toBe(1);
  expect(cursors.slice(0, 3)).toEqual([null, 'c1', 'c2']);
});

test('a remittance for a visit whose workflow has closed is handed to late posting (once per notice)', async () => {
  const late: string[] = [];
  let listed = 0;
  const notice = (remittanceClaimId: string) => ({
    workflowId: `visit-CLOSED-${remittanceClaimId}`,
    kind: 'remittance' as const,
    notice: { documentId: 'ERA-LATE', remittanceClaimId, patientControlNumber: 'D1A1', statusCode: '22' },
  });
  const activities = {
    listInboundDocuments: async ({ cursor }: { cursor: string | null }): Promise<InboxPage> => {
      listed += 1;
      return listed === 1
        ? { documents: [ref('ERA-LATE')], nextCursor: 'c1' }
        : { documents: [], nextCursor: cursor };
    },
    readInboundDocument: async (): Promise<InboundDocumentRead> => ({
      notices: [notice('RC-1'), notice('RC-2')],
      unmatchedClaims: 0,
    }),
    postLateRemittance: async ({ remittanceClaimId }: { remittanceClaimId: string }) => {
      late.push(remittanceClaimId);
      return { posted: true, taskId: `late-${remittanceClaimId}` };
    },
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'inbox-late-test',
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start('clearinghouseInboxWorkflow', {
      taskQueue: 'inbox-late-test',
      workflowId: 'clearinghouse-inbox-late-test',
      args: [{ cursor: null, pollInterval: '5s' }],
    });
    for (let i = 0; i < 100 && late.length < 2; i++) await env.sleep('2s');
    await handle.terminate();
  });
  expect(late.sort()).toEqual(['RC-1', 'RC-2']);
});
