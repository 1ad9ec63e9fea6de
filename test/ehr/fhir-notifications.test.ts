import type { Condition, Resource } from '@medplum/fhirtypes';
import { startFhirServerStub, type FhirServerStub } from '../../src/ehr/simulator/fhir-server';
import { visitAsFhir } from '../../src/ehr/simulator/render-fhir';
import { noWorkflowFor } from '../api/helpers';
import { startTestApi, type RunningTestApi } from '../support/api-server';
import {
  biopsyVisit,
  FHIR_TOKEN,
  notificationFor,
  NOW,
  postNotification,
  rowsFor,
  testConnection,
  testConnections,
} from './support';

let api: RunningTestApi;
let ehr: FhirServerStub;
/** An EHR whose FHIR API refuses the connection's token. */
let refusing: FhirServerStub;

beforeAll(async () => {
  ehr = await startFhirServerStub({ bearerToken: FHIR_TOKEN });
  refusing = await startFhirServerStub({ bearerToken: 'another-token-entirely-000' });
  const connections = testConnections(ehr.baseUrl, testConnection(refusing.baseUrl, 'refusing-ehr'));
  api = await startTestApi({ overrides: { clock: () => new Date(NOW), ehr: { connections } } });
});

afterAll(async () => {
  await api?.stop();
  await ehr?.stop();
  await refusing?.stop();
});

async function runIdOf(visitId: string): Promise<string> {
  return (await api.temporal.client.workflow.getHandle(`visit-${visitId}`).describe()).runId;
}

test('a full-resource notification starts one workflow; its redelivery starts none and stores nothing new', async () => {
  const doc = biopsyVisit('FHIR-FULL-1');
  const first = await postNotification(api, notificationFor(doc, 1, true));
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({
    visitId: 'FHIR-FULL-1',
    workflowId: 'visit-FHIR-FULL-1',
    duplicate: false,
  });
  expect(await runIdOf('FHIR-FULL-1')).toBe(first.body.runId);
  expect(await rowsFor(api, 'FHIR-FULL-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });

  const stored = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'FHIR-FULL-1' } });
  expect(stored.document).toMatchObject({
    patient: { id: doc.patient.id, lastName: doc.patient.lastName },
    coverage: { payerId: doc.coverage?.payerId, memberId: doc.coverage?.memberId },
    procedures: [{ kind: 'biopsy_tangential', lesionIds: ['FHIR-FULL-1-L1'] }],
    lesions: [
      {
        id: 'FHIR-FULL-1-L1',
        site: { region: 'back' },
        diameter: { value: 6, unit: 'mm' },
        specimenToPathology: true,
      },
    ],
    diagnoses: [{ code: 'D48.5', lesionIds: ['FHIR-FULL-1-L1'] }],
  });
  const audit = await api.database.db.auditEvent.findFirstOrThrow({ where: { visitId: 'FHIR-FULL-1' } });
  expect(audit).toMatchObject({ actor: 'ehr:test-ehr', action: 'visit.received' });

  const again = await postNotification(api, notificationFor(doc, 1, true));
  expect(again.status).toBe(202);
  expect(again.body).toMatchObject({ duplicate: true, runId: first.body.runId });
  expect(await rowsFor(api, 'FHIR-FULL-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  expect(ehr.requests).toEqual([]); // everything came with the notification
});

test('an id-only notification is fetched back from the EHR with its token and starts one workflow', async () => {
  const doc = biopsyVisit('FHIR-IDONLY-1', 5);
  ehr.put(visitAsFhir(doc));
  const first = await postNotification(api, notificationFor(doc, 2, false));
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({ visitId: 'FHIR-IDONLY-1', duplicate: false });
  expect(ehr.requests).toEqual(
    expect.arrayContaining([
      'GET Encounter/FHIR-IDONLY-1',
      `GET Patient/${doc.patient.id}`,
      'GET Procedure?encounter=Encounter/FHIR-IDONLY-1',
      `GET Coverage?beneficiary=Patient/${doc.patient.id}`,
    ]),
  );
  expect(await runIdOf('FHIR-IDONLY-1')).toBe(first.body.runId);
  const stored = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'FHIR-IDONLY-1' } });
  expect(stored.document).toMatchObject({
    encounter: { visitType: 'established', emLevel: 3 },
    lesions: [{ site: { region: 'arm', laterality: 'right' }, narrowestMargin: { value: 0.2, unit: 'cm' } }],
    procedures: [{ kind: 'excision_benign' }],
  });

  const again = await postNotification(api, notificationFor(doc, 2, false));
  expect(again.body).toMatchObject({ duplicate: true, runId: first.body.runId });
  expect(await rowsFor(api, 'FHIR-IDONLY-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
});

