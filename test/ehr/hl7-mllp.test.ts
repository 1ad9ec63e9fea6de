import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import request from 'supertest';
import { startMllpListener, type MllpListener } from '../../src/ehr/hl7/mllp-listener';
import { signPlain } from '../../src/ehr/signature';
import { visitAsDft, type Hl7Header } from '../../src/ehr/simulator/render-hl7';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';
import type { VisitDocumentInput } from '../../src/visit/schema';
import { noWorkflowFor } from '../api/helpers';
import { startTestApi, type RunningTestApi } from '../support/api-server';
import {
  biopsyVisit,
  capturingLogger,
  CONNECTION_SECRET,
  NOW,
  phiOf,
  rowsFor,
  testConnection,
  testConnections,
} from './support';

let api: RunningTestApi;
let listener: MllpListener;
let client: Hl7Client;
const connections = testConnections(undefined, {
  ...testConnection(undefined, 'adt-ehr'),
  hl7: { sendingApplication: 'ADTEHR', adtA03VisitCompleted: true },
});

const logs = capturingLogger();
const sent: VisitDocumentInput[] = [];

beforeAll(async () => {
  api = await startTestApi({
    overrides: { clock: () => new Date(NOW), ehr: { connections }, logger: logs.logger },
  });
  listener = await startMllpListener(
    {
      db: api.database.db,
      temporal: api.temporal.client,
      taskQueue: 'api-test',
      timers: defaultBillingTimers,
      logger: logs.logger,
      clock: () => new Date(NOW),
    },
    connections,
    { port: 0 },
  );
  client = new Hl7Client({ host: '127.0.0.1', port: listener.port, keepAlive: true });
});

afterAll(async () => {
  await client?.close();
  await listener?.stop();
  await api?.stop();
});

const header = (controlId: string): Hl7Header => ({
  controlId,
  sendingApplication: 'TESTEHR',
  sendingFacility: 'TESTCLINIC',
  sentAt: '2026-11-20T18:00:00Z',
});

function dft(doc: VisitDocumentInput, controlId: string): Hl7Message {
  sent.push(doc);
  return visitAsDft(doc, header(controlId));
}

/** Edits one segment's field of an ER7 message (the tests' way to break a message). */
function withField(message: Hl7Message, segment: string, field: number, value: string): Hl7Message {
  const text = message
    .toString()
    .split('\r')
    .map((line) => {
      if (!line.startsWith(`${segment}|`)) return line;
      const fields = line.split('|');
      // MSH-1 is the field separator itself, so MSH-n is the n-1th piece between bars.
      const index = segment === 'MSH' ? field - 1 : field;
      while (fields.length <= index) fields.push('');
      fields[index] = value;
      return fields.join('|');
    })
    .join('\r');
  return Hl7Message.parse(text);
}

const send = (message: Hl7Message) => client.sendAndWait(message, { timeoutMs: 15_000 });
const msa = (ack: Hl7Message) => ({
  code: ack.getSegment('MSA')?.getComponent(1, 1),
  controlId: ack.getSegment('MSA')?.getComponent(2, 1),
});
const errors = (ack: Hl7Message) =>
  ack.getAllSegments('ERR').map((err) => ({
    location: err.getField(2).toString(),
    condition: err.getComponent(3, 1),
    text: err.getField(8).toString(),
  }));

