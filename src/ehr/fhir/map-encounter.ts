import type {
  BodyStructure,
  CodeableConcept,
  Condition,
  Coverage,
  Encounter,
  Observation,
  Organization,
  Patient,
  Practitioner,
  Procedure,
  Quantity,
  RelatedPerson,
} from '@medplum/fhirtypes';
import { normaliseIcd } from '../../coding/tables';
import type { VisitDocumentInput } from '../../visit/schema';
import {
  cptProcedure,
  evaluationAndManagement,
  lateralityOf,
  procedureKindOf,
  regionOf,
  SYSTEMS,
} from '../code-maps';
import { fail, Provenance } from '../mapping';
import type { ResourceSource } from './resource-source';

type Doc = VisitDocumentInput;
type Person = NonNullable<NonNullable<Doc['coverage']>['subscriber']>;

export interface MappedVisit {
  document: Doc;
  provenance: Provenance;
}

const TARGET_BODY_STRUCTURE = 'http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure';

const keyOf = (r: { resourceType: string; id?: string }) => `${r.resourceType}/${r.id ?? ''}`;
const codings = (concept: CodeableConcept | undefined, system: string) =>
  (concept?.coding ?? []).filter((c) => c.system === system && c.code);

/** The finished Encounter and what it references, as a visit-completed document (before validation). */
export async function mapEncounter(
  encounter: Encounter,
  source: ResourceSource,
  context: { eventId: string; practiceId: string; completedAt?: string },
): Promise<MappedVisit> {
  const where = keyOf(encounter);
  const provenance = new Provenance();
  if (encounter.status !== 'finished')
    fail(where, 'status', `is "${encounter.status}"; only finished encounters are billed`);
  const start = encounter.period?.start;
  if (!start) fail(where, 'period.start', 'is required (the date of service)');
  const completedAt = encounter.period?.end ?? context.completedAt;
  if (!completedAt) fail(where, 'period.end', 'is required (when the visit was completed)');
  const patientRef = encounter.subject?.reference;
  if (!patientRef) fail(where, 'subject', 'must reference the Patient');
  const patient = await source.read<Patient>(patientRef, { resource: where, field: 'subject' });
  provenance.note('patient', keyOf(patient), 'Patient');
  const [procedures, conditions, observations, coverages] = await Promise.all([
    source.search<Procedure>('Procedure', 'encounter', where),
    readConditions(encounter, source),
    source.search<Observation>('Observation', 'encounter', where),
    source.search<Coverage>('Coverage', 'beneficiary', keyOf(patient)),
  ]);
  const clinical = await mapClinical(procedures, conditions, observations, source, provenance);
  provenance.note('encounter', where, 'type');
  provenance.note('renderingProvider', where, 'participant');
  provenance.note('dateOfService', where, 'period.start');
  provenance.note('completedAt', where, 'period.end');
  const document: Doc = {
    schemaVersion: '2',
    eventId: context.eventId,
    visitId: encounter.id ?? '',
    practiceId: practiceOf(encounter) ?? context.practiceId,
    completedAt,
    dateOfService: start.slice(0, 10),
    patient: { id: patientIdOf(patient), ...personOf(patient, keyOf(patient)) },
    coverage: await mapCoverage(coverages, source, provenance),
    renderingProvider: await renderingProviderOf(encounter, source, provenance),
    encounter: encounterOf(encounter, clinical.evaluation),
    lesions: clinical.lesions,
    procedures: clinical.procedures,
    diagnoses: clinical.diagnoses,
    providerCodes: clinical.providerCodes,
  };
  provenance.note('visitId', where, 'id');
  return { document, provenance };
}

function practiceOf(encounter: Encounter): string | undefined {
  const ref = encounter.serviceProvider?.reference;
  return ref?.startsWith('Organization/') ? ref.slice('Organization/'.length) : undefined;
}

function patientIdOf(patient: Patient): string {
  const mrn = patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR'));
  return mrn?.value ?? patient.id ?? '';
}

function personOf(person: Patient | RelatedPerson, where: string): Person {
  const name = person.name?.find((n) => n.use === 'official') ?? person.name?.[0];
  const address = person.address?.find((a) => a.use !== 'old') ?? person.address?.[0];
  if (!name?.family || !name.given?.[0]) fail(where, 'name', 'needs a family and a given name');
  if (!person.birthDate) fail(where, 'birthDate', 'is required');
  if (!address) fail(where, 'address', 'is required (the claim carries it)');
  const sex = { female: 'F', male: 'M' } as const;
  return {
    firstName: name.given[0],
    lastName: name.family,
    dateOfBirth: person.birthDate,
    sex: person.gender === 'female' || person.gender === 'male' ? sex[person.gender] : 'U',
    address: {
      line1: address.line?.[0] ?? '',
      line2: address.line?.[1],
      city: address.city ?? '',
      state: address.state ?? '',
      postalCode: (address.postalCode ?? '').replace('-', ''),
    },
  };
}

