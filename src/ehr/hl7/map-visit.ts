import type { Hl7Message, Hl7Segment } from '@medplum/core';
import { normaliseIcd } from '../../coding/tables';
import type { VisitDocumentInput } from '../../visit/schema';
import { cptProcedure, evaluationAndManagement, lateralityOf, regionOf, SYSTEMS } from '../code-maps';
import { fail, Provenance } from '../mapping';
import { hl7Date, hl7DateTime, label, repetitionsOf, required, value } from './segments';

type Doc = VisitDocumentInput;
type Person = NonNullable<NonNullable<Doc['coverage']>['subscriber']>;
type LesionEntry = NonNullable<Doc['lesions']>[number];

/** One charge (DFT^P03 FT1) or procedure (ADT^A03 PR1) line, and the lesion OBX segments after it. */
interface ChargeLine {
  segment: Hl7Segment;
  where: string;
  /** Where the procedure code is: FT1-25 or PR1-3. */
  codeField: string;
  code: string;
  modifiers: string[];
  units: number;
  date: string;
  diagnosisCodes: string[];
  lesions: LesionEntry[];
  lesionCount?: number;
}

/**
 * A DFT^P03 (or, where the connection says so, ADT^A03) as a visit-completed document: PID the
 * patient, PV1 the visit and rendering provider, FT1 (PR1) the charges, DG1 the diagnoses, IN1/IN2
 * the primary coverage. Lesion details ride in OBX segments after their charge (docs/integrations.md).
 */
export function mapVisitMessage(
  message: Hl7Message,
  context: { eventId: string; practiceId: string },
): { document: Doc; provenance: Provenance } {
  const provenance = new Provenance();
  const pid = message.getSegment('PID');
  const pv1 = message.getSegment('PV1');
  if (!pid) fail('PID', 'PID', 'the message has no PID segment');
  if (!pv1) fail('PV1', 'PV1', 'the message has no PV1 segment');
  provenance.note('patient', 'PID', 'PID');
  provenance.note('visitId', 'PV1', 'PV1-19');
  provenance.note('renderingProvider', 'PV1', 'PV1-7');
  provenance.note('coverage', 'IN1', 'IN1');
  const lines = chargeLines(message);
  if (lines.length === 0) {
    const dft = message.header.getComponent(9, 1) === 'DFT';
    fail(dft ? 'FT1' : 'PR1', dft ? 'FT1-25' : 'PR1-3', 'is required (no charge lines)');
  }
  const clinical = clinicalOf(message, lines, provenance);
  const discharge = value(pv1, 45) || value(message.getSegment('EVN'), 2) || value(message.header, 7);
  const document: Doc = {
    schemaVersion: '2',
    eventId: context.eventId,
    visitId: required(message, pv1, 'PV1', 19),
    practiceId: context.practiceId,
    completedAt: hl7DateTime(discharge, { resource: 'PV1', field: 'PV1-45' }),
    dateOfService: lines[0]?.date ?? '',
    patient: {
      id: required(message, pid, 'PID', 3),
      ...personOf(message, pid, { name: 5, birth: 7, sex: 8, address: 11 }),
    },
    coverage: coverageOf(message, provenance),
    renderingProvider: providerOf(message, pv1),
    ...clinical,
  };
  provenance.note('dateOfService', lines[0]?.where ?? 'FT1', 'FT1-4');
  return { document, provenance };
}

function personOf(
  message: Hl7Message,
  segment: Hl7Segment,
  at: { name: number; birth: number; sex: number; address: number },
): Person {
  const name = segment.name;
  const sexes: Record<string, Person['sex']> = { F: 'F', M: 'M' };
  return {
    lastName: required(message, segment, name, at.name, 1),
    firstName: required(message, segment, name, at.name, 2),
    dateOfBirth: hl7Date(required(message, segment, name, at.birth), {
      resource: name,
      field: `${name}-${at.birth}`,
    }),
    sex: sexes[value(segment, at.sex)] ?? 'U',
    address: {
      line1: required(message, segment, name, at.address, 1),
      line2: value(segment, at.address, 2) || undefined,
      city: required(message, segment, name, at.address, 3),
      state: required(message, segment, name, at.address, 4),
      postalCode: required(message, segment, name, at.address, 5).replace('-', ''),
    },
  };
}

