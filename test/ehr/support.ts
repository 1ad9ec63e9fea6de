import type { Resource } from '@medplum/fhirtypes';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';
import request from 'supertest';
import { generateVisit } from '../../src/demo/visit-generator';
import { ehrConnectionsFrom, type EhrConnection } from '../../src/ehr/connections';
import { signPlain } from '../../src/ehr/signature';
import { notificationBundle, visitAsFhir } from '../../src/ehr/simulator/render-fhir';
import type { VisitDocumentInput } from '../../src/visit/schema';
import type { RunningTestApi } from '../support/api-server';

export const CONNECTION_SECRET = 'ehr-test-connection-secret-0123';
export const FHIR_TOKEN = 'ehr-test-fhir-token-0123456789';
export const DATE_OF_SERVICE = '2026-11-20';
export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function testConnection(fhirBaseUrl?: string, id = 'test-ehr'): EhrConnection {
  return {
    id,
    practiceId: 'PRAC-001',
    signingSecret: CONNECTION_SECRET,
    fhir: fhirBaseUrl ? { baseUrl: fhirBaseUrl, bearerToken: FHIR_TOKEN } : undefined,
    hl7: { sendingApplication: 'TESTEHR', sendingFacility: 'TESTCLINIC', adtA03VisitCompleted: false },
  };
}

export const testConnections = (fhirBaseUrl?: string, ...others: EhrConnection[]) =>
  ehrConnectionsFrom([testConnection(fhirBaseUrl), ...others]);

/** Scenario 1 of the demo generator: a shave biopsy of one lesion sent to pathology. */
export function biopsyVisit(visitId: string, scenario = 1): VisitDocumentInput {
  return { ...generateVisit({ seed: 12, index: 0, dateOfService: DATE_OF_SERVICE, scenario }), visitId };
}

export function notificationFor(
  doc: VisitDocumentInput,
  eventNumber: number,
  full: boolean,
  resources?: Resource[],
) {
  return notificationBundle({
    subscription: 'https://ehr.example/fhir/Subscription/encounter-complete',
    eventNumber,
    focus: `Encounter/${doc.visitId}`,
    timestamp: '2026-11-20T18:00:00Z',
    resources: full ? (resources ?? visitAsFhir(doc)) : [],
  });
}

/** Posts a notification signed as Medplum signs them (X-Signature over the body). */
export function postNotification(
  api: { url: string },
  body: unknown,
  options: { secret?: string; connection?: string } = {},
) {
  const raw = JSON.stringify(body);
  return request(api.url)
    .post(`/v1/webhooks/fhir/${options.connection ?? 'test-ehr'}`)
    .set('content-type', 'application/fhir+json')
    .set('x-signature', signPlain(options.secret ?? CONNECTION_SECRET, raw))
    .send(raw);
}

/** Every row intake can write for one visit. */
export async function rowsFor(api: RunningTestApi, visitId: string) {
  const db = api.database.db;
  const [visits, deliveries, revisions, audit] = await Promise.all([
    db.visit.count({ where: { id: visitId } }),
    db.webhookDelivery.count({ where: { visitId } }),
    db.visitRevision.count({ where: { visitId } }),
    db.auditEvent.count({ where: { visitId } }),
  ]);
  return { visits, deliveries, revisions, audit };
}

/** A logger at debug level whose lines a test can read (to show they carry no patient data). */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

/** The patient data of a visit document that must never reach a log line. */
export function phiOf(doc: VisitDocumentInput): string[] {
  const p = doc.patient;
  return [p.id, p.firstName, p.lastName, p.dateOfBirth, p.address.line1, doc.coverage?.memberId ?? ''].filter(
    Boolean,
  );
}