async function readConditions(encounter: Encounter, source: ResourceSource): Promise<Condition[]> {
  const where = keyOf(encounter);
  const listed = await Promise.all(
    (encounter.diagnosis ?? [])
      .map((d, i) => ({ ref: d.condition?.reference, i }))
      .filter((d): d is { ref: string; i: number } => d.ref?.includes('Condition/') ?? false)
      .map((d) => source.read<Condition>(d.ref, { resource: where, field: `diagnosis[${d.i}].condition` })),
  );
  const found = await source.search<Condition>('Condition', 'encounter', where);
  const byKey = new Map([...listed, ...found].map((c) => [keyOf(c), c]));
  return [...byKey.values()];
}

async function renderingProviderOf(
  encounter: Encounter,
  source: ResourceSource,
  provenance: Provenance,
): Promise<Doc['renderingProvider']> {
  const where = keyOf(encounter);
  const participants = encounter.participant ?? [];
  const isPerformer = (p: (typeof participants)[number]) =>
    p.type?.some((t) => t.coding?.some((c) => c.code === 'PPRF' || c.code === 'ATND')) ?? false;
  const chosen = participants.find(isPerformer) ?? participants[0];
  const ref = chosen?.individual?.reference;
  if (!ref?.includes('Practitioner/')) fail(where, 'participant', 'needs the rendering Practitioner');
  const practitioner = await source.read<Practitioner>(ref, {
    resource: where,
    field: 'participant.individual',
  });
  const at = keyOf(practitioner);
  provenance.note('renderingProvider', at, 'identifier / name');
  const npi = practitioner.identifier?.find((i) => i.system === SYSTEMS.npi)?.value;
  if (!npi) fail(at, 'identifier', `needs an NPI (${SYSTEMS.npi})`);
  const name = practitioner.name?.[0];
  if (!name?.family || !name.given?.[0]) fail(at, 'name', 'needs a family and a given name');
  const taxonomy = practitioner.qualification
    ?.flatMap((q) => codings(q.code, SYSTEMS.taxonomy))
    .map((c) => c.code)[0];
  return { npi, firstName: name.given[0], lastName: name.family, ...(taxonomy ? { taxonomy } : {}) };
}

function encounterOf(
  encounter: Encounter,
  evaluation: ReturnType<typeof evaluationAndManagement>,
): Doc['encounter'] {
  const types = encounter.type ?? [];
  const fromType = types
    .flatMap((t) => codings(t, SYSTEMS.cpt))
    .map((c) => evaluationAndManagement(c.code ?? ''))[0];
  const em = evaluation ?? fromType;
  if (em) return { visitType: em.visitType, emLevel: em.emLevel };
  const visitType = types.flatMap((t) => codings(t, SYSTEMS.visitType)).map((c) => c.code)[0];
  if (visitType !== undefined && visitType !== 'new' && visitType !== 'established')
    fail(keyOf(encounter), 'type', `${SYSTEMS.visitType} code "${visitType}": new or established`);
  // Without an E/M no E/M is billed, and the visit type decides nothing.
  return { visitType: visitType ?? 'established' };
}

const PAYER_TYPES: ReadonlyArray<[RegExp, NonNullable<Doc['coverage']>['payerType']]> = [
  [/^11/, 'medicare_advantage'],
  [/^1/, 'medicare'],
  [/^2/, 'medicaid'],
  [/^[5-6]/, 'commercial'],
];

async function mapCoverage(
  coverages: Coverage[],
  source: ResourceSource,
  provenance: Provenance,
): Promise<Doc['coverage']> {
  const active = coverages
    .filter((c) => c.status === 'active')
    .sort((a, b) => (a.order ?? 1) - (b.order ?? 1));
  const coverage = active[0];
  if (!coverage) return undefined; // self-pay
  const at = keyOf(coverage);
  provenance.note('coverage', at, 'Coverage');
  const payorRef = coverage.payor?.[0]?.reference;
  if (!payorRef?.includes('Organization/')) fail(at, 'payor', 'must reference the payer Organization');
  const payer = await source.read<Organization>(payorRef, { resource: at, field: 'payor[0]' });
  provenance.note('coverage.payerId', keyOf(payer), 'identifier[0].value');
  provenance.note('coverage.payerName', keyOf(payer), 'name');
  const sopt = codings(coverage.type, SYSTEMS.payerType)[0]?.code ?? '';
  const payerType = PAYER_TYPES.find(([pattern]) => pattern.test(sopt))?.[1];
  if (!payerType) fail(at, 'type', `needs a Source of Payment Typology code (${SYSTEMS.payerType})`);
  const relationship = relationshipOf(coverage);
  return {
    payerId: payer.identifier?.[0]?.value ?? '',
    payerName: payer.name ?? '',
    payerType,
    memberId: coverage.subscriberId ?? coverage.identifier?.[0]?.value ?? '',
    groupNumber: coverage.class?.find((c) => c.type?.coding?.some((t) => t.code === 'group'))?.value,
    relationship,
    subscriber: relationship === 'self' ? undefined : await subscriberOf(coverage, source),
  };
}

