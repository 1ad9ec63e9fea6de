import type {
  BodyStructure,
  Bundle,
  BundleEntry,
  Condition,
  Coverage,
  Encounter,
  Observation,
  Organization,
  Parameters,
  Patient,
  Practitioner,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import type { VisitDocumentInput } from '../../visit/schema';
import { cptProcedure, SYSTEMS } from '../code-maps';

/**
 * A visit document as an EHR's FHIR R4 server holds it (the demo EHR and the tests' FHIR server):
 * the finished Encounter, Patient, Coverage + payer Organization, Practitioner, Conditions,
 * Procedures with their target BodyStructures, and lesion Observations.
 */
type Doc = VisitDocumentInput;
const TARGET = 'http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure';
const SOPT: Record<NonNullable<Doc['coverage']>['payerType'], string> = {
  medicare: '1',
  medicare_advantage: '111',
  medicaid: '2',
  commercial: '5',
};

const ref = (r: Resource) => ({ reference: `${r.resourceType}/${r.id ?? ''}` });
const coded = (system: string, code: string) => ({ coding: [{ system, code }] });

function patientOf(doc: Doc): Patient {
  const p = doc.patient;
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ type: { coding: [{ code: 'MR' }] }, value: p.id }],
    name: [{ use: 'official', family: p.lastName, given: [p.firstName] }],
    gender: p.sex === 'F' ? 'female' : p.sex === 'M' ? 'male' : 'unknown',
    birthDate: p.dateOfBirth,
    address: [
      {
        line: [p.address.line1, ...(p.address.line2 ? [p.address.line2] : [])],
        city: p.address.city,
        state: p.address.state,
        postalCode: p.address.postalCode,
      },
    ],
  };
}

function coverageOf(doc: Doc, patient: Patient): Resource[] {
  const c = doc.coverage;
  if (!c) return [];
  const payer: Organization = {
    resourceType: 'Organization',
    id: `payer-${c.payerId}`,
    identifier: [{ value: c.payerId }],
    name: c.payerName,
  };
  const coverage: Coverage = {
    resourceType: 'Coverage',
    id: `cov-${doc.visitId}`,
    status: 'active',
    type: coded(SYSTEMS.payerType, SOPT[c.payerType]),
    subscriberId: c.memberId,
    beneficiary: ref(patient),
    relationship: coded('http://terminology.hl7.org/CodeSystem/subscriber-relationship', 'self'),
    payor: [ref(payer)],
  };
  return [payer, coverage];
}

