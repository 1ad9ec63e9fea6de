/**
 * Code grids for dermatology procedures. Codes only, with our own short labels: CPT descriptors
 * are AMA-copyrighted and are never shipped (domain brief §8 [ama-lic, ohdsi]).
 */
import type { AnatomicRegion } from '../visit/schema';

/** CPT lesion-removal site groups (shave 113xx, excision 114xx/116xx, destruction 172xx). */
export type LesionSiteGroup = 'trunk_extremities' | 'scalp_neck_hands_feet_genitalia' | 'face';

export const LESION_SITE_GROUP: Readonly<Record<AnatomicRegion, LesionSiteGroup>> = {
  trunk: 'trunk_extremities',
  chest: 'trunk_extremities',
  back: 'trunk_extremities',
  abdomen: 'trunk_extremities',
  arm: 'trunk_extremities',
  forearm: 'trunk_extremities',
  leg: 'trunk_extremities',
  thigh: 'trunk_extremities',
  scalp: 'scalp_neck_hands_feet_genitalia',
  neck: 'scalp_neck_hands_feet_genitalia',
  hand: 'scalp_neck_hands_feet_genitalia',
  finger: 'scalp_neck_hands_feet_genitalia',
  foot: 'scalp_neck_hands_feet_genitalia',
  toe: 'scalp_neck_hands_feet_genitalia',
  genitalia: 'scalp_neck_hands_feet_genitalia',
  face: 'face',
  forehead: 'face',
  cheek: 'face',
  chin: 'face',
  ear: 'face',
  eyelid: 'face',
  nose: 'face',
  lip: 'face',
  mucous_membrane: 'face',
};

/** Round a centimetre value to 1/1000 cm so float noise never flips a tier. */
export function roundCm(cm: number): number {
  return Math.round(cm * 1000) / 1000;
}

export function toCm(length: { value: number; unit: 'mm' | 'cm' }): number {
  return roundCm(length.unit === 'mm' ? length.value / 10 : length.value);
}

/** Upper bounds (cm, inclusive) of the size tiers; the last tier is open. */
const SHAVE_TIERS = [0.5, 1.0, 2.0];
const EXCISION_TIERS = [0.5, 1.0, 2.0, 3.0, 4.0];

function tierIndex(sizeCm: number, bounds: number[]): number {
  const size = roundCm(sizeCm);
  for (let i = 0; i < bounds.length; i++) if (size <= bounds[i]!) return i;
  return bounds.length;
}

const SHAVE_CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['11300', '11301', '11302', '11303'],
  scalp_neck_hands_feet_genitalia: ['11305', '11306', '11307', '11308'],
  face: ['11310', '11311', '11312', '11313'],
};
const BENIGN_EXCISION_CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['11400', '11401', '11402', '11403', '11404', '11406'],
  scalp_neck_hands_feet_genitalia: ['11420', '11421', '11422', '11423', '11424', '11426'],
  face: ['11440', '11441', '11442', '11443', '11444', '11446'],
};
const MALIGNANT_EXCISION_CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['11600', '11601', '11602', '11603', '11604', '11606'],
  scalp_neck_hands_feet_genitalia: ['11620', '11621', '11622', '11623', '11624', '11626'],
  face: ['11640', '11641', '11642', '11643', '11644', '11646'],
};
const MALIGNANT_DESTRUCTION_CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['17260', '17261', '17262', '17263', '17264', '17266'],
  scalp_neck_hands_feet_genitalia: ['17270', '17271', '17272', '17273', '17274', '17276'],
  face: ['17280', '17281', '17282', '17283', '17284', '17286'],
};

/** Shave removal: size is the lesion diameter only [aapc-diam]. */
export function shaveCode(region: AnatomicRegion, diameterCm: number): string {
  return SHAVE_CODES[LESION_SITE_GROUP[region]][tierIndex(diameterCm, SHAVE_TIERS)]!;
}

/** Excised diameter = greatest lesion diameter + 2 × narrowest margin [aapc-gs, aapc-5]. */
export function excisedDiameterCm(diameterCm: number, narrowestMarginCm: number): number {
  return roundCm(diameterCm + 2 * narrowestMarginCm);
}

