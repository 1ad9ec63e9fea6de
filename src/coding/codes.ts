/**
 * Shared coding arithmetic and the anatomic site-group table. Codes only, with our own short
 * labels: CPT descriptors are AMA-copyrighted and are never shipped (domain brief §8 [ama-lic, ohdsi]).
 * Each family's code grid lives in its own module under ./families.
 */
import type { AnatomicRegion } from '../visit/schema';

/** CPT lesion-removal site groups (shave 113xx, excision 114xx/116xx, destruction 172xx). */
export type LesionSiteGroup = 'trunk_extremities' | 'scalp_neck_hands_feet_genitalia' | 'face';
/** Intermediate repair groups 1203x/1204x/1205x (scalp sits with trunk and extremities). */
export type IntermediateRepairGroup = 'scalp_trunk_extremities' | 'neck_hands_feet_genitalia' | 'face';
/** Complex repair groups 1310x/1312x/1313x/1315x. */
export type ComplexRepairGroup =
  'trunk' | 'scalp_arms_legs' | 'forehead_cheeks_neck_hands_feet' | 'eyelids_nose_ears_lips';
/** Simple repair 12001–12007 (scalp, neck, axillae, genitalia, trunk, extremities) vs 12011–12018 (face group). */
export type SimpleRepairGroup = 'body' | 'face';
/** Mohs 17311/17312 (head, neck, hands, feet, genitalia) vs 17313/17314 (trunk and extremities). */
export type MohsSiteGroup = 'head_neck_hands_feet_genitalia' | 'trunk_extremities';
/** Split-thickness grafts 15100 vs 15120 and recipient-site preparation 15002 vs 15004. */
export type SplitGraftGroup = 'trunk_arms_legs' | 'face_scalp_neck_hands_feet_genitalia';

export interface SiteGroups {
  lesion: LesionSiteGroup;
  /** The simple-repair face group is the lesion face group. */
  simpleRepair: SimpleRepairGroup;
  intermediateRepair: IntermediateRepairGroup;
  /** Complex repair 131xx; adjacent tissue transfer 140xx uses the same four groups. */
  complexRepair: ComplexRepairGroup;
  mohs: MohsSiteGroup;
  /** CPT's split-graft and preparation groups name the same regions as the Mohs groups. */
  splitGraft: SplitGraftGroup;
}

type Row = [LesionSiteGroup, IntermediateRepairGroup, ComplexRepairGroup, MohsSiteGroup];
const T: LesionSiteGroup = 'trunk_extremities';
const S: LesionSiteGroup = 'scalp_neck_hands_feet_genitalia';
const F: LesionSiteGroup = 'face';
const HEAD: MohsSiteGroup = 'head_neck_hands_feet_genitalia';
const BODY: MohsSiteGroup = 'trunk_extremities';

/**
 * Region → code groups, one row per documented anatomic region [aapc-diam, aapc-mohs, cpcprep]; the
 * repair columns follow the CPT repair descriptors (axillae sit with the 1203x and 1313x groups).
 */