function relationshipOf(coverage: Coverage): NonNullable<Doc['coverage']>['relationship'] {
  const code = coverage.relationship?.coding?.[0]?.code ?? 'self';
  return code === 'self' || code === 'spouse' || code === 'child' ? code : 'other';
}

async function subscriberOf(coverage: Coverage, source: ResourceSource): Promise<Person | undefined> {
  const ref = coverage.subscriber?.reference;
  if (!ref) return undefined; // the visit schema reports the missing subscriber
  const person = await source.read<Patient | RelatedPerson>(ref, {
    resource: keyOf(coverage),
    field: 'subscriber',
  });
  return personOf(person, keyOf(person));
}

interface Clinical {
  lesions: NonNullable<Doc['lesions']>;
  procedures: NonNullable<Doc['procedures']>;
  diagnoses: Doc['diagnoses'];
  providerCodes: NonNullable<Doc['providerCodes']>;
  evaluation: ReturnType<typeof evaluationAndManagement>;
}

/** Procedures (with the lesions they treat), Conditions and lesion Observations. */
async function mapClinical(
  procedures: Procedure[],
  conditions: Condition[],
  observations: Observation[],
  source: ResourceSource,
  provenance: Provenance,
): Promise<Clinical> {
  const lesions = new Map<string, NonNullable<Doc['lesions']>[number]>();
  const mapped: Clinical = {
    lesions: [],
    procedures: [],
    diagnoses: [],
    providerCodes: [],
    evaluation: undefined,
  };
  const reasons = new Map<string, { procedureIds: string[]; lesionIds: string[] }>();
  for (const procedure of procedures.filter((p) => p.status === 'completed')) {
    const cpt = codings(procedure.code, SYSTEMS.cpt)[0]?.code;
    const em = cpt ? evaluationAndManagement(cpt) : undefined;
    if (em) {
      mapped.evaluation = em;
      continue;
    }
    const lesionIds = await lesionsOf(procedure, source, lesions, provenance);
    const index = mapped.procedures.length;
    provenance.note(`procedures.${index}`, keyOf(procedure), 'code');
    mapped.procedures.push({
      id: procedure.id ?? '',
      kind: kindOf(procedure),
      lesionIds,
      ...countOf(procedure, cpt, lesionIds),
    });
    for (const reason of procedure.reasonReference ?? []) {
      const entry = reasons.get(reason.reference ?? '') ?? { procedureIds: [], lesionIds: [] };
      entry.procedureIds.push(procedure.id ?? '');
      entry.lesionIds.push(...lesionIds);
      reasons.set(reason.reference ?? '', entry);
    }
    if (cpt) mapped.providerCodes.push({ code: cpt, modifiers: [], units: 1 });
  }
  applyObservations(observations, lesions, mapped.procedures);
  mapped.lesions = [...lesions.values()];
  mapped.lesions.forEach((l, i) =>
    provenance.alias(`lesion:${l.id}`, `lesions.${i}`, `BodyStructure/${l.id}`, 'location'),
  );
  mapped.diagnoses = conditions.map((condition, i) => {
    provenance.note(`diagnoses.${i}`, keyOf(condition), 'code');
    const linked = reasons.get(keyOf(condition)) ?? { procedureIds: [], lesionIds: [] };
    return {
      code: icd10Of(condition),
      procedureIds: linked.procedureIds,
      lesionIds: [...new Set(linked.lesionIds)],
    };
  });
  return mapped;
}

function icd10Of(condition: Condition): string {
  const code = codings(condition.code, SYSTEMS.icd10cm)[0]?.code;
  if (!code) fail(keyOf(condition), 'code', `needs an ICD-10-CM coding (${SYSTEMS.icd10cm})`);
  return normaliseIcd(code);
}

function kindOf(procedure: Procedure) {
  for (const coding of procedure.code?.coding ?? []) {
    const kind = procedureKindOf(coding.system, coding.code);
    if (kind) return kind;
  }
  const shown = (procedure.code?.coding ?? []).map((c) => c.code).join(', ') || 'none';
  return fail(keyOf(procedure), 'code', `no CPT or SNOMED CT procedure dermclaims bills (codes: ${shown})`);
}