export function excisionCode(region: AnatomicRegion, excisedCm: number, malignant: boolean): string {
  const grid = malignant ? MALIGNANT_EXCISION_CODES : BENIGN_EXCISION_CODES;
  return grid[LESION_SITE_GROUP[region]][tierIndex(excisedCm, EXCISION_TIERS)]!;
}

/** Malignant destruction 17260–17286 by site group and lesion diameter. */
export function malignantDestructionCode(region: AnatomicRegion, diameterCm: number): string {
  return MALIGNANT_DESTRUCTION_CODES[LESION_SITE_GROUP[region]][tierIndex(diameterCm, EXCISION_TIERS)]!;
}

/** Premalignant destruction: 17000 + 17003 × (n−1) for 1–14, 17004 alone for 15+ [rac-0121]. */
export function premalignantDestructionUnits(count: number): Array<{ code: string; units: number }> {
  if (count <= 0) return [];
  if (count >= 15) return [{ code: '17004', units: 1 }];
  const out = [{ code: '17000', units: 1 }];
  if (count > 1) out.push({ code: '17003', units: count - 1 });
  return out;
}

/** Benign destruction: 17110 one unit for 1–14, 17111 one unit for 15+; never both [auctus-17110]. */
export function benignDestructionCode(count: number): string | null {
  if (count <= 0) return null;
  return count >= 15 ? '17111' : '17110';
}

/** Skin tags: 11200 up to 15, +11201 per additional 10 or part. */
export function skinTagUnits(count: number): Array<{ code: string; units: number }> {
  if (count <= 0) return [];
  const out = [{ code: '11200', units: 1 }];
  if (count > 15) out.push({ code: '11201', units: Math.ceil((count - 15) / 10) });
  return out;
}

/** Intralesional injection: 11900 for 1–7 lesions, 11901 for more; one unit [pabau-11900]. */
export function intralesionalCode(count: number): string {
  return count > 7 ? '11901' : '11900';
}

export type BiopsyTechnique = 'incisional' | 'punch' | 'tangential';
/** Hierarchy incisional > punch > tangential [aad-bx3]. */
export const BIOPSY_HIERARCHY: BiopsyTechnique[] = ['incisional', 'punch', 'tangential'];
export const BIOPSY_CODES: Record<BiopsyTechnique, { primary: string; addOn: string }> = {
  incisional: { primary: '11106', addOn: '11107' },
  punch: { primary: '11104', addOn: '11105' },
  tangential: { primary: '11102', addOn: '11103' },
};

/**
 * One primary biopsy code per encounter (highest technique present); every other biopsy uses the
 * add-on of its own technique (1 punch + 2 tangential = 11104 + 11103×2).
 */
export function biopsyUnits(counts: Record<BiopsyTechnique, number>): Array<{
  technique: BiopsyTechnique;
  code: string;
  units: number;
  primary: boolean;
}> {
  const out: Array<{ technique: BiopsyTechnique; code: string; units: number; primary: boolean }> = [];
  const primary = BIOPSY_HIERARCHY.find((t) => counts[t] > 0);
  if (!primary) return out;
  for (const t of BIOPSY_HIERARCHY) {
    const n = counts[t];
    if (n <= 0) continue;
    if (t === primary) {
      out.push({ technique: t, code: BIOPSY_CODES[t].primary, units: 1, primary: true });
      if (n > 1) out.push({ technique: t, code: BIOPSY_CODES[t].addOn, units: n - 1, primary: false });
    } else {
      out.push({ technique: t, code: BIOPSY_CODES[t].addOn, units: n, primary: false });
    }
  }
  return out;
}

/** Mohs: head, neck, hands, feet, genitalia (or deep structures) vs trunk and extremities. */
const MOHS_HEAD_GROUP = new Set<AnatomicRegion>([
  'scalp',
  'neck',
  'hand',
  'finger',
  'foot',
  'toe',
  'genitalia',
  'face',
  'forehead',
  'cheek',
  'chin',
  'ear',
  'eyelid',
  'nose',
  'lip',
  'mucous_membrane',
]);