const REGION_TABLE: Readonly<Record<AnatomicRegion, Row>> = {
  //                 lesion  intermediate repair            complex repair                      Mohs
  trunk: /*       */ [T, 'scalp_trunk_extremities', 'trunk', BODY],
  chest: /*       */ [T, 'scalp_trunk_extremities', 'trunk', BODY],
  back: /*        */ [T, 'scalp_trunk_extremities', 'trunk', BODY],
  abdomen: /*     */ [T, 'scalp_trunk_extremities', 'trunk', BODY],
  arm: /*         */ [T, 'scalp_trunk_extremities', 'scalp_arms_legs', BODY],
  forearm: /*     */ [T, 'scalp_trunk_extremities', 'scalp_arms_legs', BODY],
  leg: /*         */ [T, 'scalp_trunk_extremities', 'scalp_arms_legs', BODY],
  thigh: /*       */ [T, 'scalp_trunk_extremities', 'scalp_arms_legs', BODY],
  scalp: /*       */ [S, 'scalp_trunk_extremities', 'scalp_arms_legs', HEAD],
  neck: /*        */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  hand: /*        */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  finger: /*      */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  foot: /*        */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  toe: /*         */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  genitalia: /*   */ [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
  face: /*        */ [F, 'face', 'forehead_cheeks_neck_hands_feet', HEAD],
  forehead: /*    */ [F, 'face', 'forehead_cheeks_neck_hands_feet', HEAD],
  cheek: /*       */ [F, 'face', 'forehead_cheeks_neck_hands_feet', HEAD],
  chin: /*        */ [F, 'face', 'forehead_cheeks_neck_hands_feet', HEAD],
  ear: /*         */ [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  eyelid: /*      */ [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  nose: /*        */ [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  lip: /*         */ [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  mucous_membrane: [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  // schema version 2 (⚠ perianal: the CPT lesion and Mohs groups name no perianal site; trunk assumed)
  axilla: [T, 'scalp_trunk_extremities', 'forehead_cheeks_neck_hands_feet', BODY],
  shoulder: [T, 'scalp_trunk_extremities', 'scalp_arms_legs', BODY],
  buttock: [T, 'scalp_trunk_extremities', 'trunk', BODY],
  groin: [T, 'scalp_trunk_extremities', 'trunk', BODY],
  perianal: [T, 'scalp_trunk_extremities', 'trunk', BODY],
  lip_vermilion: [F, 'face', 'eyelids_nose_ears_lips', HEAD],
  nail_unit: [S, 'neck_hands_feet_genitalia', 'forehead_cheeks_neck_hands_feet', HEAD],
};

const GROUPS = new Map<string, SiteGroups>(
  Object.entries(REGION_TABLE).map(([region, [lesion, intermediateRepair, complexRepair, mohs]]) => [
    region,
    {
      lesion,
      simpleRepair: lesion === 'face' ? 'face' : 'body',
      intermediateRepair,
      complexRepair,
      mohs,
      splitGraft: mohs === HEAD ? 'face_scalp_neck_hands_feet_genitalia' : 'trunk_arms_legs',
    },
  ]),
);

/** The code groups of a documented region. */
export function siteGroups(region: AnatomicRegion): SiteGroups {
  return GROUPS.get(region)!;
}

/** Lesion-removal site group per region (the first column of the table). */
export const LESION_SITE_GROUP: Readonly<Record<AnatomicRegion, LesionSiteGroup>> = Object.fromEntries(
  Object.entries(REGION_TABLE).map(([region, row]) => [region, row[0]]),
) as Record<AnatomicRegion, LesionSiteGroup>;

/** Round a centimetre value to 1/1000 cm so float noise never flips a tier. */
export function roundCm(cm: number): number {
  return Math.round(cm * 1000) / 1000;
}

export function toCm(length: { value: number; unit: 'mm' | 'cm' }): number {
  return roundCm(length.unit === 'mm' ? length.value / 10 : length.value);
}

/** Index of the first tier whose inclusive upper bound (cm) holds the size; the last tier is open. */
export function tierIndex(sizeCm: number, bounds: number[]): number {
  const size = roundCm(sizeCm);
  for (let i = 0; i < bounds.length; i++) if (size <= bounds[i]!) return i;
  return bounds.length;
}

/** Labels of lines that no procedure family owns: E/M, pathology reads, drug supply. */
export const COMMON_LABELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^9920[2-5]$/, 'Office visit, new patient, level'],
  [/^9921[1-5]$/, 'Office visit, established patient, level'],
  [/^8833[12]$/, 'Frozen section read'],
  [/^88305$/, 'Surgical pathology, gross and micro'],
  [/^J3301$/, 'Triamcinolone acetonide, per 10 mg'],
  [/^J058[5-8]$/, 'Botulinum toxin, per unit'],
  [/^J\d{4}$/, 'Drug supply'],
];