function providerOf(message: Hl7Message, pv1: Hl7Segment): Doc['renderingProvider'] {
  return {
    npi: required(message, pv1, 'PV1', 7, 1),
    lastName: required(message, pv1, 'PV1', 7, 2),
    firstName: required(message, pv1, 'PV1', 7, 3),
  };
}

/** FT1 lines (DFT) or PR1 lines (ADT), each followed by the OBX segments about its lesions. */
function chargeLines(message: Hl7Message): ChargeLine[] {
  const lines: ChargeLine[] = [];
  for (const segment of message.segments) {
    if (segment.name === 'FT1') lines.push(ft1Line(message, segment));
    else if (segment.name === 'PR1') lines.push(pr1Line(message, segment));
    else if (segment.name === 'OBX' && lines.length > 0)
      applyObservation(message, segment, lines[lines.length - 1]!);
  }
  return lines;
}

function codesIn(segment: Hl7Segment, field: number): string[] {
  return Array.from({ length: repetitionsOf(segment, field) }, (_, i) => value(segment, field, 1, i)).filter(
    Boolean,
  );
}

function ft1Line(message: Hl7Message, segment: Hl7Segment): ChargeLine {
  const where = label(message, segment);
  const type = value(segment, 6);
  if (type && type !== 'CG')
    fail(where, 'FT1-6', `transaction type "${type}": only charges (CG) are accepted`);
  const units = value(segment, 10) || '1';
  if (!/^[1-9]\d{0,2}$/.test(units))
    fail(where, 'FT1-10', `quantity "${units}" must be a whole number 1-999`);
  return {
    segment,
    where,
    codeField: 'FT1-25',
    code: procedureCode(message, segment, 25),
    modifiers: codesIn(segment, 26),
    units: Number(units),
    date: hl7Date(required(message, segment, 'FT1', 4), { resource: where, field: 'FT1-4' }),
    diagnosisCodes: codesIn(segment, 19).map(normaliseIcd),
    lesions: [],
  };
}

function pr1Line(message: Hl7Message, segment: Hl7Segment): ChargeLine {
  const where = label(message, segment);
  return {
    segment,
    where,
    codeField: 'PR1-3',
    code: procedureCode(message, segment, 3),
    modifiers: codesIn(segment, 16),
    units: 1,
    date: hl7Date(required(message, segment, 'PR1', 5), { resource: where, field: 'PR1-5' }),
    diagnosisCodes: [],
    lesions: [],
  };
}

/** CPT (C4) or HCPCS (HC) in a CE/CNE field. */
function procedureCode(message: Hl7Message, segment: Hl7Segment, field: number): string {
  const code = required(message, segment, segment.name, field, 1);
  const system = value(segment, field, 3);
  if (system && !['C4', 'CPT', 'HC', 'HCPCS'].includes(system))
    fail(
      label(message, segment),
      `${segment.name}-${field}.3`,
      `coding system "${system}": CPT (C4) or HCPCS (HC) only`,
    );
  return code;
}