function countOf(procedure: Procedure, cpt: string | undefined, lesionIds: string[]) {
  const perUnit = cpt ? cptProcedure(cpt)?.lesionsPerUnit : undefined;
  if (perUnit === undefined) return {};
  return { lesionCount: Math.max(lesionIds.length, perUnit) };
}

/** The lesions a Procedure treats: its target BodyStructures, else its bodySite as one lesion. */
async function lesionsOf(
  procedure: Procedure,
  source: ResourceSource,
  lesions: Map<string, NonNullable<Doc['lesions']>[number]>,
  provenance: Provenance,
): Promise<string[]> {
  const targets = (procedure.extension ?? []).filter((e) => e.url === TARGET_BODY_STRUCTURE);
  const ids: string[] = [];
  for (const [i, target] of targets.entries()) {
    const ref = target.valueReference?.reference;
    if (!ref) fail(keyOf(procedure), `extension[${i}].valueReference`, 'must reference a BodyStructure');
    const structure = await source.read<BodyStructure>(ref, {
      resource: keyOf(procedure),
      field: 'targetBodyStructure',
    });
    if (!lesions.has(structure.id ?? '')) lesions.set(structure.id ?? '', lesionFrom(structure));
    ids.push(structure.id ?? '');
  }
  if (ids.length || !procedure.bodySite?.length) return ids;
  const id = `${procedure.id ?? ''}-site`;
  provenance.note(`lesion:${id}`, keyOf(procedure), 'bodySite[0]');
  lesions.set(id, { id, site: { region: siteOf(procedure.bodySite[0], keyOf(procedure), 'bodySite[0]') } });
  return [id];
}

function siteOf(concept: CodeableConcept | undefined, where: string, field: string) {
  for (const coding of concept?.coding ?? []) {
    const region = regionOf(coding.system, coding.code);
    if (region) return region;
  }
  const shown = (concept?.coding ?? []).map((c) => c.code).join(', ') || 'none';
  return fail(where, field, `no body site dermclaims knows (codes: ${shown})`);
}

function lesionFrom(structure: BodyStructure): NonNullable<Doc['lesions']>[number] {
  const where = keyOf(structure);
  const region = siteOf(structure.location, where, 'location');
  const qualifier = (structure.locationQualifier ?? [])
    .flatMap((q) => q.coding ?? [])
    .map((c) => lateralityOf(c.system, c.code))
    .find((l) => l !== undefined);
  return { id: structure.id ?? '', site: { region, ...(qualifier ? { laterality: qualifier } : {}) } };
}

function lengthOf(quantity: Quantity | undefined, where: string): { value: number; unit: 'mm' | 'cm' } {
  const unit = quantity?.code ?? quantity?.unit;
  if (quantity?.value === undefined || (unit !== 'mm' && unit !== 'cm'))
    return fail(where, 'valueQuantity', 'needs a value in mm or cm (UCUM)');
  return { value: quantity.value, unit };
}

/** Lesion size and margins (focus: the BodyStructure), lesion counts (partOf: the Procedure). */
function applyObservations(
  observations: Observation[],
  lesions: Map<string, NonNullable<Doc['lesions']>[number]>,
  procedures: NonNullable<Doc['procedures']>,
): void {
  for (const observation of observations.filter((o) => o.status === 'final' || o.status === 'amended')) {
    const where = keyOf(observation);
    const code = codings(observation.code, SYSTEMS.lesionObservation)[0]?.code;
    if (!code) continue; // not a lesion measurement: nothing the claim needs
    if (code === 'lesion-count') {
      const ref = observation.partOf?.[0]?.reference ?? '';
      const procedure = procedures.find((p) => `Procedure/${p.id}` === ref);
      if (!procedure) fail(where, 'partOf', 'must reference a completed Procedure of the encounter');
      const count = observation.valueInteger ?? observation.valueQuantity?.value;
      if (!Number.isInteger(count) || (count ?? 0) < 1)
        fail(where, 'valueInteger', 'must be a positive whole number');
      procedure.lesionCount = count;
      continue;
    }
    const lesion = lesions.get((observation.focus?.[0]?.reference ?? '').replace(/^BodyStructure\//, ''));
    if (!lesion) fail(where, 'focus', 'must reference a BodyStructure a Procedure of the encounter treats');
    if (code === 'lesion-diameter') lesion.diameter = lengthOf(observation.valueQuantity, where);
    else if (code === 'narrowest-margin') lesion.narrowestMargin = lengthOf(observation.valueQuantity, where);
    else if (code === 'specimen-to-pathology') lesion.specimenToPathology = observation.valueBoolean === true;
    else fail(where, 'code', `unknown ${SYSTEMS.lesionObservation} code "${code}"`);
  }
}