test('the same event number with other content is a 409 and changes nothing', async () => {
  const doc = biopsyVisit('FHIR-REUSE-1');
  expect((await postNotification(api, notificationFor(doc, 3, true))).status).toBe(202);
  const before = await api.database.db.visit.findUniqueOrThrow({ where: { id: 'FHIR-REUSE-1' } });
  const changed = visitAsFhir({ ...doc, diagnoses: [{ ...doc.diagnoses[0]!, code: 'D22.5' }] });
  const reused = await postNotification(api, notificationFor(doc, 3, true, changed));
  expect(reused.status).toBe(409);
  expect(reused.body.reason).toMatch(/other content/);
  expect(await rowsFor(api, 'FHIR-REUSE-1')).toEqual({ visits: 1, deliveries: 1, revisions: 0, audit: 1 });
  expect(await api.database.db.visit.findUniqueOrThrow({ where: { id: 'FHIR-REUSE-1' } })).toEqual(before);
});

test('what cannot be mapped is a 422 naming the resource and field; nothing stored or started', async () => {
  const doc = biopsyVisit('FHIR-BAD-1');
  const resources = visitAsFhir(doc).map((r): Resource =>
    r.resourceType === 'Condition'
      ? ({ ...r, code: { coding: [{ system: 'http://snomed.info/sct', code: '254651007' }] } } as Condition)
      : r,
  );
  const answer = await postNotification(api, notificationFor(doc, 4, true, resources));
  expect(answer.status).toBe(422);
  expect(answer.body.problems).toEqual([
    expect.objectContaining({
      resource: 'Condition/FHIR-BAD-1-dx1',
      field: 'code',
      message: expect.stringMatching(/ICD-10-CM/),
    }),
  ]);
  expect(await rowsFor(api, 'FHIR-BAD-1')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
  expect(await noWorkflowFor(api, 'FHIR-BAD-1')).toBe(true);
});

test('a value the visit schema refuses is reported against the EHR resource it came from', async () => {
  const doc = biopsyVisit('FHIR-BAD-2');
  const resources = visitAsFhir(doc).map((r): Resource =>
    r.resourceType === 'Patient' ? { ...r, address: [{ ...r.address![0]!, postalCode: 'ABCDE' }] } : r,
  );
  const answer = await postNotification(api, notificationFor(doc, 5, true, resources));
  expect(answer.status).toBe(422);
  expect(answer.body.problems).toEqual([
    expect.objectContaining({ resource: `Patient/${doc.patient.id}`, field: 'Patient (address.postalCode)' }),
  ]);
  expect(await noWorkflowFor(api, 'FHIR-BAD-2')).toBe(true);
});

test('an id-only notification for a resource the EHR does not have is a 422; an EHR that refuses the token is a 503', async () => {
  const missing = await postNotification(api, notificationFor(biopsyVisit('FHIR-NOWHERE'), 6, false));
  expect(missing.status).toBe(422);
  expect(missing.body.problems[0]).toMatchObject({
    resource: 'Bundle',
    message: expect.stringMatching(/does not exist/),
  });

  const doc = biopsyVisit('FHIR-TOKEN-1');
  refusing.put(visitAsFhir(doc));
  const answer = await postNotification(api, notificationFor(doc, 7, false), { connection: 'refusing-ehr' });
  expect(answer.status).toBe(503);
  expect(answer.headers['retry-after']).toBe('30');
  expect(await rowsFor(api, 'FHIR-TOKEN-1')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });
  expect(await noWorkflowFor(api, 'FHIR-TOKEN-1')).toBe(true);
});

test('wrong signatures and unknown connections are 401; handshakes are answered without storing', async () => {
  const doc = biopsyVisit('FHIR-SIG-1');
  const wrong = await postNotification(api, notificationFor(doc, 8, true), {
    secret: 'not-the-connection-secret-000',
  });
  expect(wrong.status).toBe(401);
  const unknown = await postNotification(api, notificationFor(doc, 8, true), { connection: 'no-such-ehr' });
  expect(unknown.status).toBe(401);
  expect(await rowsFor(api, 'FHIR-SIG-1')).toEqual({ visits: 0, deliveries: 0, revisions: 0, audit: 0 });

  const handshake = notificationFor(doc, 0, false);
  const status = handshake.entry![0]!.resource as { parameter: Array<{ name: string; valueCode?: string }> };
  status.parameter.find((p) => p.name === 'type')!.valueCode = 'handshake';
  const answer = await postNotification(api, handshake);
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ type: 'handshake', received: true });
});
