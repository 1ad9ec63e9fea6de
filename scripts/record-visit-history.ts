/**
 * Records the event history of one visitBillingWorkflow run for replay tests
 * (test/workflows/replay.test.ts): a visit held for review, its documentation amended while the
 * review is open (so the run tags itself twice), approved, acknowledged and paid.
 *
 *   npx tsx scripts/record-visit-history.ts test/fixtures/histories/NAME.json
 *
 * Run it with the workflow code of the release whose running workflows must keep replaying, before
 * changing that code. The activities are the in-memory mocks of the workflow tests, so the history
 * holds made-up ids and codes only, and it is recorded without the payload codec (plain JSON
 * payloads) so that it replays with any key.
 */
import { writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../src/temporal/worker';
import { defaultBillingTimers } from '../src/visit-billing/vocabulary';
import { claimStateQuery, documentationAmendedSignal, reviewDecisionSignal } from '../workflows/messages';
import type { visitBillingWorkflow } from '../workflows';
import { timeSkippingEnvironment } from '../test/support/temporal';
import { deliverAcceptanceAndPayment, mockActivities } from '../test/workflows/mock-activities';

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the workflow never reached the expected state');
}

async function main(output: string): Promise<void> {
  const env = await timeSkippingEnvironment({ plainPayloads: true });
  try {
    let routes = 0;
    const activities = mockActivities([], {
      decideClaimRoute: async () =>
        ++routes <= 2
          ? { action: 'review' as const, reasons: ['coding confidence 0.60 is below 0.85'] }
          : { action: 'submit' as const, reasons: ['clean'] },
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'record-history',
      workflowBundle: await workflowBundle(),
      activities,
    });
    const history = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof visitBillingWorkflow>('visitBillingWorkflow', {
        taskQueue: 'record-history',
        workflowId: 'visit-REPLAY-1',
        args: [{ visitId: 'REPLAY-1', timers: defaultBillingTimers }],
      });
      const reviewNumber = async () => (await handle.query(claimStateQuery)).openReview?.taskId;
      await waitFor(async () => (await reviewNumber())?.endsWith(':1') ?? false);
      await handle.signal(documentationAmendedSignal, { revision: 2 });
      await waitFor(async () => (await reviewNumber())?.endsWith(':2') ?? false);
      await handle.signal(reviewDecisionSignal, { action: 'approve', reviewer: 'biller-7' });
      await deliverAcceptanceAndPayment(handle);
      await handle.result();
      return handle.fetchHistory();
    });
    // protobufjs' own object form (enum names, base64 bytes): @temporalio/common's historyToJSON
    // fails in this dependency tree (two protobufjs copies), and test/support/histories.ts reads this.
    const History = temporal.api.history.v1.History;
    const json = History.toObject(History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
    writeFileSync(output, `${JSON.stringify(json, null, 1)}\n`);
    console.log(`wrote ${history.events?.length ?? 0} events to ${output}`);
  } finally {
    await env.teardown();
  }
}

const output = process.argv[2];
if (!output) throw new Error('usage: record-visit-history.ts OUTPUT.json');
void main(output);