/** OBX-4 names the lesion; OBX-3 what is observed (dermclaims' lesion-observation codes). */
function applyObservation(message: Hl7Message, obx: Hl7Segment, line: ChargeLine): void {
  const where = label(message, obx);
  const code = value(obx, 3);
  if (code === 'lesion-count') {
    line.lesionCount = Number(value(obx, 5));
    return;
  }
  if (
    code !== 'lesion-site' &&
    code !== 'lesion-diameter' &&
    code !== 'narrowest-margin' &&
    code !== 'specimen-to-pathology'
  )
    return; // other observations are not needed for the claim
  const lesionId = required(message, obx, 'OBX', 4);
  if (code === 'lesion-site') {
    const region = regionOf(value(obx, 5, 3) === 'SCT' ? SYSTEMS.snomed : SYSTEMS.region, value(obx, 5, 1));
    if (!region) fail(where, 'OBX-5', `no body site dermclaims knows ("${value(obx, 5, 1)}")`);
    const laterality = lateralityOf(
      value(obx, 5, 6) === 'SCT' ? SYSTEMS.snomed : undefined,
      value(obx, 5, 4),
    );
    line.lesions.push({ id: lesionId, site: { region, ...(laterality ? { laterality } : {}) } });
    return;
  }
  const lesion = line.lesions.find((l) => l.id === lesionId);
  if (!lesion) fail(where, 'OBX-4', `lesion ${lesionId}: send its lesion-site OBX first`);
  switch (code) {
    case 'specimen-to-pathology':
      lesion.specimenToPathology = value(obx, 5) === 'Y';
      return;
    case 'lesion-diameter':
    case 'narrowest-margin': {
      const unit = value(obx, 6);
      const size = Number(value(obx, 5));
      if (!(unit === 'mm' || unit === 'cm') || !Number.isFinite(size))
        fail(where, 'OBX-5', 'needs a number with OBX-6 mm or cm');
      if (code === 'lesion-diameter') lesion.diameter = { value: size, unit };
      else lesion.narrowestMargin = { value: size, unit };
      return;
    }
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

interface ClinicalPart {
  encounter: Doc['encounter'];
  lesions: NonNullable<Doc['lesions']>;
  procedures: NonNullable<Doc['procedures']>;
  diagnoses: Doc['diagnoses'];
  providerCodes: NonNullable<Doc['providerCodes']>;
  /** Procedures whose lesion count an OBX gave. */
  countGiven: Set<string>;
}

function clinicalOf(
  message: Hl7Message,
  lines: ChargeLine[],
  provenance: Provenance,
): Omit<ClinicalPart, 'countGiven'> {
  const part: ClinicalPart = {
    // Without an E/M charge no E/M is billed, and the visit type decides nothing.
    encounter: { visitType: 'established' },
    lesions: [],
    procedures: [],
    diagnoses: [],
    providerCodes: [],
    countGiven: new Set(),
  };
  let evaluation: ReturnType<typeof evaluationAndManagement>;
  const procedureOf = new Map<ChargeLine, string>();
  for (const line of lines) {
    provenance.note(`providerCodes.${part.providerCodes.length}`, line.where, line.codeField);
    part.providerCodes.push({
      code: line.code,
      modifiers: line.modifiers,
      units: line.units,
      diagnosisCodes: line.diagnosisCodes.slice(0, 4),
    });
    const em = evaluationAndManagement(line.code);
    if (em) {
      evaluation = em;
      part.encounter = { ...em, emSeparatelyIdentifiable: line.modifiers.includes('25') };
      continue;
    }
    procedureOf.set(line, addProcedure(part, line, provenance));
  }
  if (!evaluation && !lines.some((l) => cptProcedure(l.code)))
    fail(lines[0]!.where, lines[0]!.codeField, 'no procedure or E/M code dermclaims bills');
  part.diagnoses = diagnosesOf(message, lines, procedureOf, part, provenance);
  const { countGiven: _countGiven, ...clinical } = part;
  return clinical;
}

/** A lesion two charges treat (an excision and its repair) is listed once. */
function addLesions(part: ClinicalPart, line: ChargeLine, provenance: Provenance): void {
  for (const lesion of line.lesions) {
    if (part.lesions.some((l) => l.id === lesion.id)) continue;
    provenance.note(`lesions.${part.lesions.length}`, line.where, 'OBX');
    part.lesions.push(lesion);
  }
}

function addProcedure(part: ClinicalPart, line: ChargeLine, provenance: Provenance): string {
  const known = cptProcedure(line.code);
  if (!known) fail(line.where, line.codeField, `CPT ${line.code} is not a procedure dermclaims codes`);
  const previous = [...part.procedures].reverse().find((p) => p.kind === known.kind);
  // An OBX lesion-count gives the procedure's whole count; otherwise each line's units add up.
  const count = line.lesionCount ?? (known.lesionsPerUnit ? known.lesionsPerUnit * line.units : undefined);
  addLesions(part, line, provenance);
  if (known.addOn && previous) {
    if (count !== undefined && !part.countGiven.has(previous.id))
      previous.lesionCount = (previous.lesionCount ?? 0) + count;
    previous.lesionIds = [...new Set([...(previous.lesionIds ?? []), ...line.lesions.map((l) => l.id)])];
    return previous.id;
  }
  const id = `${line.segment.name}-${value(line.segment, 1) || part.procedures.length + 1}`;
  if (line.lesionCount !== undefined) part.countGiven.add(id);
  provenance.note(`procedures.${part.procedures.length}`, line.where, line.codeField);
  part.procedures.push({
    id,
    kind: known.kind,
    lesionIds: line.lesions.map((l) => l.id),
    ...(count !== undefined ? { lesionCount: count } : {}),
  });
  return id;
}

function diagnosesOf(
  message: Hl7Message,
  lines: ChargeLine[],
  procedureOf: Map<ChargeLine, string>,
  part: ClinicalPart,
  provenance: Provenance,
): Doc['diagnoses'] {
  return message.getAllSegments('DG1').map((dg1, i) => {
    const where = label(message, dg1);
    const system = value(dg1, 3, 3);
    if (system && !['I10', 'I10C', 'ICD10CM'].includes(system))
      fail(where, 'DG1-3.3', `coding system "${system}": ICD-10-CM (I10) only`);
    const code = normaliseIcd(required(message, dg1, 'DG1', 3));
    provenance.note(`diagnoses.${i}`, where, 'DG1-3');
    const citing = lines.filter((l) => l.diagnosisCodes.includes(code) && procedureOf.has(l));
    const procedureIds = [...new Set(citing.map((l) => procedureOf.get(l) ?? ''))];
    const lesionIds = part.procedures
      .filter((p) => procedureIds.includes(p.id))
      .flatMap((p) => p.lesionIds ?? []);
    return { code, procedureIds, lesionIds: [...new Set(lesionIds)] };
  });
}

/** HL7 table 0063 relationship codes. */
const RELATIONSHIPS: Record<string, NonNullable<Doc['coverage']>['relationship']> = {
  SEL: 'self',
  SPO: 'spouse',
  CHD: 'child',
};
/** IN1-15 plan types (user-defined table 0086) as dermclaims reads them. */
const PLAN_TYPES: Record<string, NonNullable<Doc['coverage']>['payerType']> = {
  MC: 'medicare',
  MA: 'medicare_advantage',
  MD: 'medicaid',
  CI: 'commercial',
};

function coverageOf(message: Hl7Message, provenance: Provenance): Doc['coverage'] {
  const in1 = message.getAllSegments('IN1').find((s) => value(s, 1) === '1') ?? message.getSegment('IN1');
  if (!in1) return undefined; // self-pay
  const planType = value(in1, 15);
  const payerType = PLAN_TYPES[planType];
  if (!payerType)
    fail('IN1', 'IN1-15', `plan type "${planType}": one of ${Object.keys(PLAN_TYPES).join(', ')}`);
  const relationship = RELATIONSHIPS[value(in1, 17) || 'SEL'] ?? 'other';
  const in2 = message.getSegment('IN2');
  provenance.note('coverage.payerId', 'IN1', 'IN1-3');
  provenance.note('coverage.memberId', 'IN1', 'IN1-36');
  return {
    payerId: required(message, in1, 'IN1', 3),
    payerName: required(message, in1, 'IN1', 4),
    payerType,
    memberId: value(in1, 36) || value(in2, 8),
    groupNumber: value(in1, 8) || undefined,
    relationship,
    subscriber:
      relationship === 'self'
        ? undefined
        : personOf(message, in1, { name: 16, birth: 18, sex: 43, address: 19 }),
  };
}
