/**
 * Records the event history of one clearinghouseInboxWorkflow run for replay tests
 * (test/workflows/replay.test.ts): one 835 whose two remittance claims belong to visits whose
 * workflows have closed, so the inbox posts them itself (patch late-remittance-posting).
 *
 *   npx tsx scripts/record-inbox-history.ts test/workflows/histories/inbox-v2/NAME.json
 *
 * Stub activities with made-up ids only; plain JSON payloads, so it replays with any key.
 */
import { writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { InboundDocumentRead, InboxPage } from '../activities/inbox';
import { workflowBundle } from '../src/temporal/worker';
import { timeSkippingEnvironment } from '../test/support/temporal';

/** Timestamps and durations in proto3 JSON form (what the replayer reads): ISO strings and "1.5s". */
function protoJson(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => protoJson(v));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 && /(Timeout|Interval|Delay|Duration|Backoff)$/.test(key)) return '0s';
  const isTime = entries.length > 0 && entries.every(([k]) => k === 'seconds' || k === 'nanos');
  if (isTime) {
    const { seconds = '0', nanos = 0 } = value as { seconds?: string; nanos?: number };
    const ms = Number(seconds) * 1000 + Math.round(nanos / 1e6);
    if (/Time$/.test(key)) return new Date(ms).toISOString();
    return `${(ms / 1000).toString()}s`;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, protoJson(v, k)]));
}

async function main(output: string): Promise<void> {
  const env = await timeSkippingEnvironment({ plainPayloads: true });
  try {
    const late: string[] = [];
    let listed = 0;
    const notice = (remittanceClaimId: string) => ({
      workflowId: `visit-CLOSED-${remittanceClaimId}`,
      kind: 'remittance' as const,
      notice: { documentId: 'ERA-LATE', remittanceClaimId, patientControlNumber: 'D1A1', statusCode: '22' },
    });
    const activities = {
      listInboundDocuments: async ({ cursor }: { cursor: string | null }): Promise<InboxPage> =>
        ++listed === 1
          ? {
              documents: [{ id: 'ERA-LATE', kind: '835', receivedAt: '2026-12-01T10:00:00Z' }],
              nextCursor: 'c1',
            }
          : { documents: [], nextCursor: cursor },
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
      taskQueue: 'record-inbox-history',
      workflowBundle: await workflowBundle(),
      activities,
    });
    const history = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('clearinghouseInboxWorkflow', {
        taskQueue: 'record-inbox-history',
        workflowId: 'clearinghouse-inbox-replay',
        args: [{ cursor: null, pollInterval: '5s' }],
      });
      for (let i = 0; i < 100 && late.length < 2; i++) await env.sleep('2s');
      await env.sleep('10s'); // one more idle poll after the late postings
      await handle.terminate('recorded');
      return handle.fetchHistory();
    });
    const History = temporal.api.history.v1.History;
    const json = History.toObject(History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
    writeFileSync(output, `${JSON.stringify(protoJson(json), null, 1)}\n`);
    console.log(`wrote ${history.events?.length ?? 0} events to ${output}`);
  } finally {
    await env.teardown();
  }
}

const output = process.argv[2];
if (!output) throw new Error('usage: record-inbox-history.ts OUTPUT.json');
void main(output);
