import type { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { postVisitCompleted, type ApiTarget } from '../../demo/api-client';
import { generateVisit } from '../../demo/visit-generator';
import type { VisitDocumentInput } from '../../visit/schema';
import type { EhrConnection } from '../connections';
import { signPlain } from '../signature';
import { startFhirServerStub } from './fhir-server';
import { notificationBundle, visitAsFhir } from './render-fhir';
import { visitAsDft } from './render-hl7';

/**
 * The demo EHR: sends realistic finished encounters to a running dermclaims in each way an EHR
 * can (the JSON webhook, a FHIR notification full-resource and id-only, a DFT^P03 over MLLP). The
 * same seed sends the same encounters under the same ids, so a second run starts nothing.
 */
export interface EhrSimOptions {
  target: ApiTarget;
  seed: number;
  connection: EhrConnection;
  mllp: { host: string; port: number };
}

export type SimForm = 'json-webhook' | 'fhir-full-resource' | 'fhir-id-only' | 'hl7-dft-mllp';

export interface SimDelivery {
  form: SimForm;
  visitId: string;
  /** HTTP status, or the ACK code (AA/AE/AR). */
  answer: string;
  /** Started, already there, or what was wrong. */
  outcome: string;
}

/** A fixed recent date: the same seed must send the same documents on any day. */
const DATE_OF_SERVICE = '2026-11-16';
/** Demo scenarios per form: AK destructions, a shave biopsy, an excision with margins, two biopsies. */
const FORMS: ReadonlyArray<[SimForm, number]> = [
  ['json-webhook', 0],
  ['fhir-full-resource', 1],
  ['fhir-id-only', 5],
  ['hl7-dft-mllp', 3],
];

function encounter(seed: number, index: number, scenario: number): VisitDocumentInput {
  return generateVisit({ seed, index, scenario, dateOfService: DATE_OF_SERVICE, runId: `sim${seed}` });
}

async function readAnswer(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, body: { error: text.slice(0, 200) } };
  }
}

function describe(status: number, body: Record<string, unknown>): string {
  if (status === 202)
    return body.duplicate
      ? `already received (${String(body.workflowId)}: nothing started)`
      : `started ${String(body.workflowId)}`;
  const problems = Array.isArray(body.problems) ? ` ${JSON.stringify(body.problems)}` : '';
  return `${String(body.error ?? 'refused')}${body.reason ? `: ${String(body.reason)}` : ''}${problems}`;
}

async function postFhir(options: EhrSimOptions, doc: VisitDocumentInput, eventNumber: number, full: boolean) {
  const bundle = notificationBundle({
    subscription: `Subscription/dermclaims-encounter-complete-${options.seed}`,
    eventNumber,
    focus: `Encounter/${doc.visitId}`,
    timestamp: doc.completedAt,
    resources: full ? visitAsFhir(doc) : [],
  });
  const raw = JSON.stringify(bundle);
  const response = await fetch(`${options.target.apiUrl}/v1/webhooks/fhir/${options.connection.id}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/fhir+json',
      'x-signature': signPlain(options.connection.signingSecret, raw),
    },
    body: raw,
  });
  return readAnswer(response);
}

async function sendDft(options: EhrSimOptions, doc: VisitDocumentInput): Promise<Hl7Message> {
  const hl7 = options.connection.hl7;
  if (!hl7) throw new Error(`connection ${options.connection.id} has no hl7 settings`);
  const client = new Hl7Client({ host: options.mllp.host, port: options.mllp.port, connectTimeout: 5_000 });
  try {
    const message = visitAsDft(doc, {
      controlId: `SIM-${options.seed}-${doc.visitId}`,
      sendingApplication: hl7.sendingApplication,
      sendingFacility: hl7.sendingFacility ?? 'DEMOCLINIC',
      sentAt: doc.completedAt,
    });
    return await client.sendAndWait(message, { timeoutMs: 15_000 });
  } finally {
    await client.close();
  }
}

async function deliver(options: EhrSimOptions, form: SimForm, doc: VisitDocumentInput): Promise<SimDelivery> {
  switch (form) {
    case 'json-webhook': {
      const answer = await postVisitCompleted(options.target, JSON.stringify(doc));
      return {
        form,
        visitId: doc.visitId,
        answer: String(answer.status),
        outcome: describe(answer.status, answer.body as Record<string, unknown>),
      };
    }
    case 'fhir-full-resource':
    case 'fhir-id-only': {
      const answer = await postFhir(
        options,
        doc,
        form === 'fhir-full-resource' ? 1 : 2,
        form === 'fhir-full-resource',
      );
      return {
        form,
        visitId: doc.visitId,
        answer: String(answer.status),
        outcome: describe(answer.status, answer.body),
      };
    }
    case 'hl7-dft-mllp': {
      const ack = await sendDft(options, doc);
      const msa = ack.getSegment('MSA');
      const errors = ack.getAllSegments('ERR').map((e) => e.getField(8).toString());
      return {
        form,
        visitId: doc.visitId,
        answer: msa?.getComponent(1, 1) ?? '?',
        outcome: [msa?.getComponent(3, 1) ?? '', ...errors].filter(Boolean).join('; '),
      };
    }
    default: {
      const unhandled: never = form;
      throw new Error(`unknown form ${String(unhandled)}`);
    }
  }
}

/** Serves the id-only encounter from the connection's FHIR base URL while it is being fetched back. */
export async function runEhrSimulator(options: EhrSimOptions): Promise<SimDelivery[]> {
  const fhir = options.connection.fhir;
  if (!fhir)
    throw new Error(
      `connection ${options.connection.id} has no FHIR base URL to serve id-only encounters from`,
    );
  const base = new URL(fhir.baseUrl);
  const server = await startFhirServerStub({
    bearerToken: fhir.bearerToken ?? '',
    host: base.hostname,
    port: Number(base.port || 80),
    basePath: base.pathname.replace(/\/+$/, ''),
  });
  try {
    const deliveries: SimDelivery[] = [];
    for (const [index, [form, scenario]] of FORMS.entries()) {
      const doc = encounter(options.seed, index, scenario);
      if (form === 'fhir-id-only') server.put(visitAsFhir(doc));
      deliveries.push(await deliver(options, form, doc));
    }
    return deliveries;
  } finally {
    await server.stop();
  }
}
