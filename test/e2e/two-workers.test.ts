/**
 * Two worker processes on one task queue (as `docker compose up --scale worker=2` runs them) share
 * the visits, and nothing is done twice: each claim reaches the payer once and is posted once.
 */
import { Client, Connection } from '@temporalio/client';
import { visitWorkflowId } from '../../src/visit-billing/messages';
import {
  duplicatePostings,
  duplicateSubmissions,
  ledgerProblems,
  offerVisits,
  waitUntilSettled,
} from '../support/chaos';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workers: 2 });
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

/** The worker identities (`pid@host`) that completed the workflow's tasks. */
async function workflowTaskIdentities(client: Client, workflowId: string): Promise<Set<string>> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return new Set(
    (history.events ?? []).flatMap((e) => {
      const identity = e.workflowTaskCompletedEventAttributes?.identity;
      return identity ? [identity] : [];
    }),
  );
}

test('two workers each bill some of 24 visits; no claim is submitted or posted twice; the ledger balances', async () => {
  const { visitIds } = await offerVisits(stack, {
    count: 24,
    rate: 8,
    seed: 77,
    runId: `tw${Date.now().toString(36)}`,
  });
  const { outcome, settled } = await waitUntilSettled(stack, visitIds, 150_000);
  expect(outcome.stuck).toEqual([]);
  expect(settled).toBe(true);
  expect(outcome.finished.length).toBeGreaterThan(visitIds.length / 2);

  const connection = await Connection.connect({ address: stack.temporal.address });
  try {
    const client = new Client({ connection });
    const visitsByWorker = new Map(stack.workers.map((w) => [w.pids[0]!, 0]));
    for (const visitId of visitIds) {
      for (const identity of await workflowTaskIdentities(client, visitWorkflowId(visitId))) {
        const pid = Number(identity.split('@')[0]);
        expect(visitsByWorker.has(pid)).toBe(true); // only our two workers ran it
        visitsByWorker.set(pid, visitsByWorker.get(pid)! + 1);
      }
    }
    for (const [pid, visits] of visitsByWorker)
      expect({ pid, handledSome: visits > 0 }).toEqual({ pid, handledSome: true });
  } finally {
    await connection.close();
  }
  for (const worker of stack.workers) expect(worker.crashes).toEqual([]);
  expect(await duplicateSubmissions(stack)).toEqual([]);
  expect(await duplicatePostings(stack, visitIds)).toEqual([]);
  expect(await ledgerProblems(stack, outcome.finished)).toEqual([]);
}, 240_000);
