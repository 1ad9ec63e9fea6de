import { startTestApi, type RunningTestApi } from '../support/api-server';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { noWorkflowFor, postWebhook } from './helpers';

const NOW = Date.parse('2026-11-25T12:00:00Z');

let api: RunningTestApi;

beforeAll(async () => {
  api = await startTestApi({ overrides: { clock: () => new Date(NOW) } });
});

afterAll(async () => {
  await api?.stop();
});

const deliver = (document: unknown) =>
  postWebhook(api, typeof document === 'string' ? document : JSON.stringify(document), { nowMs: NOW });

function rowsFor(visitId: string) {
  const db = api.database.db;
  return Promise.all([
    db.visit.count({ where: { id: visitId } }),
    db.webhookDelivery.count({ where: { visitId } }),
    db.visitRevision.count({ where: { visitId } }),
    db.auditEvent.count({ where: { visitId } }),
  ]).then(([visits, deliveries, revisions, audit]) => ({ visits, deliveries, revisions, audit }));
}

test('20 concurrent redeliveries of one event: all 202 with the same workflow run, one visit row', async () => {
  const raw = JSON.stringify(actinicKeratosisVisit('IDEM-1'));
  const responses = await Promise.all(Array.from({ length: 20 }, () => deliver(raw)));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(202));
  expect(new Set(responses.map((r) => r.body.workflowId))).toEqual(new Set(['visit-IDEM-1']));
  expect(new Set(responses.map((r) => r.body.runId)).size).toBe(1);
  expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
  expect(await rowsFor('IDEM-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  const description = await api.temporal.client.workflow.getHandle('visit-IDEM-1').describe();
  expect(description.runId).toBe(responses[0]!.body.runId);
});

test('concurrent deliveries of one visit under ten event ids: all 202, one visit, no revision', async () => {
  const visit = actinicKeratosisVisit('IDEM-2');
  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => deliver({ ...visit, eventId: `EV-IDEM-2-${i}` })),
  );
  expect(responses.map((r) => r.status)).toEqual(Array(10).fill(202));
  expect(new Set(responses.map((r) => r.body.runId)).size).toBe(1);
  expect(await rowsFor('IDEM-2')).toEqual({ visits: 1, deliveries: 10, revisions: 0, audit: 10 });
});

test('an event id reused for another visit: 409, nothing stored or started; that visit is delivered fine later', async () => {
  const first = { ...actinicKeratosisVisit('IDEM-A'), eventId: 'EV-SHARED' };
  expect((await deliver(first)).status).toBe(202);
  const storedFirst = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'IDEM-A' } });

  const other = { ...actinicKeratosisVisit('IDEM-B'), eventId: 'EV-SHARED' };
  const reused = await deliver(other);
  expect(reused.status).toBe(409);
  expect(reused.body.reason).toMatch(/already delivered for another visit/);
  expect(await rowsFor('IDEM-B')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
  expect(await noWorkflowFor(api, 'IDEM-B')).toBe(true);
  // The visit that owns the event id is untouched.
  expect(await rowsFor('IDEM-A')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  expect(await api.database.db.visit.findUniqueOrThrow({ where: { id: 'IDEM-A' } })).toEqual(storedFirst);
  expect(
    await api.database.db.webhookDelivery.findUniqueOrThrow({ where: { eventId: 'EV-SHARED' } }),
  ).toMatchObject({ visitId: 'IDEM-A' });

  const delivered = await deliver({ ...other, eventId: 'EV-IDEM-B' });
  expect(delivered.status).toBe(202);
  expect(delivered.body).toMatchObject({ visitId: 'IDEM-B', workflowId: 'visit-IDEM-B', duplicate: false });
  expect(await rowsFor('IDEM-B')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  expect(await noWorkflowFor(api, 'IDEM-B')).toBe(false);
});

test('the same event id with other content: 409 and no revision; the same content spelled differently is a redelivery', async () => {
  const visit = actinicKeratosisVisit('IDEM-C');
  expect((await deliver(visit)).status).toBe(202);
  const changed = await deliver({ ...visit, encounter: { ...visit.encounter, emLevel: 4 } });
  expect(changed.status).toBe(409);
  expect(changed.body.reason).toMatch(/other content/);
  expect(await rowsFor('IDEM-C')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });

  // Keys in another order and with whitespace: the same document, so the same delivery.
  const respelled = JSON.stringify(Object.fromEntries(Object.entries(visit).reverse()), null, 2);
  const again = await deliver(respelled);
  expect(again.status).toBe(202);
  expect(again.body.duplicate).toBe(true);
  expect(await rowsFor('IDEM-C')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
});

test('two visits racing for one event id: one is stored, every request for the other gets 409', async () => {
  const left = { ...actinicKeratosisVisit('IDEM-L'), eventId: 'EV-RACE' };
  const right = { ...actinicKeratosisVisit('IDEM-R'), eventId: 'EV-RACE' };
  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => deliver(i % 2 === 0 ? left : right).then((r) => ({ i, r }))),
  );
  const owner = await api.database.db.webhookDelivery.findUniqueOrThrow({ where: { eventId: 'EV-RACE' } });
  for (const { i, r } of responses) {
    const visitId = i % 2 === 0 ? 'IDEM-L' : 'IDEM-R';
    expect(r.status).toBe(visitId === owner.visitId ? 202 : 409);
  }
  const loser = owner.visitId === 'IDEM-L' ? 'IDEM-R' : 'IDEM-L';
  expect(await rowsFor(loser)).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
  expect(await noWorkflowFor(api, loser)).toBe(true);
  expect(await rowsFor(owner.visitId)).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
});

test('amended documentation under a new event id still becomes the next revision', async () => {
  const visit = actinicKeratosisVisit('IDEM-D');
  expect((await deliver(visit)).status).toBe(202);
  const amended = await deliver({
    ...visit,
    eventId: 'EV-IDEM-D-2',
    encounter: { ...visit.encounter, emLevel: 4 },
  });
  expect(amended.status).toBe(202);
  expect(amended.body.amendment).toMatchObject({ revision: 2 });
  expect(await rowsFor('IDEM-D')).toEqual({ visits: 1, deliveries: 2, revisions: 1, audit: 2 });
});
