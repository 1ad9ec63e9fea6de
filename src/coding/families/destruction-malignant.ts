/**
 * Destruction of malignant lesions 17260–17286 by site group and lesion diameter; column 2 to
 * 17000/17004 in NCCI [aapc-ncci11]. A biopsy of the same lesion is included [derm-ncci].
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import { siteGroups, tierIndex, toCm, type LesionSiteGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

const TIERS = [0.5, 1.0, 2.0, 3.0, 4.0];
const CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['17260', '17261', '17262', '17263', '17264', '17266'],
  scalp_neck_hands_feet_genitalia: ['17270', '17271', '17272', '17273', '17274', '17276'],
  face: ['17280', '17281', '17282', '17283', '17284', '17286'],
};

export function malignantDestructionCode(region: AnatomicRegion, diameterCm: number): string {
  return CODES[siteGroups(region).lesion][tierIndex(diameterCm, TIERS)]!;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const routing = ctx.route(pi, p.lesionIds, []);
  for (const id of p.lesionIds) {
    const { lesion } = ctx.lesion(id);
    const code = malignantDestructionCode(lesion.site.region, toCm(lesion.diameter!));
    ctx.add(code, 1, [id], [pi], routing, pi * 100);
  }
}

export const malignantDestruction: ProcedureFamily = {
  name: 'malignant lesion destruction',
  kinds: ['destruction_malignant'],
  requires: { lesions: 'itemised', lesionDiameter: true },
  routing: 'covered',
  removesLesion: true,
  includesClosure: 'simple',
  labels: [
    [/^1726\d$/, 'Malignant lesion destruction, trunk/limbs, size tier'],
    [/^1727\d$/, 'Malignant lesion destruction, scalp/neck/hands/feet/genitals, size tier'],
    [/^1728\d$/, 'Malignant lesion destruction, face group, size tier'],
  ],
  draft,
};
