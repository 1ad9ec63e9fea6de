import { startMllpListener, type MllpListener } from '../../src/ehr/hl7/mllp-listener';
import { runEhrSimulator, type EhrSimOptions } from '../../src/ehr/simulator/ehr-sim';
import { createLogger } from '../../src/logger';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';
import { startTestApi, TEST_WEBHOOK_SECRET, type RunningTestApi } from '../support/api-server';
import { freePort } from '../support/ports';
import { ehrConnectionsFrom } from '../../src/ehr/connections';
import { testConnection } from './support';

let api: RunningTestApi;
let listener: MllpListener;
let options: EhrSimOptions;

beforeAll(async () => {
  const fhirPort = await freePort();
  // The demo EHR serves id-only encounters where the connection says its FHIR API is.
  const connection = testConnection(`http://127.0.0.1:${fhirPort}/fhir/R4`);
  const connections = ehrConnectionsFrom([connection]);
  api = await startTestApi({ overrides: { ehr: { connections } } });
  listener = await startMllpListener(
    {
      db: api.database.db,
      temporal: api.temporal.client,
      taskQueue: 'api-test',
      timers: defaultBillingTimers,
      logger: createLogger('silent'),
      clock: () => new Date(),
    },
    connections,
    { port: 0 },
  );
  options = {
    target: { apiUrl: api.url, webhookSecret: TEST_WEBHOOK_SECRET },
    seed: 7,
    connection,
    mllp: { host: '127.0.0.1', port: listener.port },
  };
});

afterAll(async () => {
  await listener?.stop();
  await api?.stop();
});

test('ehr-sim sends one encounter in each form, each starting its workflow; the same seed again starts none', async () => {
  const first = await runEhrSimulator(options);
  expect(first.map((d) => [d.form, d.answer])).toEqual([
    ['json-webhook', '202'],
    ['fhir-full-resource', '202'],
    ['fhir-id-only', '202'],
    ['hl7-dft-mllp', 'AA'],
  ]);
  expect(new Set(first.map((d) => d.visitId)).size).toBe(4);
  const runs = await Promise.all(
    first.map(
      async (d) => (await api.temporal.client.workflow.getHandle(`visit-${d.visitId}`).describe()).runId,
    ),
  );
  expect(first.slice(0, 3).every((d) => d.outcome.startsWith('started visit-'))).toBe(true);

  const second = await runEhrSimulator(options);
  expect(second.map((d) => d.visitId)).toEqual(first.map((d) => d.visitId));
  expect(second.map((d) => d.answer)).toEqual(['202', '202', '202', 'AA']);
  expect(second.slice(0, 3).every((d) => d.outcome.startsWith('already received'))).toBe(true);
  expect(second[3]!.outcome).toMatch(/already received/);
  const again = await Promise.all(
    second.map(
      async (d) => (await api.temporal.client.workflow.getHandle(`visit-${d.visitId}`).describe()).runId,
    ),
  );
  expect(again).toEqual(runs);
  expect(await api.database.db.visit.count()).toBe(4);
  expect(await api.database.db.webhookDelivery.count()).toBe(4);
});