export function mohsUnits(
  region: AnatomicRegion,
  deepStructures: boolean,
  stages: Array<{ blocks: number }>,
): Array<{ code: string; units: number }> {
  const head = deepStructures || MOHS_HEAD_GROUP.has(region);
  const [first, addl] = head ? ['17311', '17312'] : ['17313', '17314'];
  const out = [{ code: first, units: 1 }];
  if (stages.length > 1) out.push({ code: addl, units: stages.length - 1 });
  const extraBlocks = stages.reduce((sum, s) => sum + Math.max(0, s.blocks - 5), 0);
  if (extraBlocks > 0) out.push({ code: '17315', units: extraBlocks });
  return out;
}

/** Repair anatomic groups differ from the lesion groups (scalp sits with trunk/extremities). */
type IntermediateGroup = 'scalp_trunk_extremities' | 'neck_hands_feet_genitalia' | 'face';
const INTERMEDIATE_GROUP: Record<AnatomicRegion, IntermediateGroup> = {
  scalp: 'scalp_trunk_extremities',
  trunk: 'scalp_trunk_extremities',
  chest: 'scalp_trunk_extremities',
  back: 'scalp_trunk_extremities',
  abdomen: 'scalp_trunk_extremities',
  arm: 'scalp_trunk_extremities',
  forearm: 'scalp_trunk_extremities',
  leg: 'scalp_trunk_extremities',
  thigh: 'scalp_trunk_extremities',
  neck: 'neck_hands_feet_genitalia',
  hand: 'neck_hands_feet_genitalia',
  finger: 'neck_hands_feet_genitalia',
  foot: 'neck_hands_feet_genitalia',
  toe: 'neck_hands_feet_genitalia',
  genitalia: 'neck_hands_feet_genitalia',
  face: 'face',
  forehead: 'face',
  cheek: 'face',
  chin: 'face',
  ear: 'face',
  eyelid: 'face',
  nose: 'face',
  lip: 'face',
  mucous_membrane: 'face',
};
const INTERMEDIATE_GRID: Record<IntermediateGroup, Array<[number, string]>> = {
  scalp_trunk_extremities: [
    [2.5, '12031'],
    [7.5, '12032'],
    [12.5, '12034'],
    [20.0, '12035'],
    [30.0, '12036'],
    [Infinity, '12037'],
  ],
  neck_hands_feet_genitalia: [
    [2.5, '12041'],
    [7.5, '12042'],
    [12.5, '12044'],
    [20.0, '12045'],
    [30.0, '12046'],
    [Infinity, '12047'],
  ],
  face: [
    [2.5, '12051'],
    [5.0, '12052'],
    [7.5, '12053'],
    [12.5, '12054'],
    [20.0, '12055'],
    [30.0, '12056'],
    [Infinity, '12057'],
  ],
};

export function intermediateRepairGroup(region: AnatomicRegion): string {
  return INTERMEDIATE_GROUP[region];
}

export function intermediateRepairCode(region: AnatomicRegion, lengthCm: number): string {
  const len = roundCm(lengthCm);
  return INTERMEDIATE_GRID[INTERMEDIATE_GROUP[region]].find(([max]) => len <= max)![1];
}

type ComplexGroup =
  'trunk' | 'scalp_arms_legs' | 'forehead_cheeks_neck_hands_feet' | 'eyelids_nose_ears_lips';
