import { defaultIcdTable, normaliseIcd } from '../coding/tables';
import type { PathologyResult } from '../visit-billing/messages';
import {
  AnatomicRegionSchema,
  ProcedureKindSchema,
  type AnatomicRegion,
  type Lesion,
  type ProcedureKind,
} from '../visit/schema';

/**
 * How EHR codes become the visit document's vocabulary. One table per concept; a code that is in
 * none of them is a mapping problem (422 / AE naming the field), never a guess.
 */
export const SYSTEMS = {
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  snomed: 'http://snomed.info/sct',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  ucum: 'http://unitsofmeasure.org',
  payerType: 'urn:oid:2.16.840.1.113883.3.221.5',
  taxonomy: 'http://nucc.org/provider-taxonomy',
  /** dermclaims' own code systems, for what no standard terminology names (docs/integrations.md). */
  region: 'https://dermclaims.dev/fhir/CodeSystem/anatomic-region',
  procedureKind: 'https://dermclaims.dev/fhir/CodeSystem/procedure-kind',
  visitType: 'https://dermclaims.dev/fhir/CodeSystem/visit-type',
  lesionObservation: 'https://dermclaims.dev/fhir/CodeSystem/lesion-observation',
} as const;

type Laterality = NonNullable<Lesion['site']['laterality']>;

/** SNOMED CT body structures (the sites the coding engine's site groups distinguish). */
const SNOMED_REGIONS: Readonly<Record<string, AnatomicRegion>> = {
  '22943007': 'trunk',
  '51185008': 'chest',
  '77568009': 'back',
  '818983003': 'abdomen',
  '53120007': 'arm',
  '14975008': 'forearm',
  '30021000': 'leg',
  '68367000': 'thigh',
  '41695006': 'scalp',
  '45048000': 'neck',
  '85562004': 'hand',
  '7569003': 'finger',
  '56459004': 'foot',
  '29707007': 'toe',
  '89545001': 'face',
  '52795006': 'forehead',
  '60819002': 'cheek',
  '30291003': 'chin',
  '117590005': 'ear',
  '80243003': 'eyelid',
  '45206002': 'nose',
  '48477009': 'lip',
  '91470000': 'axilla',
  '16982005': 'shoulder',
  '46862004': 'buttock',
  '26893007': 'groin',
};

const SNOMED_LATERALITY: Readonly<Record<string, Laterality>> = {
  '7771000': 'left',
  '24028007': 'right',
  '51440002': 'bilateral',
};

export function regionOf(system: string | undefined, code: string | undefined): AnatomicRegion | undefined {
  if (!code) return undefined;
  if (system === SYSTEMS.snomed) return SNOMED_REGIONS[code];
  if (system === SYSTEMS.region) return AnatomicRegionSchema.safeParse(code).data;
  return undefined;
}

/** SNOMED qualifiers, or the words themselves (HL7 v2 sites often carry L/R). */
export function lateralityOf(system: string | undefined, code: string | undefined): Laterality | undefined {
  if (!code) return undefined;
  if (system === SYSTEMS.snomed) return SNOMED_LATERALITY[code];
  const words: Record<string, Laterality> = { L: 'left', R: 'right', B: 'bilateral', M: 'midline' };
  return (
    words[code.toUpperCase()] ?? (['left', 'right', 'bilateral', 'midline'] as const).find((w) => w === code)
  );
}

/** How a CPT charge contributes to a procedure: one procedure, or lesions counted in its units. */
export interface CptProcedure {
  kind: ProcedureKind;
  /** Lesions the code counts per unit (17000 one, 17004 fifteen); absent: lesions are itemised. */
  lesionsPerUnit?: number;
  /** An add-on code that extends the previous procedure of the same kind. */
  addOn?: boolean;
}

const range = (from: number, to: number, entry: CptProcedure): Array<[string, CptProcedure]> =>
  Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), entry]);

/** CPT procedure codes by family (the families src/coding/families codes). */
const CPT_PROCEDURES = new Map<string, CptProcedure>([
  ['11102', { kind: 'biopsy_tangential' }],
  ['11103', { kind: 'biopsy_tangential', addOn: true }],
  ['11104', { kind: 'biopsy_punch' }],
  ['11105', { kind: 'biopsy_punch', addOn: true }],
  ['11106', { kind: 'biopsy_incisional' }],
  ['11107', { kind: 'biopsy_incisional', addOn: true }],
  ...range(11300, 11313, { kind: 'shave_removal' }),
  ...range(11400, 11446, { kind: 'excision_benign' }),
  ...range(11600, 11646, { kind: 'excision_malignant' }),
  ['11200', { kind: 'skin_tag_removal', lesionsPerUnit: 15 }],
  ['11201', { kind: 'skin_tag_removal', lesionsPerUnit: 10, addOn: true }],
  ['17000', { kind: 'destruction_premalignant', lesionsPerUnit: 1 }],
  ['17003', { kind: 'destruction_premalignant', lesionsPerUnit: 1, addOn: true }],
  ['17004', { kind: 'destruction_premalignant', lesionsPerUnit: 15 }],
  ['17110', { kind: 'destruction_benign', lesionsPerUnit: 14 }],
  ['17111', { kind: 'destruction_benign', lesionsPerUnit: 15 }],
  ...range(17260, 17286, { kind: 'destruction_malignant' }),
  ['11900', { kind: 'intralesional_injection', lesionsPerUnit: 7 }],
  ['11901', { kind: 'intralesional_injection', lesionsPerUnit: 8 }],
  ['10060', { kind: 'incision_drainage_simple' }],
  ['10061', { kind: 'incision_drainage_complicated' }],
  ['10040', { kind: 'acne_surgery' }],
  ...range(12031, 12057, { kind: 'repair_intermediate' }),
  ...range(13100, 13160, { kind: 'repair_complex' }),
]);

/** SNOMED CT procedures; extend with the concepts a connected EHR uses. */
const SNOMED_PROCEDURES: Readonly<Record<string, ProcedureKind>> = {
  '301890004': 'excision_benign', // Excision of skin cyst
};

export function cptProcedure(code: string): CptProcedure | undefined {
  return CPT_PROCEDURES.get(code);
}

export function procedureKindOf(
  system: string | undefined,
  code: string | undefined,
): ProcedureKind | undefined {
  if (!code) return undefined;
  if (system === SYSTEMS.cpt) return CPT_PROCEDURES.get(code)?.kind;
  if (system === SYSTEMS.snomed) return SNOMED_PROCEDURES[code];
  if (system === SYSTEMS.procedureKind) return ProcedureKindSchema.safeParse(code).data;
  return undefined;
}

/** Office E/M: 99202-99205 new patient, 99211-99215 established. */
export function evaluationAndManagement(
  code: string,
): { visitType: 'new' | 'established'; emLevel: number } | undefined {
  const match = /^992(0[2-5]|1[1-5])$/.exec(code);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n < 10 ? { visitType: 'new', emLevel: n } : { visitType: 'established', emLevel: n - 10 };
}

/** The behaviour a pathology diagnosis reads as, from the ICD-10-CM table the coding engine uses. */
export function pathologyBehaviour(icd10: string): PathologyResult['result'] | undefined {
  const entry = defaultIcdTable.codes.find((c) => normaliseIcd(c.code) === normaliseIcd(icd10));
  switch (entry?.category) {
    case 'malignant':
    case 'premalignant':
    case 'uncertain':
    case 'benign':
      return entry.category;
    default:
      return undefined;
  }
}
