/**
 * Skin grafts by thickness, recipient site and area [cpt-graft]. Split-thickness autograft: trunk,
 * arms, legs 15100 (first 100 sq cm) + 15101 per additional 100 sq cm or part; face, scalp,
 * eyelids, mouth, neck, ears, orbits, genitalia, hands, feet, digits 15120 + 15121. Full-thickness
 * free graft (including direct closure of the donor site): trunk 15200; scalp, arms, legs 15220;
 * forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet 15240; nose, ears, eyelids,
 * lips 15260 (20 sq cm or less) + 15201/15221/15241/15261 per additional 20 sq cm or part. Grafts of
 * one thickness in one site group are summed. Surgical preparation of the recipient site 15002/15004
 * (+15003/15005 per 100 sq cm) is billed only when no same-day excision or Mohs made the wound: a
 * lesion removal that needs a graft to close is coded as the removal plus the graft [aapc-graft-prep].
 * The excision of the lesion is billed apart [zupko-ftsg]; the graft closes its wound (any repair of
 * it is included), and the simple repair of its donor site (for a full-thickness graft, the direct
 * closure) is part of the graft [cpt-graft].
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import { siteGroups, type ComplexRepairGroup, type SplitGraftGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

const SPLIT: Record<SplitGraftGroup, [string, string]> = {
  trunk_arms_legs: ['15100', '15101'],
  face_scalp_neck_hands_feet_genitalia: ['15120', '15121'],
};
const PREPARATION: Record<SplitGraftGroup, [string, string]> = {
  trunk_arms_legs: ['15002', '15003'],
  face_scalp_neck_hands_feet_genitalia: ['15004', '15005'],
};
/** Full-thickness grafts use the four complex-repair / adjacent-tissue-transfer groups. */
const FULL: Record<ComplexRepairGroup, [string, string]> = {
  trunk: ['15200', '15201'],
  scalp_arms_legs: ['15220', '15221'],
  forehead_cheeks_neck_hands_feet: ['15240', '15241'],
  eyelids_nose_ears_lips: ['15260', '15261'],
};

/** A first code for up to `first` sq cm and an add-on per additional `step` sq cm or part. */
function areaUnits(
  codes: [string, string],
  areaSqCm: number,
  first: number,
): Array<{ code: string; units: number }> {
  const area = Math.round(areaSqCm * 1000) / 1000;
  const out = [{ code: codes[0], units: 1 }];
  if (area > first) out.push({ code: codes[1], units: Math.ceil((area - first) / first) });
  return out;
}

export function graftUnits(
  thickness: 'split' | 'full',
  region: AnatomicRegion,
  areaSqCm: number,
): Array<{ code: string; units: number }> {
  return thickness === 'split'
    ? areaUnits(SPLIT[siteGroups(region).splitGraft], areaSqCm, 100)
    : areaUnits(FULL[siteGroups(region).complexRepair], areaSqCm, 20);
}

export function recipientPreparationUnits(region: AnatomicRegion, areaSqCm: number) {
  return areaUnits(PREPARATION[siteGroups(region).splitGraft], areaSqCm, 100);
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.graft)
    issue(
      `${at}.graft`,
      'a skin graft is coded by its thickness and grafted area (graft), which are missing',
    );
}

interface SummedGraft {
  thickness: 'split' | 'full';
  region: AnatomicRegion;
  areaSqCm: number;
  pis: number[];
  lesionIds: string[];
}

const summed = (ctx: CodingContext) => ctx.stateOf(skinGraft, () => new Map<string, SummedGraft>());

function groupKey(thickness: 'split' | 'full', region: AnatomicRegion): string {
  return thickness === 'split'
    ? `split:${siteGroups(region).splitGraft}`
    : `full:${siteGroups(region).complexRepair}`;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const graft = p.graft!;
  const region = ctx.lesion(p.lesionIds[0]!).lesion.site.region;
  const key = `${groupKey(graft.thickness, region)}:${p.cosmetic ? 'c' : ''}:${ctx.sessionKey(pi)}`;
  const grafts = summed(ctx);
  const cur = grafts.get(key) ?? { thickness: graft.thickness, region, areaSqCm: 0, pis: [], lesionIds: [] };
  cur.areaSqCm += graft.areaSqCm;
  cur.pis.push(pi);
  cur.lesionIds.push(...p.lesionIds);
  grafts.set(key, cur);
  if (cur.pis.length === 2)
    ctx.find(
      'GRAFT-SUM',
      'info',
      `Grafts of one thickness in one site group are summed into one area (${key.split(':').slice(0, 2).join(' ')}) [cpt-graft].`,
      cur.pis.map((i) => `procedures[${i}].graft.areaSqCm`),
    );
  if (graft.recipientSitePreparationSqCm !== undefined) preparation(p, pi, ctx, region);
}

/** 15002/15004: only when no same-day removal of the lesion made the wound [aapc-graft-prep]. */
function preparation(p: Procedure, pi: number, ctx: CodingContext, region: AnatomicRegion): void {
  const removedBy = p.lesionIds
    .map((id) => ctx.mohsLesion.get(id) ?? ctx.removalLesion.get(id))
    .find((i) => i !== undefined);
  if (removedBy !== undefined) {
    ctx.find(
      'GRAFT-PREP-INCLUDED',
      'info',
      `Recipient-site preparation is not billed: the wound is that of the ${ctx.procedures[removedBy]!.kind} the same day, coded as the removal plus the graft [aapc-graft-prep].`,
      [`procedures[${pi}].graft.recipientSitePreparationSqCm`, `procedures[${removedBy}]`],
    );
    return;
  }
  const routing = p.cosmetic ? 'self_pay' : 'claim';
  recipientPreparationUnits(region, p.graft!.recipientSitePreparationSqCm!).forEach((u, k) =>
    ctx.add(u.code, u.units, [...p.lesionIds], [pi], routing, pi * 100 + k),
  );
}

function complete(ctx: CodingContext): void {
  for (const g of summed(ctx).values()) {
    const routing = ctx.procedures[g.pis[0]!]!.cosmetic ? 'self_pay' : 'claim';
    const order = g.pis[0]! * 100 + 5;
    graftUnits(g.thickness, g.region, g.areaSqCm).forEach((u, k) =>
      ctx.add(u.code, u.units, g.lesionIds, g.pis, routing, order + k),
    );
  }
}

export const skinGraft: ProcedureFamily = {
  name: 'skin graft',
  kinds: ['skin_graft'],
  requires: { lesions: 'itemised', check },
  routing: 'covered',
  // The graft closes the wound of its lesion: a repair of that wound is included.
  includesClosure: 'all',
  labels: [
    [/^1500[23]$/, 'Recipient site preparation, trunk/limbs'],
    [/^1500[45]$/, 'Recipient site preparation, face/scalp/neck/hands/feet/genitals'],
    [/^1510[01]$/, 'Split-thickness graft, trunk/limbs'],
    [/^1512[01]$/, 'Split-thickness graft, face/scalp/neck/hands/feet/genitals'],
    [/^1520[01]$/, 'Full-thickness graft, trunk'],
    [/^1522[01]$/, 'Full-thickness graft, scalp/arms/legs'],
    [/^1524[01]$/, 'Full-thickness graft, forehead/cheeks/neck/hands/feet'],
    [/^1526[01]$/, 'Full-thickness graft, nose/ears/eyelids/lips'],
  ],
  draft,
  complete,
};