const COMPLEX_GROUP: Record<AnatomicRegion, ComplexGroup> = {
  trunk: 'trunk',
  chest: 'trunk',
  back: 'trunk',
  abdomen: 'trunk',
  scalp: 'scalp_arms_legs',
  arm: 'scalp_arms_legs',
  forearm: 'scalp_arms_legs',
  leg: 'scalp_arms_legs',
  thigh: 'scalp_arms_legs',
  face: 'forehead_cheeks_neck_hands_feet',
  forehead: 'forehead_cheeks_neck_hands_feet',
  cheek: 'forehead_cheeks_neck_hands_feet',
  chin: 'forehead_cheeks_neck_hands_feet',
  neck: 'forehead_cheeks_neck_hands_feet',
  hand: 'forehead_cheeks_neck_hands_feet',
  finger: 'forehead_cheeks_neck_hands_feet',
  foot: 'forehead_cheeks_neck_hands_feet',
  toe: 'forehead_cheeks_neck_hands_feet',
  genitalia: 'forehead_cheeks_neck_hands_feet',
  eyelid: 'eyelids_nose_ears_lips',
  nose: 'eyelids_nose_ears_lips',
  ear: 'eyelids_nose_ears_lips',
  lip: 'eyelids_nose_ears_lips',
  mucous_membrane: 'eyelids_nose_ears_lips',
};
const COMPLEX_CODES: Record<ComplexGroup, [string, string, string]> = {
  trunk: ['13100', '13101', '13102'],
  scalp_arms_legs: ['13120', '13121', '13122'],
  forehead_cheeks_neck_hands_feet: ['13131', '13132', '13133'],
  eyelids_nose_ears_lips: ['13151', '13152', '13153'],
};

export function complexRepairGroup(region: AnatomicRegion): string {
  return COMPLEX_GROUP[region];
}

/** Complex repair: 1.1–2.5, 2.6–7.5, + each additional 5 cm or less. Null for ≤ 1.0 cm. */
export function complexRepairUnits(
  region: AnatomicRegion,
  lengthCm: number,
): Array<{ code: string; units: number }> | null {
  const len = roundCm(lengthCm);
  if (len <= 1.0) return null;
  const [small, mid, addl] = COMPLEX_CODES[COMPLEX_GROUP[region]];
  if (len <= 2.5) return [{ code: small, units: 1 }];
  const out = [{ code: mid, units: 1 }];
  if (len > 7.5) out.push({ code: addl, units: Math.ceil(roundCm(len - 7.5) / 5) });
  return out;
}

/** Excimer laser by treated area: < 250, 250–500, > 500 sq cm. */
export function excimerCode(areaSqCm: number): string {
  if (areaSqCm < 250) return '96920';
  if (areaSqCm <= 500) return '96921';
  return '96922';
}

export const PHOTOTHERAPY_CODES = { uvb: '96900', goeckerman: '96910', puva: '96912' } as const;

/** Cosmetic filler by volume: 11950 ≤1 ml, 11951 1.1–5, 11952 5.1–10, 11954 > 10. */
export function fillerCode(volumeMl: number): string {
  if (volumeMl <= 1) return '11950';
  if (volumeMl <= 5) return '11951';
  if (volumeMl <= 10) return '11952';
  return '11954';
}

export function peelCode(facial: boolean, depth: 'epidermal' | 'dermal'): string {
  if (facial) return depth === 'dermal' ? '15789' : '15788';
  return depth === 'dermal' ? '15793' : '15792';
}

export function emCode(visitType: 'new' | 'established', level: number): string | null {
  if (visitType === 'new') return level >= 2 && level <= 5 ? `9920${level}` : null;
  return level >= 1 && level <= 5 ? `9921${level}` : null;
}

