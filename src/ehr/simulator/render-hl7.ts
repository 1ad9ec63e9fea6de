import { Hl7Message } from '@medplum/core';
import type { VisitDocumentInput } from '../../visit/schema';
import { cptProcedure } from '../code-maps';

/**
 * A visit document as an EHR's charge interface sends it: DFT^P03 (v2.5.1) with PID, PV1, one FT1
 * per charge (lesion OBX segments after the charge that treated them), DG1 and IN1. Built as ER7
 * text and parsed back with `Hl7Message` so what is sent is what the library reads.
 */
type Doc = VisitDocumentInput;
const PLAN_TYPES: Record<NonNullable<Doc['coverage']>['payerType'], string> = {
  medicare: 'MC',
  medicare_advantage: 'MA',
  medicaid: 'MD',
  commercial: 'CI',
};

/** A segment from its fields by number (HL7 numbering; the rest empty). */
function segment(name: string, fields: Record<number, string>): string {
  const last = Math.max(0, ...Object.keys(fields).map(Number));
  return [name, ...Array.from({ length: last }, (_, i) => fields[i + 1] ?? '')].join('|');
}

const compact = (date: string) => date.replace(/-/g, '');
const timestamp = (iso: string) =>
  iso.replace(/[-:]/g, '').replace('T', '').replace(/\.\d+/, '').replace(/Z$/, '+0000');

export interface Hl7Header {
  controlId: string;
  sendingApplication: string;
  sendingFacility: string;
  sentAt: string;
}

function header(type: string, h: Hl7Header): string {
  return `MSH|^~\\&|${h.sendingApplication}|${h.sendingFacility}|DERMCLAIMS|BILLING|${timestamp(h.sentAt)}||${type}|${h.controlId}|P|2.5.1`;
}

function pid(doc: Doc): string {
  const p = doc.patient;
  const a = p.address;
  return segment('PID', {
    1: '1',
    3: `${p.id}^^^EHR^MR`,
    5: `${p.lastName}^${p.firstName}`,
    7: compact(p.dateOfBirth),
    8: p.sex,
    11: `${a.line1}^${a.line2 ?? ''}^${a.city}^${a.state}^${a.postalCode}`,
  });
}

function pv1(doc: Doc): string {
  const r = doc.renderingProvider;
  return segment('PV1', {
    1: '1',
    2: 'O',
    7: `${r.npi}^${r.lastName}^${r.firstName}^^^^^^NPI`,
    19: doc.visitId,
    44: `${compact(doc.dateOfService)}0900+0000`,
    45: timestamp(doc.completedAt),
  });
}

/** OBX segments of the lesions a charge treated (only on the procedure's base code). */
function lesionObservations(doc: Doc, code: string, next: () => number): string[] {
  const kind = cptProcedure(code);
  if (!kind || kind.addOn) return [];
  const procedure = (doc.procedures ?? []).find((p) => p.kind === kind.kind);
  if (!procedure) return [];
  const lines: string[] = [];
  if (procedure.lesionCount)
    lines.push(
      segment('OBX', {
        1: String(next()),
        2: 'NM',
        3: 'lesion-count',
        5: String(procedure.lesionCount),
        11: 'F',
      }),
    );
  for (const id of procedure.lesionIds ?? []) {
    const lesion = (doc.lesions ?? []).find((l) => l.id === id);
    if (!lesion) continue;
    const side = lesion.site.laterality ?? '';
    lines.push(
      segment('OBX', {
        1: String(next()),
        2: 'CWE',
        3: 'lesion-site',
        4: id,
        5: `${lesion.site.region}^^DERM^${side}`,
        11: 'F',
      }),
    );
    if (lesion.diameter)
      lines.push(
        segment('OBX', {
          1: String(next()),
          2: 'NM',
          3: 'lesion-diameter',
          4: id,
          5: String(lesion.diameter.value),
          6: lesion.diameter.unit,
          11: 'F',
        }),
      );
    if (lesion.narrowestMargin)
      lines.push(
        segment('OBX', {
          1: String(next()),
          2: 'NM',
          3: 'narrowest-margin',
          4: id,
          5: String(lesion.narrowestMargin.value),
          6: lesion.narrowestMargin.unit,
          11: 'F',
        }),
      );
    if (lesion.specimenToPathology)
      lines.push(
        segment('OBX', { 1: String(next()), 2: 'ID', 3: 'specimen-to-pathology', 4: id, 5: 'Y', 11: 'F' }),
      );
  }
  return lines;
}

function charges(doc: Doc): string[] {
  const r = doc.renderingProvider;
  let obx = 0;
  return (doc.providerCodes ?? []).flatMap((c, i) => {
    const modifiers = c.modifiers ?? [];
    const ft1 = segment('FT1', {
      1: String(i + 1),
      4: compact(doc.dateOfService),
      6: 'CG',
      10: String(c.units ?? 1),
      19: (c.diagnosisCodes ?? []).map((dx) => `${dx}^^I10`).join('~'),
      20: `${r.npi}^${r.lastName}^${r.firstName}`,
      25: `${c.code}^^C4`,
      26: modifiers.join('~'),
    });
    return [ft1, ...lesionObservations(doc, c.code, () => ++obx)];
  });
}

function in1(doc: Doc): string[] {
  const c = doc.coverage;
  if (!c) return [];
  return [
    segment('IN1', {
      1: '1',
      2: 'PLAN',
      3: c.payerId,
      4: c.payerName,
      8: c.groupNumber ?? '',
      15: PLAN_TYPES[c.payerType],
      17: 'SEL',
      36: c.memberId,
    }),
  ];
}

/** The DFT^P03 of a visit. */
export function visitAsDft(doc: Doc, h: Hl7Header): Hl7Message {
  const segments = [
    header('DFT^P03^DFT_P03', h),
    `EVN|P03|${timestamp(h.sentAt)}`,
    pid(doc),
    pv1(doc),
    ...charges(doc),
    ...doc.diagnoses.map((d, i) => segment('DG1', { 1: String(i + 1), 3: `${d.code}^^I10`, 6: 'F' })),
    ...in1(doc),
  ];
  return Hl7Message.parse(segments.join('\r'));
}

/** An ORU^R01 with the final pathology diagnosis of one lesion. */
export function pathologyAsOru(doc: Doc, lesionId: string, diagnosisCode: string, h: Hl7Header): Hl7Message {
  return Hl7Message.parse(
    [
      header('ORU^R01^ORU_R01', h),
      pid(doc),
      pv1(doc),
      segment('OBR', {
        1: '1',
        2: lesionId,
        3: `PATH-${lesionId}`,
        4: '22637-3^Pathology report final diagnosis^LN',
        25: 'F',
      }),
      segment('OBX', {
        1: '1',
        2: 'CWE',
        3: '22637-3^Pathology report final diagnosis^LN',
        5: `${diagnosisCode}^^I10`,
        11: 'F',
      }),
    ].join('\r'),
  );
}
