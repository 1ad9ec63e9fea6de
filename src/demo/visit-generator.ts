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
  { payerId: 'UHC01', payerName: 'SANDBOX UNITED CHOICE', payerType: 'commercial' as const },
  { payerId: 'ILMCD1', payerName: 'SANDBOX STATE MEDICAID', payerType: 'medicaid' as const },
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
  // E/M for psoriasis + excision of a nevus on the arm, final pathology benign.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'arm', laterality: 'right' },
        diameter: { value: 0.8, unit: 'cm' },
        narrowestMargin: { value: 0.2, unit: 'cm' },
        specimenToPathology: true,
        pathology: { status: 'final', result: 'benign', diagnosisCode: 'D22.61' },
      },
    ],
    procedures: [{ id: proc(1), kind: 'excision_benign', lesionIds: [lesion(1)], symptoms: ['bleeding'] }],
    diagnoses: [{ code: 'L40.0' }, { code: 'D22.61', lesionIds: [lesion(1)] }],
    providerCodes: [
      { code: '99213', modifiers: ['25'], diagnosisCodes: ['L40.0'] },
      { code: '11402', diagnosisCodes: ['D22.61'] },
    ],
  }),
  // Excision of a basal cell carcinoma on the back with an intermediate repair.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established', emSeparatelyIdentifiable: false },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'back' },
        diameter: { value: 1.2, unit: 'cm' },
        narrowestMargin: { value: 0.4, unit: 'cm' },
        specimenToPathology: true,
        pathology: { status: 'final', result: 'malignant', diagnosisCode: 'C44.519' },
      },
    ],
    procedures: [
      { id: proc(1), kind: 'excision_malignant', lesionIds: [lesion(1)] },
      {
        id: proc(2),
        kind: 'repair_intermediate',
        lesionIds: [lesion(1)],
        repairLength: { value: 3, unit: 'cm' },
      },
    ],
    diagnoses: [{ code: 'C44.519', lesionIds: [lesion(1)] }],
    providerCodes: [
      { code: '11602', diagnosisCodes: ['C44.519'] },
      { code: '12032', diagnosisCodes: ['C44.519'] },
    ],
  }),
  // Removal of 18 irritated, bleeding skin tags (first 15 + one block of up to 10).
  ({ proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [],
    procedures: [
      { id: proc(1), kind: 'skin_tag_removal', lesionCount: 18, symptoms: ['bleeding', 'inflammation'] },
    ],
    diagnoses: [{ code: 'L91.8', procedureIds: [proc(1)] }],
    providerCodes: [
      { code: '11200', diagnosisCodes: ['L91.8'] },
      { code: '11201', diagnosisCodes: ['L91.8'] },
    ],
  }),
  // Intralesional triamcinolone into three keloids.
  ({ proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [],
    procedures: [
      {
        id: proc(1),
        kind: 'intralesional_injection',
        lesionCount: 3,
        drugs: [{ hcpcs: 'J3301', units: 4 }],
      },
    ],
    diagnoses: [{ code: 'L91.0', procedureIds: [proc(1)] }],
    providerCodes: [
      { code: '11900', diagnosisCodes: ['L91.0'] },
      { code: 'J3301', units: 4, diagnosisCodes: ['L91.0'] },
    ],
  }),
  // Rosacea follow-up plus cosmetic botulinum toxin (the toxin is self-pay).
  ({ proc }) => ({
    encounter: { visitType: 'established', emLevel: 3, emSeparatelyIdentifiable: true },
    lesions: [],
    procedures: [{ id: proc(1), kind: 'cosmetic_toxin', drugs: [{ hcpcs: 'J0585', units: 30 }] }],
    diagnoses: [{ code: 'L71.9' }, { code: 'Z41.1', procedureIds: [proc(1)] }],
    providerCodes: [
      { code: '99213', diagnosisCodes: ['L71.9'] },
      { code: 'J0585', units: 30, diagnosisCodes: ['Z41.1'] },
    ],
  }),
  // Cosmetic chemical peel only: nothing for insurance, the patient pays.
  ({ proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [],
    procedures: [{ id: proc(1), kind: 'cosmetic_peel', peelDepth: 'epidermal' }],
    diagnoses: [{ code: 'Z41.1', procedureIds: [proc(1)] }],
    providerCodes: [],
  }),
  // Incision and drainage of an inflamed epidermal cyst on the back.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [{ id: lesion(1), site: { region: 'back' }, diameter: { value: 1.5, unit: 'cm' } }],
    procedures: [{ id: proc(1), kind: 'incision_drainage_simple', lesionIds: [lesion(1)] }],
    diagnoses: [{ code: 'L72.0', lesionIds: [lesion(1)] }],
    providerCodes: [{ code: '10060', diagnosisCodes: ['L72.0'] }],
  }),
  // Destruction of common warts on the hands.
  ({ proc }) => ({
    encounter: { visitType: 'new', emLevel: 3, emSeparatelyIdentifiable: true },
    lesions: [],
    procedures: [{ id: proc(1), kind: 'destruction_benign', lesionCount: 5 }],
    diagnoses: [{ code: 'L30.9' }, { code: 'B07.8', procedureIds: [proc(1)] }],
    providerCodes: [
      { code: '99203', modifiers: ['25'], diagnosisCodes: ['L30.9'] },
      { code: '17110', diagnosisCodes: ['B07.8'] },
    ],
  }),
  // Shave removal of an itching, bleeding nevus on the chest (final pathology benign).
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established' },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'chest' },
        diameter: { value: 0.4, unit: 'cm' },
        specimenToPathology: true,
        pathology: { status: 'final', result: 'benign', diagnosisCode: 'D22.5' },
      },
    ],
    procedures: [
      { id: proc(1), kind: 'shave_removal', lesionIds: [lesion(1)], symptoms: ['itching', 'bleeding'] },
    ],
    diagnoses: [{ code: 'D22.5', lesionIds: [lesion(1)] }],
    providerCodes: [{ code: '11300', diagnosisCodes: ['D22.5'] }],
  }),
  // E/M for dermatitis + punch biopsy of a changing lesion on the forearm.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established', emLevel: 4, emSeparatelyIdentifiable: true },
    lesions: [
      {
        id: lesion(1),
        site: { region: 'forearm', laterality: 'left' },
        diameter: { value: 5, unit: 'mm' },
        specimenToPathology: true,
      },
    ],
    procedures: [{ id: proc(1), kind: 'biopsy_punch', lesionIds: [lesion(1)] }],
    diagnoses: [{ code: 'L30.9' }, { code: 'D48.5', lesionIds: [lesion(1)] }],
    providerCodes: [
      { code: '99214', modifiers: ['25'], diagnosisCodes: ['L30.9'] },
      { code: '11104', diagnosisCodes: ['D48.5'] },
    ],
  }),
  // Mohs surgery (two stages) on a nasal basal cell carcinoma with a complex repair.
  ({ lesion, proc }) => ({
    encounter: { visitType: 'established', emSeparatelyIdentifiable: false },
    lesions: [{ id: lesion(1), site: { region: 'nose' }, diameter: { value: 0.8, unit: 'cm' } }],
    procedures: [
      { id: proc(1), kind: 'mohs', lesionIds: [lesion(1)], mohsStages: [{ blocks: 2 }, { blocks: 1 }] },
      { id: proc(2), kind: 'repair_complex', lesionIds: [lesion(1)], repairLength: { value: 2, unit: 'cm' } },
    ],
    diagnoses: [{ code: 'C44.311', lesionIds: [lesion(1)] }],
    providerCodes: [
      { code: '17311', diagnosisCodes: ['C44.311'] },
      { code: '17312', diagnosisCodes: ['C44.311'] },
      { code: '13151', diagnosisCodes: ['C44.311'] },
    ],
  }),
];

/** How many scenarios generateVisit knows (scenario indexes are 0..SCENARIO_COUNT-1). */
export const SCENARIO_COUNT = SCENARIOS.length;

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