function encounterOf(
  doc: Doc,
  patient: Patient,
  practitioner: Practitioner,
  conditions: Condition[],
): Encounter {
  const em = doc.encounter.emLevel;
  const type = em
    ? coded(SYSTEMS.cpt, `99${doc.encounter.visitType === 'new' ? '20' : '21'}${em}`)
    : coded(SYSTEMS.visitType, doc.encounter.visitType);
  return {
    resourceType: 'Encounter',
    id: doc.visitId,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
    type: [type],
    subject: ref(patient),
    participant: [
      {
        type: [coded('http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'PPRF')],
        individual: ref(practitioner),
      },
    ],
    period: { start: `${doc.dateOfService}T09:00:00Z`, end: doc.completedAt },
    serviceProvider: { reference: `Organization/${doc.practiceId}` },
    diagnosis: conditions.map((c) => ({ condition: ref(c) })),
  };
}

function observation(doc: Doc, id: string, code: string, value: Partial<Observation>): Observation {
  return {
    resourceType: 'Observation',
    id: `${doc.visitId}-${id}`,
    status: 'final',
    code: coded(SYSTEMS.lesionObservation, code),
    encounter: { reference: `Encounter/${doc.visitId}` },
    ...value,
  };
}

function lesionResources(doc: Doc, patient: Patient): Resource[] {
  return (doc.lesions ?? []).flatMap((lesion) => {
    const structure: BodyStructure = {
      resourceType: 'BodyStructure',
      id: `${doc.visitId}-${lesion.id}`,
      location: coded(SYSTEMS.region, lesion.site.region),
      ...(lesion.site.laterality
        ? { locationQualifier: [coded(SYSTEMS.region, lesion.site.laterality)] }
        : {}),
      patient: ref(patient),
    };
    const focus = { focus: [ref(structure)] };
    const observations: Observation[] = [];
    if (lesion.diameter)
      observations.push(
        observation(doc, `${lesion.id}-size`, 'lesion-diameter', {
          ...focus,
          valueQuantity: {
            value: lesion.diameter.value,
            unit: lesion.diameter.unit,
            system: SYSTEMS.ucum,
            code: lesion.diameter.unit,
          },
        }),
      );
    if (lesion.narrowestMargin)
      observations.push(
        observation(doc, `${lesion.id}-margin`, 'narrowest-margin', {
          ...focus,
          valueQuantity: {
            value: lesion.narrowestMargin.value,
            unit: lesion.narrowestMargin.unit,
            system: SYSTEMS.ucum,
            code: lesion.narrowestMargin.unit,
          },
        }),
      );
    if (lesion.specimenToPathology)
      observations.push(
        observation(doc, `${lesion.id}-specimen`, 'specimen-to-pathology', { ...focus, valueBoolean: true }),
      );
    return [structure, ...observations];
  });
}

/** The CPT a procedure was charged under: the provider's base (not add-on) code of its kind. */
function cptFor(doc: Doc, kind: string): string | undefined {
  return (doc.providerCodes ?? [])
    .map((c) => c.code)
    .find((code) => {
      const known = cptProcedure(code);
      return known?.kind === kind && !known.addOn;
    });
}

function procedureResources(doc: Doc, patient: Patient, conditions: Condition[]): Resource[] {
  return (doc.procedures ?? []).flatMap((p) => {
    const cpt = cptFor(doc, p.kind);
    const procedure: Procedure = {
      resourceType: 'Procedure',
      id: `${doc.visitId}-${p.id}`,
      status: 'completed',
      code: cpt ? coded(SYSTEMS.cpt, cpt) : coded(SYSTEMS.procedureKind, p.kind),
      subject: ref(patient),
      encounter: { reference: `Encounter/${doc.visitId}` },
      extension: (p.lesionIds ?? []).map((id) => ({
        url: TARGET,
        valueReference: { reference: `BodyStructure/${doc.visitId}-${id}` },
      })),
      reasonReference: doc.diagnoses
        .map((d, i) => ({ d, c: conditions[i]! }))
        .filter(
          ({ d }) =>
            (d.procedureIds ?? []).includes(p.id) ||
            (d.lesionIds ?? []).some((l) => (p.lesionIds ?? []).includes(l)),
        )
        .map(({ c }) => ref(c)),
    };
    const count = p.lesionCount
      ? [
          observation(doc, `${p.id}-count`, 'lesion-count', {
            partOf: [ref(procedure)],
            valueInteger: p.lesionCount,
          }),
        ]
      : [];
    return [procedure, ...count];
  });
}

/** Every resource of the visit, the Encounter first. */
export function visitAsFhir(doc: Doc): Resource[] {
  const patient = patientOf(doc);
  const p = doc.renderingProvider;
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: `prac-${p.npi}`,
    identifier: [{ system: SYSTEMS.npi, value: p.npi }],
    name: [{ family: p.lastName, given: [p.firstName] }],
    ...(p.taxonomy ? { qualification: [{ code: coded(SYSTEMS.taxonomy, p.taxonomy) }] } : {}),
  };
  const conditions: Condition[] = doc.diagnoses.map((d, i) => ({
    resourceType: 'Condition',
    id: `${doc.visitId}-dx${i + 1}`,
    code: coded(SYSTEMS.icd10cm, d.code),
    subject: ref(patient),
    encounter: { reference: `Encounter/${doc.visitId}` },
  }));
  const practice: Organization = {
    resourceType: 'Organization',
    id: doc.practiceId,
    name: 'Demo Dermatology',
  };
  return [
    encounterOf(doc, patient, practitioner, conditions),
    patient,
    practitioner,
    practice,
    ...coverageOf(doc, patient),
    ...conditions,
    ...lesionResources(doc, patient),
    ...procedureResources(doc, patient, conditions),
  ];
}

/** A backport notification (R4 Parameters status) for one event; `resources` empty = id-only. */
export function notificationBundle(options: {
  subscription: string;
  eventNumber: number;
  focus: string;
  timestamp: string;
  resources: Resource[];
}): Bundle {
  const status: Parameters = {
    resourceType: 'Parameters',
    meta: {
      profile: [
        'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4',
      ],
    },
    parameter: [
      { name: 'subscription', valueReference: { reference: options.subscription } },
      {
        name: 'topic',
        valueCanonical:
          'http://hl7.org/fhir/uv/subscriptions-backport/SubscriptionTopic/r4b-encounter-complete',
      },
      { name: 'status', valueCode: 'active' },
      { name: 'type', valueCode: 'event-notification' },
      { name: 'events-since-subscription-start', valueString: String(options.eventNumber) },
      {
        name: 'notification-event',
        part: [
          { name: 'event-number', valueString: String(options.eventNumber) },
          { name: 'timestamp', valueInstant: options.timestamp },
          { name: 'focus', valueReference: { reference: options.focus } },
        ],
      },
    ],
  };
  const entries: BundleEntry[] = options.resources.map((resource) => ({
    fullUrl: `urn:uuid:${resource.resourceType}-${resource.id ?? ''}`,
    resource,
    request: { method: 'PUT', url: `${resource.resourceType}/${resource.id ?? ''}` },
    response: { status: '200' },
  }));
  return {
    resourceType: 'Bundle',
    type: 'history',
    timestamp: options.timestamp,
    entry: [
      {
        fullUrl: 'urn:uuid:status',
        resource: status,
        request: { method: 'GET', url: `${options.subscription}/$status` },
        response: { status: '200' },
      },
      ...entries,
    ],
  };
}
