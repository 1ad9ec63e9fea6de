import type { DiagnosticReport, Resource, Specimen } from '@medplum/fhirtypes';
import request from 'supertest';
import { signPlain } from '../../src/ehr/signature';
import { notificationBundle } from '../../src/ehr/simulator/render-fhir';
import { pathologyAsOru } from '../../src/ehr/simulator/render-hl7';
import { heldVisit, startStaffApi, type StaffApi } from '../support/staff-api';
import { biopsyVisit, CONNECTION_SECRET, postNotification, testConnections } from './support';

let api: StaffApi;
let url = '';
let close = async () => {};

beforeAll(async () => {
  api = await startStaffApi(undefined, { ehr: { connections: testConnections() } });
  const server = api.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await close();
  await api?.close();
});

/** A visit whose workflow waits for the pathology of lesion L1. */
function waitingForPathology(visitId: string): void {
  api.states.set(visitId, {
    ...heldVisit(visitId, { kind: 'coding_review' }),
    status: 'pathology_hold',
    pendingPathologyLesionIds: ['L1'],
  });
}

function pathologyReport(visitId: string, icd10: string): Resource[] {
  const specimen: Specimen = {
    resourceType: 'Specimen',
    id: `${visitId}-spec1`,
    collection: {
      bodySite: {
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/bodySite',
            valueReference: { reference: 'BodyStructure/L1' },
          },
        ],
      },
    },
  };
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: `${visitId}-path1`,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '22637-3' }] },
    encounter: { reference: `Encounter/${visitId}` },
    specimen: [{ reference: `Specimen/${specimen.id}` }],
    conclusionCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd10 }] }],
  };
  return [report, specimen];
}

const reportNotification = (visitId: string, eventNumber: number, icd10: string) =>
  notificationBundle({
    subscription: 'Subscription/pathology',
    eventNumber,
    focus: `DiagnosticReport/${visitId}-path1`,
    timestamp: '2026-11-22T10:00:00Z',
    resources: pathologyReport(visitId, icd10),
  });

const pathologySignals = (visitId: string) =>
  api.signals.filter((s) => s.workflowId === `visit-${visitId}` && s.signal === 'pathologyResult');

test('a final DiagnosticReport becomes the pathologyResult signal once, as the EHR connection', async () => {
  waitingForPathology('PATH-F-1');
  const first = await postNotification({ url }, reportNotification('PATH-F-1', 1, 'C44.519'));
  expect(first.status).toBe(202);
  expect(pathologySignals('PATH-F-1').map((s) => s.payload)).toEqual([
    { lesionId: 'L1', result: 'malignant', diagnosisCode: 'C44.519', reportedBy: 'ehr:test-ehr' },
  ]);
  const audit = await api.database.db.auditEvent.findFirstOrThrow({ where: { visitId: 'PATH-F-1' } });
  expect(audit).toMatchObject({ actor: 'ehr:test-ehr', action: 'pathology.record' });

  const again = await postNotification({ url }, reportNotification('PATH-F-1', 1, 'C44.519'));
  expect(again.status).toBe(202);
  expect(again.body).toEqual({ pathology: 'already delivered' });
  const reused = await postNotification({ url }, reportNotification('PATH-F-1', 1, 'D22.5'));
  expect(reused.status).toBe(409);
  expect(pathologySignals('PATH-F-1')).toHaveLength(1);
});

test('a report for a lesion that is not waiting, or with a diagnosis dermclaims cannot read, is a 422 and signals nothing', async () => {
  api.states.set('PATH-F-2', {
    ...heldVisit('PATH-F-2', { kind: 'coding_review' }),
    pendingPathologyLesionIds: [],
  });
  const notWaiting = await postNotification({ url }, reportNotification('PATH-F-2', 2, 'D22.5'));
  expect(notWaiting.status).toBe(422);
  expect(notWaiting.body.reason).toMatch(/not waiting for pathology/);

  waitingForPathology('PATH-F-3');
  const unreadable = await postNotification({ url }, reportNotification('PATH-F-3', 3, 'L30.9'));
  expect(unreadable.status).toBe(422);
  expect(unreadable.body.problems[0]).toMatchObject({
    resource: 'DiagnosticReport/PATH-F-3-path1',
    field: 'conclusionCode',
  });
  expect([...pathologySignals('PATH-F-2'), ...pathologySignals('PATH-F-3')]).toEqual([]);
  expect(
    await api.database.db.ehrPathologyDelivery.count({
      where: { visitId: { in: ['PATH-F-2', 'PATH-F-3'] } },
    }),
  ).toBe(0);
});

test('an ORU^R01 final pathology result is signalled once and acknowledged AA; a lesion not waiting is AE', async () => {
  waitingForPathology('PATH-H-1');
  const doc = biopsyVisit('PATH-H-1');
  const post = (body: string) =>
    request(url)
      .post('/v1/webhooks/hl7/test-ehr')
      .set('content-type', 'x-application/hl7-v2+er7')
      .set('x-signature', signPlain(CONNECTION_SECRET, body))
      .send(body);
  const header = {
    controlId: 'ORU-1',
    sendingApplication: 'TESTEHR',
    sendingFacility: 'TESTCLINIC',
    sentAt: '2026-11-22T10:00:00Z',
  };
  const oru = pathologyAsOru(doc, 'L1', 'D48.5', header).toString();
  const first = await post(oru);
  expect(first.status).toBe(200);
  expect(first.text).toMatch(/MSA\|AA\|ORU-1/);
  expect((await post(oru)).text).toMatch(/MSA\|AA\|ORU-1\|already received/);
  expect(pathologySignals('PATH-H-1').map((s) => s.payload)).toEqual([
    { lesionId: 'L1', result: 'uncertain', diagnosisCode: 'D48.5', reportedBy: 'ehr:test-ehr' },
  ]);

  const other = pathologyAsOru(doc, 'L9', 'D48.5', { ...header, controlId: 'ORU-2' }).toString();
  const refused = await post(other);
  expect(refused.status).toBe(422);
  expect(refused.text).toMatch(/MSA\|AE\|ORU-2/);
  expect(refused.text).toMatch(/ERR\|\|OBR\^1\^2\|207\^.*lesion L9 is not waiting for pathology/);
  expect(pathologySignals('PATH-H-1')).toHaveLength(1);
});

test('an ORU^R01 while the workflow does not answer: AR over HTTP 503, nothing stored, and accepted when sent again', async () => {
  waitingForPathology('PATH-H-2');
  api.silent.add('visit-PATH-H-2');
  const body = pathologyAsOru(biopsyVisit('PATH-H-2'), 'L1', 'D22.5', {
    controlId: 'ORU-3',
    sendingApplication: 'TESTEHR',
    sendingFacility: 'TESTCLINIC',
    sentAt: '2026-11-22T10:00:00Z',
  }).toString();
  const post = () =>
    request(url)
      .post('/v1/webhooks/hl7/test-ehr')
      .set('content-type', 'x-application/hl7-v2+er7')
      .set('x-signature', signPlain(CONNECTION_SECRET, body))
      .send(body);
  const busy = await post();
  expect(busy.status).toBe(503);
  expect(busy.headers['retry-after']).toBe('5');
  expect(busy.text).toMatch(/MSA\|AR\|ORU-3/);
  expect(await api.database.db.ehrPathologyDelivery.count({ where: { visitId: 'PATH-H-2' } })).toBe(0);

  api.silent.delete('visit-PATH-H-2');
  const retried = await post();
  expect(retried.status).toBe(200);
  expect(pathologySignals('PATH-H-2')).toHaveLength(1);
});