test('a DFT^P03 over MLLP starts one workflow and is acknowledged AA; its retransmission starts none', async () => {
  const doc = biopsyVisit('HL7-DFT-1', 0);
  const ack = await send(dft(doc, 'MSG-0001'));
  expect(msa(ack)).toEqual({ code: 'AA', controlId: 'MSG-0001' });
  expect(ack.header.getComponent(9, 1)).toBe('ACK');
  const first = await api.temporal.client.workflow.getHandle('visit-HL7-DFT-1').describe();
  expect(await rowsFor(api, 'HL7-DFT-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  const stored = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'HL7-DFT-1' } });
  expect(stored.document).toMatchObject({
    eventId: 'test-ehr.MSG-0001',
    patient: { id: doc.patient.id, lastName: doc.patient.lastName, dateOfBirth: doc.patient.dateOfBirth },
    coverage: { payerId: doc.coverage?.payerId, memberId: doc.coverage?.memberId },
    encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
    procedures: [{ kind: 'destruction_premalignant', lesionCount: 3 }],
    providerCodes: [
      { code: '99213', modifiers: ['25'] },
      { code: '17000', units: 1 },
      { code: '17003', units: 2 },
    ],
    diagnoses: [{ code: 'L57.0', procedureIds: ['FT1-2'] }, { code: 'L82.1' }],
  });
  expect(
    await api.database.db.auditEvent.findFirstOrThrow({ where: { visitId: 'HL7-DFT-1' } }),
  ).toMatchObject({
    actor: 'ehr:test-ehr',
  });

  const again = await send(dft(doc, 'MSG-0001'));
  expect(msa(again)).toEqual({ code: 'AA', controlId: 'MSG-0001' });
  expect((await api.temporal.client.workflow.getHandle('visit-HL7-DFT-1').describe()).runId).toBe(
    first.runId,
  );
  expect(await rowsFor(api, 'HL7-DFT-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
});

test('lesion sites and sizes ride in OBX after their charge', async () => {
  const doc = biopsyVisit('HL7-DFT-2', 5);
  expect(msa(await send(dft(doc, 'MSG-0002'))).code).toBe('AA');
  const stored = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'HL7-DFT-2' } });
  expect(stored.document).toMatchObject({
    lesions: [
      {
        id: 'L1',
        site: { region: 'arm', laterality: 'right' },
        diameter: { value: 0.8, unit: 'cm' },
        narrowestMargin: { value: 0.2, unit: 'cm' },
        specimenToPathology: true,
      },
    ],
    procedures: [{ kind: 'excision_benign', lesionIds: ['L1'] }],
  });
});

test('MSH-10 reused for other content: AE with ERR 205, nothing stored', async () => {
  const doc = biopsyVisit('HL7-REUSE-1', 0);
  expect(msa(await send(dft(doc, 'MSG-0003'))).code).toBe('AA');
  const changed = withField(dft(doc, 'MSG-0003'), 'DG1', 3, 'L82.0^^I10');
  const ack = await send(changed);
  expect(msa(ack)).toEqual({ code: 'AE', controlId: 'MSG-0003' });
  expect(errors(ack)).toEqual([expect.objectContaining({ location: 'MSH^1^10', condition: '205' })]);
  expect(await rowsFor(api, 'HL7-REUSE-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
});

test('content that cannot be mapped: AE naming segment and field, nothing stored or started', async () => {
  const unknownCode = withField(dft(biopsyVisit('HL7-BAD-1', 1), 'MSG-0004'), 'FT1', 25, '99999^^C4');
  const ack = await send(unknownCode);
  expect(msa(ack)).toEqual({ code: 'AE', controlId: 'MSG-0004' });
  expect(errors(ack)).toEqual([
    expect.objectContaining({
      location: 'FT1^1^25',
      condition: '103',
      text: expect.stringMatching(/CPT 99999/),
    }),
  ]);
  expect(await noWorkflowFor(api, 'HL7-BAD-1')).toBe(true);

  const noVisit = withField(dft(biopsyVisit('HL7-BAD-2', 1), 'MSG-0005'), 'PV1', 19, '');
  const missing = await send(noVisit);
  expect(msa(missing).code).toBe('AE');
  expect(errors(missing)).toEqual([expect.objectContaining({ location: 'PV1^1^19', condition: '101' })]);

  const badZip = withField(
    dft(biopsyVisit('HL7-BAD-3', 1), 'MSG-0006'),
    'PID',
    11,
    '1 Main St^^Springfield^IL^ABCDE',
  );
  const schema = await send(badZip);
  expect(msa(schema).code).toBe('AE');
  expect(errors(schema)[0]).toMatchObject({ location: 'PID^1^', text: expect.stringMatching(/postalCode/) });
  expect(await rowsFor(api, 'HL7-BAD-3')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
});

test('unsupported message types, ADT^A03 where not configured, other versions and unknown senders: AR', async () => {
  const doc = biopsyVisit('HL7-AR-1', 1);
  const cases: Array<[Hl7Message, string]> = [
    [withField(dft(doc, 'MSG-0010'), 'MSH', 9, 'SIU^S12'), '200'],
    [withField(dft(doc, 'MSG-0011'), 'MSH', 9, 'ADT^A03'), '201'],
    [withField(dft(doc, 'MSG-0012'), 'MSH', 12, '3.0'), '203'],
    [withField(dft(doc, 'MSG-0013'), 'MSH', 11, 'T'), '202'],
    [withField(dft(doc, 'MSG-0014'), 'MSH', 3, 'STRANGER'), '207'],
  ];
  for (const [message, condition] of cases) {
    const ack = await send(message);
    expect(msa(ack)).toEqual({ code: 'AR', controlId: message.header.getComponent(10, 1) });
    expect(errors(ack)).toEqual([expect.objectContaining({ condition })]);
  }
  expect(await noWorkflowFor(api, 'HL7-AR-1')).toBe(true);
  expect(await rowsFor(api, 'HL7-AR-1')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
});

test('the HTTP endpoint takes the same messages, signed per connection, and answers the ACK', async () => {
  const text = dft(biopsyVisit('HL7-HTTP-1', 1), 'MSG-0020').toString();
  const post = (body: string, secret = CONNECTION_SECRET) =>
    request(api.url)
      .post('/v1/webhooks/hl7/test-ehr')
      .set('content-type', 'x-application/hl7-v2+er7')
      .set('x-signature', signPlain(secret, body))
      .send(body);
  const accepted = await post(text);
  expect(accepted.status).toBe(200);
  expect(msa(Hl7Message.parse(accepted.text))).toEqual({ code: 'AA', controlId: 'MSG-0020' });
  expect(await noWorkflowFor(api, 'HL7-HTTP-1')).toBe(false);

  const unsigned = await post(text, 'a-secret-that-is-not-right-00');
  expect(unsigned.status).toBe(401);
  const broken = await post(withField(Hl7Message.parse(text), 'MSH', 9, 'SIU^S12').toString());
  expect(broken.status).toBe(400);
  expect(msa(Hl7Message.parse(broken.text)).code).toBe('AR');
});

test('ADT^A03 is a visit-completed signal where the connection says so (PR1 procedures)', async () => {
  const doc = biopsyVisit('HL7-ADT-1', 1);
  const dftText = dft(doc, 'ADT-0001').toString().split('\r');
  const kept = dftText.filter((line) => /^(PID|PV1|DG1|IN1)\|/.test(line));
  const adt = Hl7Message.parse(
    [
      'MSH|^~\\&|ADTEHR|ANYWHERE|DERMCLAIMS|BILLING|20261120180000+0000||ADT^A03^ADT_A03|ADT-0001|P|2.5.1',
      'EVN|A03|20261120180000+0000',
      ...kept,
      'PR1|1||11102^Tangential biopsy^C4||20261120',
    ].join('\r'),
  );
  const ack = await send(adt);
  expect(msa(ack)).toEqual({ code: 'AA', controlId: 'ADT-0001' });
  const stored = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'HL7-ADT-1' } });
  expect(stored.document).toMatchObject({ procedures: [{ id: 'PR1-1', kind: 'biopsy_tangential' }] });
  expect(
    await api.database.db.auditEvent.findFirstOrThrow({ where: { visitId: 'HL7-ADT-1' } }),
  ).toMatchObject({
    actor: 'ehr:adt-ehr',
  });
});

test('last: the logs of all of the above carry ids and ACK codes, never the patient data sent', () => {
  const text = logs.lines.join('');
  expect(text).toMatch(/HL7 message acknowledged/);
  expect(text).toMatch(/"ack":"AE"/);
  const phi = [...new Set(sent.flatMap(phiOf))];
  expect(phi.length).toBeGreaterThan(5);
  for (const value of phi) expect(text).not.toContain(value);
});
