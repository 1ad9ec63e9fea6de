/**
 * Documentation checks that must pass before a visit can be coded. Anything the engine would
 * otherwise have to guess (a size, a site, which lesion) is reported here, naming the field.
 */
import type { VisitCompletedEvent, Procedure } from '../visit/schema';
import { LESION_SITE_GROUP } from './codes';

export interface CodingValidationIssue {
  /** Path into the visit document, e.g. "lesions[2].diameter". */
  path: string;
  message: string;
}

export class CodingValidationError extends Error {
  readonly issues: CodingValidationIssue[];
  constructor(issues: CodingValidationIssue[]) {
    super(
      `visit cannot be coded: ${issues
        .slice(0, 5)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`,
    );
    this.name = 'CodingValidationError';
    this.issues = issues;
  }
}

type Kind = Procedure['kind'];

/** Procedures that act on itemised lesions (site and/or size come from the lesion). */
const NEEDS_LESION = new Set<Kind>([
  'biopsy_tangential',
  'biopsy_punch',
  'biopsy_incisional',
  'shave_removal',
  'excision_benign',
  'excision_malignant',
  'excision',
  'destruction_malignant',
  'mohs',
  'repair_intermediate',
  'repair_complex',
]);
/** Procedures coded by a lesion count (itemised lesions or lesionCount). */
const NEEDS_COUNT = new Set<Kind>([
  'destruction_premalignant',
  'destruction_benign',
  'skin_tag_removal',
  'intralesional_injection',
]);
const NEEDS_DIAMETER = new Set<Kind>([
  'shave_removal',
  'excision_benign',
  'excision_malignant',
  'excision',
  'destruction_malignant',
]);
const NEEDS_MARGIN = new Set<Kind>(['excision_benign', 'excision_malignant', 'excision']);

function positiveFinite(n: unknown): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

export function validateVisitForCoding(visit: VisitCompletedEvent): CodingValidationIssue[] {
  const issues: CodingValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const lesions = visit.lesions ?? [];
  const procedures = visit.procedures ?? [];
  const diagnoses = visit.diagnoses ?? [];

  const lesionIndex = new Map<string, number>();
  lesions.forEach((l, i) => {
    if (lesionIndex.has(l.id)) add(`lesions[${i}].id`, `duplicate lesion id "${l.id}"`);
    else lesionIndex.set(l.id, i);
    if (!l.site || !(l.site.region in LESION_SITE_GROUP))
      add(`lesions[${i}].site.region`, `unknown anatomic site "${l.site?.region}"`);
    if (l.diameter !== undefined && !positiveFinite(l.diameter.value))
      add(`lesions[${i}].diameter`, 'diameter must be a positive number');
    if (
      l.narrowestMargin !== undefined &&
      !(Number.isFinite(l.narrowestMargin.value) && l.narrowestMargin.value >= 0)
    )
      add(`lesions[${i}].narrowestMargin`, 'margin must not be negative');
    if (l.pathology?.status === 'final' && !l.pathology.result)
      add(
        `lesions[${i}].pathology.result`,
        'a final pathology report needs its result (benign, malignant, …)',
      );
  });

  const procIndex = new Map<string, number>();
  procedures.forEach((p, i) => {
    const at = `procedures[${i}]`;
    if (procIndex.has(p.id)) add(`${at}.id`, `duplicate procedure id "${p.id}"`);
    else procIndex.set(p.id, i);
    const lesionIds = p.lesionIds ?? [];
    lesionIds.forEach((id, j) => {
      if (!lesionIndex.has(id)) add(`${at}.lesionIds[${j}]`, `lesion "${id}" does not exist in lesions[]`);
    });
    if (NEEDS_LESION.has(p.kind) && lesionIds.length === 0)
      add(
        `${at}.lesionIds`,
        `${p.kind} needs the lesion(s) it was performed on (site and size come from them)`,
      );
    if (NEEDS_COUNT.has(p.kind) && lesionIds.length === 0 && p.lesionCount === undefined)
      add(`${at}.lesionCount`, `${p.kind} needs lesionIds or lesionCount`);
    if (p.lesionCount !== undefined) {
      if (!Number.isInteger(p.lesionCount) || p.lesionCount <= 0)
        add(`${at}.lesionCount`, 'lesion count must be a positive integer');
      else if (lesionIds.length > p.lesionCount)
        add(
          `${at}.lesionCount`,
          `lesionCount ${p.lesionCount} is less than the ${lesionIds.length} lesions listed`,
        );
    }
    for (const id of lesionIds) {
      const li = lesionIndex.get(id);
      if (li === undefined) continue;
      const lesion = lesions[li]!;
      if (NEEDS_DIAMETER.has(p.kind) && lesion.diameter === undefined)
        add(`lesions[${li}].diameter`, `${p.kind} (${at}) is sized by the lesion diameter, which is missing`);
      if (NEEDS_MARGIN.has(p.kind) && lesion.narrowestMargin === undefined)
        add(
          `lesions[${li}].narrowestMargin`,
          `excision (${at}) is sized by diameter + 2 × narrowest margin; the margin is missing`,
        );
    }
    if (p.kind === 'mohs') {
      if (!p.mohsStages || p.mohsStages.length === 0)
        add(`${at}.mohsStages`, 'Mohs needs at least one stage');
      else
        p.mohsStages.forEach((s, j) => {
          if (!Number.isInteger(s.blocks) || s.blocks <= 0)
            add(`${at}.mohsStages[${j}].blocks`, 'blocks must be a positive integer');
        });
      if (lesionIds.length > 1) add(`${at}.lesionIds`, 'one Mohs procedure per tumour (lesion)');
    }
    if (p.kind === 'phototherapy') {
      if (!p.phototherapyType)
        add(`${at}.phototherapyType`, 'phototherapy needs its type (uvb, goeckerman, puva, excimer)');
      else if (p.phototherapyType === 'excimer' && !positiveFinite(p.excimerAreaSqCm))
        add(`${at}.excimerAreaSqCm`, 'excimer laser is coded by treated area (sq cm), which is missing');
    }
    if (p.kind === 'repair_intermediate' || p.kind === 'repair_complex') {
      if (!p.repairLength) add(`${at}.repairLength`, 'a repair is coded by its length, which is missing');
      else if (!positiveFinite(p.repairLength.value))
        add(`${at}.repairLength`, 'repair length must be positive');
    }
    (p.drugs ?? []).forEach((d, j) => {
      if (!Number.isInteger(d.units) || d.units <= 0)
        add(`${at}.drugs[${j}].units`, 'drug units must be a positive integer');
    });
  });

  diagnoses.forEach((d, i) => {
    (d.lesionIds ?? []).forEach((id, j) => {
      if (!lesionIndex.has(id))
        add(`diagnoses[${i}].lesionIds[${j}]`, `lesion "${id}" does not exist in lesions[]`);
    });
    (d.procedureIds ?? []).forEach((id, j) => {
      if (!procIndex.has(id))
        add(`diagnoses[${i}].procedureIds[${j}]`, `procedure "${id}" does not exist in procedures[]`);
    });
  });
  if (diagnoses.length === 0) add('diagnoses', 'at least one diagnosis is required');

  const enc = visit.encounter;
  if (enc?.emLevel !== undefined) {
    if (enc.visitType === 'new' && enc.emLevel === 1)
      add('encounter.emLevel', 'new-patient level 1 (99201) was deleted in 2021; document level 2-5');
    else if (!Number.isInteger(enc.emLevel) || enc.emLevel < 1 || enc.emLevel > 5)
      add('encounter.emLevel', 'E/M level must be 1-5');
  }
  return issues;
}