/** Our own short labels (never AMA descriptor text). */
const LABELS: Array<[RegExp, string]> = [
  [/^9920[2-5]$/, 'Office visit, new patient, level'],
  [/^9921[1-5]$/, 'Office visit, established patient, level'],
  [/^11102$/, 'Skin biopsy, tangential, first'],
  [/^11103$/, 'Skin biopsy, tangential, each extra'],
  [/^11104$/, 'Skin biopsy, punch, first'],
  [/^11105$/, 'Skin biopsy, punch, each extra'],
  [/^11106$/, 'Skin biopsy, incisional, first'],
  [/^11107$/, 'Skin biopsy, incisional, each extra'],
  [/^1130[0-3]$/, 'Shave removal, trunk/limbs, size tier'],
  [/^1130[5-8]$/, 'Shave removal, scalp/neck/hands/feet/genitals, size tier'],
  [/^1131[0-3]$/, 'Shave removal, face group, size tier'],
  [/^1140\d$/, 'Benign lesion excision, trunk/limbs, size tier'],
  [/^1142\d$/, 'Benign lesion excision, scalp/neck/hands/feet/genitals, size tier'],
  [/^1144\d$/, 'Benign lesion excision, face group, size tier'],
  [/^1160\d$/, 'Malignant lesion excision, trunk/limbs, size tier'],
  [/^1162\d$/, 'Malignant lesion excision, scalp/neck/hands/feet/genitals, size tier'],
  [/^1164\d$/, 'Malignant lesion excision, face group, size tier'],
  [/^11200$/, 'Skin tag removal, up to 15'],
  [/^11201$/, 'Skin tag removal, each extra 10'],
  [/^17000$/, 'Premalignant lesion destruction, first'],
  [/^17003$/, 'Premalignant lesion destruction, lesions 2-14 each'],
  [/^17004$/, 'Premalignant lesion destruction, 15 or more'],
  [/^17110$/, 'Benign lesion destruction, up to 14'],
  [/^17111$/, 'Benign lesion destruction, 15 or more'],
  [/^1726\d$/, 'Malignant lesion destruction, trunk/limbs, size tier'],
  [/^1727\d$/, 'Malignant lesion destruction, scalp/neck/hands/feet/genitals, size tier'],
  [/^1728\d$/, 'Malignant lesion destruction, face group, size tier'],
  [/^17311$/, 'Mohs, head/neck/hands/feet/genitals, first stage'],
  [/^17312$/, 'Mohs, head/neck/hands/feet/genitals, each extra stage'],
  [/^17313$/, 'Mohs, trunk/limbs, first stage'],
  [/^17314$/, 'Mohs, trunk/limbs, each extra stage'],
  [/^17315$/, 'Mohs, each block beyond five in a stage'],
  [/^1203\d$/, 'Layered wound repair, scalp/trunk/limbs, length tier'],
  [/^1204\d$/, 'Layered wound repair, neck/hands/feet/genitals, length tier'],
  [/^1205\d$/, 'Layered wound repair, face group, length tier'],
  [/^1310[0-2]$/, 'Complex wound repair, trunk, length tier'],
  [/^1312[0-2]$/, 'Complex wound repair, scalp/arms/legs, length tier'],
  [/^1313[1-3]$/, 'Complex wound repair, forehead/cheeks/neck/hands/feet, length tier'],
  [/^1315[1-3]$/, 'Complex wound repair, eyelids/nose/ears/lips, length tier'],
  [/^11900$/, 'Lesion injection, up to 7'],
  [/^11901$/, 'Lesion injection, more than 7'],
  [/^10040$/, 'Acne surgery'],
  [/^10060$/, 'Abscess drainage, simple'],
  [/^10061$/, 'Abscess drainage, complicated'],
  [/^96900$/, 'UV light therapy'],
  [/^96910$/, 'Tar plus UVB therapy'],
  [/^96912$/, 'Psoralen plus UVA therapy'],
  [/^9692[0-2]$/, 'Excimer laser therapy, area tier'],
  [/^64650$/, 'Sweat gland chemodenervation, both axillae'],
  [/^64612$/, 'Facial-nerve muscle chemodenervation'],
  [/^8833[12]$/, 'Frozen section read'],
  [/^88305$/, 'Surgical pathology, gross and micro'],
  [/^1195[0-4]$/, 'Filler injection, volume tier'],
  [/^1578[89]$/, 'Chemical peel, face'],
  [/^1579[23]$/, 'Chemical peel, non-facial'],
  [/^17999$/, 'Unlisted skin procedure'],
  [/^J3301$/, 'Triamcinolone acetonide, per 10 mg'],
  [/^J058[5-8]$/, 'Botulinum toxin, per unit'],
  [/^J\d{4}$/, 'Drug supply'],
];

export function labelFor(code: string): string {
  for (const [re, label] of LABELS) if (re.test(code)) return label;
  return 'Service';
}
