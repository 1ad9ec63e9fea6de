/**
 * Documentation checks that must pass before a visit can be coded. Anything the engine would
 * otherwise have to guess (a size, a site, which lesion) is reported here, naming the field. What a
 * procedure needs comes from its family's `requires` (src/coding/families).
 */
import { AnatomicRegionSchema, type Procedure, type VisitCompletedEvent } from '../visit/schema';
import type { ValidationIssueSink } from './families/family';
import { checkDrug } from './drugs';
import { findFamily } from './families/registry';

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

const REGIONS = new Set<string>(AnatomicRegionSchema.options);

function positiveFinite(n: unknown): boolean {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

export function validateVisitForCoding(visit: VisitCompletedEvent): CodingValidationIssue[] {
  const issues: CodingValidationIssue[] = [];
  const add: ValidationIssueSink = (path, message) => issues.push({ path, message });
  const lesionIndex = validateLesions(visit, add);
  const procIndex = new Map<string, number>();
  (visit.procedures ?? []).forEach((p, i) => {
    if (procIndex.has(p.id)) add(`procedures[${i}].id`, `duplicate procedure id "${p.id}"`);
    else procIndex.set(p.id, i);
  });
  (visit.procedures ?? []).forEach((p, i) => {
    validateProcedure(visit, p, i, lesionIndex, procIndex, add);
  });
  const diagnoses = visit.diagnoses ?? [];
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
  if (enc?.priorSurgery && enc.priorSurgery.dateOfService > visit.dateOfService)
    add('encounter.priorSurgery.dateOfService', 'the prior surgery must be on or before the date of service');
  if (enc?.emLevel !== undefined) {
    if (enc.visitType === 'new' && enc.emLevel === 1)
      add('encounter.emLevel', 'new-patient level 1 (99201) was deleted in 2021; document level 2-5');
    else if (!Number.isInteger(enc.emLevel) || enc.emLevel < 1 || enc.emLevel > 5)
      add('encounter.emLevel', 'E/M level must be 1-5');
  }
  return issues;
}

/** Lesion ids, sites, sizes and reports; returns lesion id → index. */
function validateLesions(visit: VisitCompletedEvent, add: ValidationIssueSink): Map<string, number> {
  const lesionIndex = new Map<string, number>();
  (visit.lesions ?? []).forEach((l, i) => {
    if (lesionIndex.has(l.id)) add(`lesions[${i}].id`, `duplicate lesion id "${l.id}"`);
    else lesionIndex.set(l.id, i);
    if (!l.site || !REGIONS.has(l.site.region))
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
  return lesionIndex;
}

/** What the procedure's family requires, plus lesion references, counts and drug units. */
function validateProcedure(
  visit: VisitCompletedEvent,
  p: Procedure,
  i: number,
  lesionIndex: Map<string, number>,
  procIndex: Map<string, number>,
  add: ValidationIssueSink,
): void {
  const at = `procedures[${i}]`;
  const family = findFamily(p.kind);
  if (!family) {
    add(`${at}.kind`, `unknown procedure kind "${String(p.kind)}"`);
    return;
  }
  const requires = family.requires;
  const lesionIds = p.lesionIds ?? [];
  lesionIds.forEach((id, j) => {
    if (!lesionIndex.has(id)) add(`${at}.lesionIds[${j}]`, `lesion "${id}" does not exist in lesions[]`);
  });
  if (requires.lesions === 'itemised' && lesionIds.length === 0)
    add(
      `${at}.lesionIds`,
      `${p.kind} needs the lesion(s) it was performed on (site and size come from them)`,
    );
  if (requires.lesions === 'itemised_or_count' && lesionIds.length === 0 && p.lesionCount === undefined)
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
    const lesion = visit.lesions[li]!;
    if (requires.lesionDiameter && lesion.diameter === undefined)
      add(`lesions[${li}].diameter`, `${p.kind} (${at}) is sized by the lesion diameter, which is missing`);
    if (requires.lesionMargin && lesion.narrowestMargin === undefined)
      add(
        `lesions[${li}].narrowestMargin`,
        `excision (${at}) is sized by diameter + 2 × narrowest margin; the margin is missing`,
      );
  }
  requires.check?.(p, at, add, (id) => {
    const index = lesionIndex.get(id);
    return index === undefined ? undefined : { lesion: visit.lesions[index]!, index };
  });
  (p.drugs ?? []).forEach((d, j) => checkDrug(d, `${at}.drugs[${j}]`, add));
  validateEncounterFields(visit, p, at, procIndex, add);
}

/** A repeated procedure names an earlier one of the same code family; the prior surgery is dated before today. */
function validateEncounterFields(
  visit: VisitCompletedEvent,
  p: Procedure,
  at: string,
  procIndex: Map<string, number>,
  add: ValidationIssueSink,
): void {
  if (p.repeatOf !== undefined && (!procIndex.has(p.repeatOf) || p.repeatOf === p.id))
    add(`${at}.repeatOf`, `procedure "${p.repeatOf}" does not exist in procedures[] (or is this one)`);
  if (p.graftDonorSiteOf !== undefined) {
    const gi = procIndex.get(p.graftDonorSiteOf);
    const graft = gi === undefined ? undefined : visit.procedures[gi]!;
    if (graft?.kind !== 'skin_graft')
      add(`${at}.graftDonorSiteOf`, `procedure "${p.graftDonorSiteOf}" is not a skin graft in procedures[]`);
    else if (!graft.graft?.donorSite)
      add(
        `procedures[${gi}].graft.donorSite`,
        `the repair ${at} closes this graft's donor site, whose region is not documented`,
      );
  }
}
