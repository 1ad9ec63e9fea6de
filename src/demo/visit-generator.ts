import type { VisitDocumentInput } from '../visit/schema';

/** A small seeded PRNG (mulberry32) so demo data is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ana', 'Ben', 'Carla', 'Dev', 'Elena', 'Frank', 'Grace', 'Hiro', 'Ines', 'Jon'];
const LAST = ['Alvarez', 'Brooks', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen'];
const PAYERS = [
  { payerId: 'MCR01', payerName: 'SANDBOX MEDICARE', payerType: 'medicare' as const },
  { payerId: 'BCBS1', payerName: 'SANDBOX BLUE PPO', payerType: 'commercial' as const },
  { payerId: 'AETN1', payerName: 'SANDBOX AETNA', payerType: 'commercial' as const },
  { payerId: 'MCA01', payerName: 'SANDBOX MEDICARE ADVANTAGE', payerType: 'medicare_advantage' as const },
];

type Scenario = (ids: {
  lesion: (n: number) => string;
  proc: (n: number) => string;
}) => Pick<VisitDocumentInput, 'encounter' | 'lesions' | 'procedures' | 'diagnoses' | 'providerCodes'>;

/** Typical dermatology visits; provider codes are what a dermatologist would enter for each. */
const SCENARIOS: Scenario[] = [
  // Established patient, E/M + destruction of 3 actinic keratoses.
  ({ proc }) => ({
    encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
    lesions: [],
    procedures: [{ id: proc(1), kind: 'destruction_premalignant', lesionCount: 3 }],
    diagnoses: [{ code: 'L57.0', procedureIds: [proc(1)] }, { code: 'L82.1' }],
    providerCodes: [
      { code: '99213', modifiers: ['25'], diagnosisCodes: ['L82.1'] },
      { code: '17000', diagnosisCodes: ['L57.0'] },
      { code: '17003', units: 2, diagnosisCodes: ['L57.0'] },
    ],
  }),
  // Shave biopsy of a suspicious lesion on the back.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established', emSeparatelyIdentifiable: false },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'back' },
        diameter: { value: 6, unit: 'mm' },
        specimenToPathology: true,
      },
    ],
    procedures: [{ id: proc(1), kind: 'biopsy_tangential', lesionIds: [lesion(1)] }],
    diagnoses: [{ code: 'D48.5', lesionIds: [lesion(1)] }],
    providerCodes: [{ code: '11102', diagnosisCodes: ['D48.5'] }],
  }),
  // New patient with psoriasis: E/M only.
  () => ({
    encounter: { visitType: 'new', emLevel: 4 },
    lesions: [],
    procedures: [],
    diagnoses: [{ code: 'L40.0' }],
    providerCodes: [{ code: '99204', diagnosisCodes: ['L40.0'] }],
  }),
  // Punch biopsy + tangential biopsy on two lesions.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'arm', laterality: 'left' },
        diameter: { value: 4, unit: 'mm' },
        specimenToPathology: true,
      },
      {
        id: lesion(2),
        site: { region: 'chest' },
        diameter: { value: 5, unit: 'mm' },
        specimenToPathology: true,
      },
    ],
    procedures: [
      { id: proc(1), kind: 'biopsy_punch', lesionIds: [lesion(1)] },
      { id: proc(2), kind: 'biopsy_tangential', lesionIds: [lesion(2)] },
    ],
    diagnoses: [
      { code: 'D48.5', lesionIds: [lesion(1)] },
      { code: 'D22.5', lesionIds: [lesion(2)] },
    ],
    providerCodes: [
      { code: '11104', diagnosisCodes: ['D48.5'] },
      { code: '11103', diagnosisCodes: ['D22.5'] },
    ],
  }),
  // Benign destruction of inflamed seborrheic keratoses.
  ({ proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [],
    procedures: [{ id: proc(1), kind: 'destruction_benign', lesionCount: 4 }],
    diagnoses: [{ code: 'L82.0', procedureIds: [proc(1)] }],
    providerCodes: [{ code: '17110', diagnosisCodes: ['L82.0'] }],
  }),
];

export interface GeneratedVisitOptions {
  seed: number;
  index: number;
  dateOfService: string;
  /** Member-id prefix that picks a sandbox scenario (e.g. "REJ", "DED"); plain by default. */
  memberPrefix?: string;
  scenario?: number;
  runId?: string;
}

/** One realistic visit-completed event, deterministic for (seed, index). */
export function generateVisit(options: GeneratedVisitOptions): VisitDocumentInput {
  const random = seededRandom(options.seed * 100_003 + options.index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const run = options.runId ?? `s${options.seed}`;
  const visitId = `V-${run}-${String(options.index).padStart(5, '0')}`;
  const scenario = SCENARIOS[options.scenario ?? Math.floor(random() * SCENARIOS.length)]!;
  const payer = pick(PAYERS);
  const body = scenario({ lesion: (n) => `L${n}`, proc: (n) => `P${n}` });
  return {
    schemaVersion: '1',
    eventId: `EV-${visitId}`,
    visitId,
    practiceId: 'PRAC-001',
    completedAt: `${options.dateOfService}T17:30:00Z`,
    dateOfService: options.dateOfService,
    patient: {
      id: `MRN${Math.floor(random() * 1e6)}`,
      firstName: pick(FIRST),
      lastName: pick(LAST),
      dateOfBirth: `19${40 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      sex: pick(['F', 'M'] as const),
      address: {
        line1: `${1 + Math.floor(random() * 999)} Oak Avenue`,
        city: 'Springfield',
        state: 'IL',
        postalCode: '62704',
      },
    },
    coverage: {
      ...payer,
      memberId: `${options.memberPrefix ?? 'MBR'}${Math.floor(100000 + random() * 899999)}`,
      relationship: 'self',
    },
    renderingProvider: {
      npi: '1679576722',
      firstName: 'Maya',
      lastName: 'Lindqvist',
      taxonomy: '207N00000X',
    },
    ...body,
  };
}
