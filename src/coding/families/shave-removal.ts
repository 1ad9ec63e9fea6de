/**
 * Shave removal 11300–11313: whole-lesion removal without full-thickness dermis; size is the lesion
 * diameter only, no margins [aapc-diam]; site groups trunk/arms/legs, scalp/neck/hands/feet/genitalia,
 * face group [ca-11313]. A specimen sent to pathology holds the claim for the report [aapc-4]. A benign
 * removal needs a supporting diagnosis or symptom [auctus-benign].
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import { siteGroups, tierIndex, toCm, type LesionSiteGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

/** Upper bounds (cm, inclusive) of the size tiers; the last tier is open. */
const SHAVE_TIERS = [0.5, 1.0, 2.0];
const SHAVE_CODES: Record<LesionSiteGroup, string[]> = {
  trunk_extremities: ['11300', '11301', '11302', '11303'],
  scalp_neck_hands_feet_genitalia: ['11305', '11306', '11307', '11308'],
  face: ['11310', '11311', '11312', '11313'],
};

/** Shave removal: size is the lesion diameter only [aapc-diam]. */
export function shaveCode(region: AnatomicRegion, diameterCm: number): string {
  return SHAVE_CODES[siteGroups(region).lesion][tierIndex(diameterCm, SHAVE_TIERS)]!;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  for (const id of p.lesionIds) {
    if (ctx.held.has(id)) continue;
    const { lesion } = ctx.lesion(id);
    const code = shaveCode(lesion.site.region, toCm(lesion.diameter!));
    ctx.add(code, 1, [id], [pi], ctx.route(pi, [id], ctx.dxFor([id], [pi])), pi * 100);
  }
}

export const shaveRemoval: ProcedureFamily = {
  name: 'shave removal',
  kinds: ['shave_removal'],
  requires: { lesions: 'itemised', lesionDiameter: true },
  routing: 'benign_removal',
  removesLesion: true,
  includesClosure: 'simple',
  labels: [
    [/^1130[0-3]$/, 'Shave removal, trunk/limbs, size tier'],
    [/^1130[5-8]$/, 'Shave removal, scalp/neck/hands/feet/genitals, size tier'],
    [/^1131[0-3]$/, 'Shave removal, face group, size tier'],
  ],
  holdsForPathology: (_p, lesion) => lesion.specimenToPathology || lesion.pathology?.status === 'pending',
  draft,
};
