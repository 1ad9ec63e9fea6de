/**
 * Cosmetic services: toxin, fillers, peels and laser go to the self-pay ledger, never an 837 (cosmetic
 * surgery is on CMS's not-covered list) [aad-abn, bcbsms, bonfire-botox]. Codes are used for the quote:
 * toxin = its J-code × units, filler 11950–11954 by volume, peel 15788/15789 (face) or 15792/15793 by
 * depth, laser 17999.
 */
import type { Procedure } from '../../visit/schema';
import { siteGroups } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily } from './family';

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

function draftToxin(p: Procedure, pi: number, ctx: CodingContext): void {
  if (p.drugs.length > 0) return;
  ctx.add('J0585', 1, [], [pi], 'self_pay', pi * 100, 'drug');
  ctx.find(
    'COSMETIC-UNITS',
    'warning',
    'Cosmetic toxin without product/units; 1 unit of J0585 assumed for the quote.',
    [`procedures[${pi}].drugs`],
  );
}

function draftFiller(p: Procedure, pi: number, ctx: CodingContext): void {
  if (p.fillerVolumeMl === undefined)
    ctx.find('COSMETIC-UNITS', 'warning', 'Filler volume not documented; smallest volume tier used.', [
      `procedures[${pi}].fillerVolumeMl`,
    ]);
  ctx.add(fillerCode(p.fillerVolumeMl ?? 1), 1, [...p.lesionIds], [pi], 'self_pay', pi * 100);
}

function draftPeel(p: Procedure, pi: number, ctx: CodingContext): void {
  const facial =
    p.lesionIds.length === 0 ||
    p.lesionIds.some((id) => siteGroups(ctx.lesion(id).lesion.site.region).lesion === 'face');
  ctx.add(peelCode(facial, p.peelDepth ?? 'epidermal'), 1, [...p.lesionIds], [pi], 'self_pay', pi * 100);
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  ctx.route(pi, [], []);
  if (p.kind === 'cosmetic_toxin') draftToxin(p, pi, ctx);
  else if (p.kind === 'cosmetic_filler') draftFiller(p, pi, ctx);
  else if (p.kind === 'cosmetic_peel') draftPeel(p, pi, ctx);
  else ctx.add('17999', 1, [...p.lesionIds], [pi], 'self_pay', pi * 100);
}

export const cosmetic: ProcedureFamily = {
  name: 'cosmetic services',
  kinds: ['cosmetic_toxin', 'cosmetic_filler', 'cosmetic_peel', 'cosmetic_laser'],
  requires: {},
  routing: 'cosmetic',
  labels: [
    [/^1195[0-4]$/, 'Filler injection, volume tier'],
    [/^1578[89]$/, 'Chemical peel, face'],
    [/^1579[23]$/, 'Chemical peel, non-facial'],
    [/^17999$/, 'Unlisted skin procedure'],
  ],
  draft,
};
