/**
 * Excisions, benign 11400–11446 and malignant 11600–11646 [aapc-5]: excised diameter = greatest
 * lesion diameter + 2 × narrowest margin [aapc-gs]; 3 site groups × 6 size tiers [cpcprep].
 * Pathology decides benign vs malignant: atypia/uncertain code benign; a malignant re-excision stays
 * malignant; the claim waits for a pending report [aapc-4]. Mohs includes the tumour excision, so
 * no excision is billed for a Mohs tumour [aapc-path]. Simple closure is included [aapc-5].
 */
import type { AnatomicRegion, Lesion, Procedure } from '../../visit/schema';
import { roundCm, siteGroups, tierIndex, toCm, type LesionSiteGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

const EXCISION_TIERS = [0.5, 1.0, 2.0, 3.0, 4.0];
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

/** Excised diameter = greatest lesion diameter + 2 × narrowest margin [aapc-gs, aapc-5]. */
export function excisedDiameterCm(diameterCm: number, narrowestMarginCm: number): number {
  return roundCm(diameterCm + 2 * narrowestMarginCm);
}

export function excisionCode(region: AnatomicRegion, excisedCm: number, malignant: boolean): string {
  const grid = malignant ? MALIGNANT_EXCISION_CODES : BENIGN_EXCISION_CODES;
  return grid[siteGroups(region).lesion][tierIndex(excisedCm, EXCISION_TIERS)]!;
}

/** Benign or malignant range, from the documented kind and the final pathology result. */
function malignantRange(
  ctx: CodingContext,
  p: Procedure,
  pi: number,
  lesion: Lesion,
  index: number,
): boolean {
  const result = lesion.pathology?.status === 'final' ? lesion.pathology.result : undefined;
  const malignant = documentedRange(ctx, p, pi, lesion, index, result);
  if (result === 'atypia' || result === 'uncertain')
    ctx.find(
      'ATYPIA-BENIGN',
      'info',
      `Lesion ${lesion.id}: pathology "${result}" codes in the benign excision range [aapc-4].`,
      [`lesions[${index}].pathology.result`],
    );
  return malignant;
}

function documentedRange(
  ctx: CodingContext,
  p: Procedure,
  pi: number,
  lesion: Lesion,
  index: number,
  result: NonNullable<Lesion['pathology']>['result'],
): boolean {
  const evidence = [`procedures[${pi}].kind`, `lesions[${index}].pathology.result`];
  if (p.kind === 'excision') return result === 'malignant';
  if (p.kind === 'excision_benign') {
    if (result === 'malignant')
      ctx.find(
        'PATHOLOGY-DECIDES',
        'warning',
        `Lesion ${lesion.id} was documented as benign but final pathology is malignant; coded in the malignant range [aapc-4].`,
        evidence,
      );
    return result === 'malignant';
  }
  if (result && result !== 'malignant')
    ctx.find(
      'MALIGNANT-RE-EXCISION',
      'info',
      `Lesion ${lesion.id} is documented as a malignant excision; pathology "${result}" (e.g. clear re-excision) keeps the malignant range [aapc-4, aapc-5].`,
      evidence,
    );
  return true;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const at = `procedures[${pi}]`;
  p.lesionIds.forEach((id, j) => {
    if (ctx.mohsLesion.has(id)) {
      ctx.find(
        'MOHS-NO-EXCISION',
        'warning',
        `Lesion ${id} is treated by Mohs the same day; Mohs includes the tumour excision, so no 116xx/114xx is billed for it [aapc-path].`,
        [`${at}.lesionIds[${j}]`, `procedures[${ctx.mohsLesion.get(id)}]`],
      );
      return;
    }
    if (ctx.held.has(id)) return;
    const { lesion, index } = ctx.lesion(id);
    const malignant = malignantRange(ctx, p, pi, lesion, index);
    const size = excisedDiameterCm(toCm(lesion.diameter!), toCm(lesion.narrowestMargin!));
    const code = excisionCode(lesion.site.region, size, malignant);
    const routing = malignant ? ctx.route(pi, [id], []) : ctx.route(pi, [id], ctx.dxFor([id], [pi]));
    ctx.add(code, 1, [id], [pi], routing, pi * 100);
  });
}

export const excision: ProcedureFamily = {
  name: 'excision',
  kinds: ['excision', 'excision_benign', 'excision_malignant'],
  requires: { lesions: 'itemised', lesionDiameter: true, lesionMargin: true },
  routing: 'excision',
  removesLesion: true,
  includesClosure: 'simple',
  labels: [
    [/^1140\d$/, 'Benign lesion excision, trunk/limbs, size tier'],
    [/^1142\d$/, 'Benign lesion excision, scalp/neck/hands/feet/genitals, size tier'],
    [/^1144\d$/, 'Benign lesion excision, face group, size tier'],
    [/^1160\d$/, 'Malignant lesion excision, trunk/limbs, size tier'],
    [/^1162\d$/, 'Malignant lesion excision, scalp/neck/hands/feet/genitals, size tier'],
    [/^1164\d$/, 'Malignant lesion excision, face group, size tier'],
  ],
  /** Kind "excision" always waits for the report; the others when a specimen went to pathology. */
  holdsForPathology: (p, lesion) =>
    p.kind === 'excision' || lesion.specimenToPathology || lesion.pathology?.status === 'pending',
  draft,
};
