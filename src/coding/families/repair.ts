/**
 * Layered (intermediate) repair 12031–12057 and complex repair 13100–13153, billed separately from
 * excisions, Mohs and destructions [aapc-5, bonfire-mohs]. Coded by the repair anatomic groups (which
 * differ from the lesion groups: scalp sits with trunk and extremities) and length; repairs of the
 * same type in the same group are summed into one code. Complex repair starts above 1.0 cm.
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import { roundCm, siteGroups, toCm, type ComplexRepairGroup, type IntermediateRepairGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

const INTERMEDIATE_GRID: Record<IntermediateRepairGroup, Array<[number, string]>> = {
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
const COMPLEX_CODES: Record<ComplexRepairGroup, [string, string, string]> = {
  trunk: ['13100', '13101', '13102'],
  scalp_arms_legs: ['13120', '13121', '13122'],
  forehead_cheeks_neck_hands_feet: ['13131', '13132', '13133'],
  eyelids_nose_ears_lips: ['13151', '13152', '13153'],
};

export function intermediateRepairCode(region: AnatomicRegion, lengthCm: number): string {
  const len = roundCm(lengthCm);
  return INTERMEDIATE_GRID[siteGroups(region).intermediateRepair].find(([max]) => len <= max)![1];
}

/** Complex repair: 1.1–2.5, 2.6–7.5, + each additional 5 cm or less. Null for ≤ 1.0 cm. */
export function complexRepairUnits(
  region: AnatomicRegion,
  lengthCm: number,
): Array<{ code: string; units: number }> | null {
  const len = roundCm(lengthCm);
  if (len <= 1.0) return null;
  const [small, mid, addl] = COMPLEX_CODES[siteGroups(region).complexRepair];
  if (len <= 2.5) return [{ code: small, units: 1 }];
  const out = [{ code: mid, units: 1 }];
  if (len > 7.5) out.push({ code: addl, units: Math.ceil(roundCm(len - 7.5) / 5) });
  return out;
}

interface SummedRepair {
  kind: string;
  region: AnatomicRegion;
  lengthCm: number;
  pis: number[];
  lesionIds: string[];
}

const summed = (ctx: CodingContext) => ctx.stateOf(repair, () => new Map<string, SummedRepair>());

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.repairLength) issue(`${at}.repairLength`, 'a repair is coded by its length, which is missing');
  else if (!(Number.isFinite(p.repairLength.value) && p.repairLength.value > 0))
    issue(`${at}.repairLength`, 'repair length must be positive');
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const region = ctx.lesion(p.lesionIds[0]!).lesion.site.region;
  const groups = siteGroups(region);
  const group = p.kind === 'repair_complex' ? groups.complexRepair : groups.intermediateRepair;
  const key = `${p.kind}:${group}:${p.cosmetic ? 'c' : ''}`;
  const repairs = summed(ctx);
  const cur = repairs.get(key) ?? { kind: p.kind, region, lengthCm: 0, pis: [], lesionIds: [] };
  cur.lengthCm += toCm(p.repairLength!);
  cur.pis.push(pi);
  cur.lesionIds.push(...p.lesionIds);
  repairs.set(key, cur);
  if (cur.pis.length === 2)
    ctx.find(
      'REPAIR-SUM',
      'info',
      `Repairs of the same type in the same anatomic group are summed into one code (${group}).`,
      cur.pis.map((i) => `procedures[${i}].repairLength`),
    );
}

function complete(ctx: CodingContext): void {
  for (const r of summed(ctx).values()) {
    const routing = ctx.procedures[r.pis[0]!]!.cosmetic ? 'self_pay' : 'claim';
    const order = r.pis[0]! * 100;
    if (r.kind !== 'repair_complex') {
      ctx.add(intermediateRepairCode(r.region, r.lengthCm), 1, r.lesionIds, r.pis, routing, order);
      continue;
    }
    const units = complexRepairUnits(r.region, r.lengthCm);
    if (!units)
      ctx.find(
        'REPAIR-COMPLEX-LENGTH',
        'error',
        `Complex repair of ${r.lengthCm} cm: complex repair codes start above 1.0 cm; review the repair type.`,
        r.pis.map((i) => `procedures[${i}].repairLength`),
      );
    else units.forEach((u, k) => ctx.add(u.code, u.units, r.lesionIds, r.pis, routing, order + k));
  }
}

export const repair: ProcedureFamily = {
  name: 'intermediate and complex repair',
  kinds: ['repair_intermediate', 'repair_complex'],
  requires: { lesions: 'itemised', check },
  routing: 'covered',
  labels: [
    [/^1203\d$/, 'Layered wound repair, scalp/trunk/limbs, length tier'],
    [/^1204\d$/, 'Layered wound repair, neck/hands/feet/genitals, length tier'],
    [/^1205\d$/, 'Layered wound repair, face group, length tier'],
    [/^1310[0-2]$/, 'Complex wound repair, trunk, length tier'],
    [/^1312[0-2]$/, 'Complex wound repair, scalp/arms/legs, length tier'],
    [/^1313[1-3]$/, 'Complex wound repair, forehead/cheeks/neck/hands/feet, length tier'],
    [/^1315[1-3]$/, 'Complex wound repair, eyelids/nose/ears/lips, length tier'],
  ],
  draft,
  complete,
};
