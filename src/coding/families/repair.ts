/**
 * Repairs: simple 12001–12018, layered (intermediate) 12031–12057 and complex 13100–13153, by the
 * repair anatomic groups (which differ from the lesion groups: scalp sits with trunk and extremities)
 * and length; repairs of the same type in the same group are summed into one code [cpt-repair].
 * Intermediate and complex repairs are billed separately from excisions, Mohs and destructions
 * [aapc-5, bonfire-mohs]; a simple closure is included in excisions, shave removals, punch and
 * incisional biopsies and destructions [aapc-5, bonfire-bx]; flaps and hidradenitis excisions
 * include every repair of their wound. Complex repair starts above 1.0 cm. Kind "repair" lets the
 * documented details decide the type: extensive undermining, debridement of wound edges, free-margin
 * involvement (helical rim, vermilion border, nostril rim), exposed structures or retention sutures
 * → complex; a layered closure → intermediate; otherwise simple [cpt-repair].
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import {
  roundCm,
  siteGroups,
  toCm,
  type ComplexRepairGroup,
  type IntermediateRepairGroup,
  type SimpleRepairGroup,
} from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

const SIMPLE_GRID: Record<SimpleRepairGroup, Array<[number, string]>> = {
  body: [
    [2.5, '12001'],
    [7.5, '12002'],
    [12.5, '12004'],
    [20.0, '12005'],
    [30.0, '12006'],
    [Infinity, '12007'],
  ],
  face: [
    [2.5, '12011'],
    [5.0, '12013'],
    [7.5, '12014'],
    [12.5, '12015'],
    [20.0, '12016'],
    [30.0, '12017'],
    [Infinity, '12018'],
  ],
};
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

export function simpleRepairCode(region: AnatomicRegion, lengthCm: number): string {
  const len = roundCm(lengthCm);
  return SIMPLE_GRID[siteGroups(region).simpleRepair].find(([max]) => len <= max)![1];
}

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

type RepairType = 'simple' | 'intermediate' | 'complex';

interface SummedRepair {
  type: RepairType;
  region: AnatomicRegion;
  lengthCm: number;
  pis: number[];
  lesionIds: string[];
}

const summed = (ctx: CodingContext) => ctx.stateOf(repair, () => new Map<string, SummedRepair>());

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (p.lesionIds.length === 0 && p.graftDonorSiteOf === undefined)
    issue(
      `${at}.lesionIds`,
      `${p.kind} needs the lesion(s) it was performed on (site and size come from them)`,
    );
  if (p.kind === 'repair' && !p.repairDetails)
    issue(
      `${at}.repairDetails`,
      'kind "repair" needs repairDetails (they decide simple, intermediate or complex)',
    );
  if (!p.repairLength) issue(`${at}.repairLength`, 'a repair is coded by its length, which is missing');
  else if (!(Number.isFinite(p.repairLength.value) && p.repairLength.value > 0))
    issue(`${at}.repairLength`, 'repair length must be positive');
}

const TYPE_OF_KIND: Partial<Record<Procedure['kind'], RepairType>> = {
  repair_simple: 'simple',
  repair_intermediate: 'intermediate',
  repair_complex: 'complex',
};

/** The repair type: from the kind, or for kind "repair" from what the documentation says was done. */
function repairType(p: Procedure, pi: number, ctx: CodingContext): RepairType {
  const typed = TYPE_OF_KIND[p.kind];
  if (typed) return typed;
  const d = p.repairDetails ?? {};
  const complexBecause = (
    [
      ['extensiveUndermining', 'extensive undermining'],
      ['debridement', 'debridement of wound edges'],
      ['freeMarginInvolvement', 'free-margin involvement'],
      ['exposedStructures', 'exposed bone, cartilage, tendon or named neurovascular structure'],
      ['retentionSutures', 'retention sutures'],
    ] as const
  )
    .filter(([field]) => d[field])
    .map(([, words]) => words);
  const type: RepairType = complexBecause.length > 0 ? 'complex' : d.layered ? 'intermediate' : 'simple';
  const why =
    complexBecause.length > 0
      ? complexBecause.join(', ')
      : d.layered
        ? 'layered closure'
        : 'single-layer closure';
  ctx.find('REPAIR-TYPE', 'info', `Repair ${p.id} is ${type} (${why}) [cpt-repair].`, [
    `procedures[${pi}].repairDetails`,
  ]);
  return type;
}

/** A repair of a wound whose closure another same-day procedure's code already includes. */
function includedClosure(p: Procedure, pi: number, type: RepairType, ctx: CodingContext): boolean {
  for (const id of p.lesionIds) {
    // A Mohs wound is the Mohs surgeon's to close: a same-lesion biopsy's simple closure is not it.
    const simpleIncluded = type === 'simple' && !ctx.mohsLesion.has(id);
    const other = ctx.procedures.findIndex((q) => {
      const closure = ctx.familyOf(q.kind).includesClosure;
      return q.lesionIds.includes(id) && (closure === 'all' || (closure === 'simple' && simpleIncluded));
    });
    if (other < 0) continue;
    ctx.find(
      'REPAIR-INCLUDED',
      'info',
      `The ${type} repair of lesion ${id} is included in the ${ctx.procedures[other]!.kind} of the same wound; not billed [aapc-5, bonfire-bx].`,
      [`procedures[${pi}]`, `procedures[${other}]`],
    );
    return true;
  }
  return false;
}

/**
 * The repair of a graft's donor site: its simple repair is part of every graft, and a
 * full-thickness graft includes the direct (layered) closure of its donor site [cpt-graft]; a
 * complex repair is billed. Returns the donor site's region when the repair is billed.
 */
function donorSiteRepair(
  p: Procedure,
  pi: number,
  type: RepairType,
  ctx: CodingContext,
): AnatomicRegion | null {
  const gi = ctx.procedureIndex(p.graftDonorSiteOf!)!;
  const graft = ctx.procedures[gi]!.graft!;
  const included = type === 'simple' || (type === 'intermediate' && graft.thickness === 'full');
  ctx.find(
    included ? 'GRAFT-DONOR-REPAIR-INCLUDED' : 'GRAFT-DONOR-REPAIR',
    'info',
    included
      ? `The ${type} repair of the donor site of graft ${ctx.procedures[gi]!.id} is part of the ${graft.thickness}-thickness graft; not billed [cpt-graft].`
      : `The ${type} repair of the donor site of graft ${ctx.procedures[gi]!.id} is beyond the graft's donor closure; billed [cpt-graft].`,
    [`procedures[${pi}].graftDonorSiteOf`, `procedures[${gi}]`],
  );
  return included ? null : graft.donorSite!.region;
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const type = repairType(p, pi, ctx);
  const donor = p.graftDonorSiteOf === undefined ? undefined : donorSiteRepair(p, pi, type, ctx);
  if (donor === null || (donor === undefined && includedClosure(p, pi, type, ctx))) return;
  const region = donor ?? ctx.lesion(p.lesionIds[0]!).lesion.site.region;
  const groups = siteGroups(region);
  const group =
    type === 'complex'
      ? groups.complexRepair
      : type === 'intermediate'
        ? groups.intermediateRepair
        : groups.simpleRepair;
  const key = `${type}:${group}:${p.cosmetic ? 'c' : ''}:${ctx.sessionKey(pi)}`;
  const repairs = summed(ctx);
  const cur = repairs.get(key) ?? { type, region, lengthCm: 0, pis: [], lesionIds: [] };
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
    if (r.type !== 'complex') {
      const code = (r.type === 'simple' ? simpleRepairCode : intermediateRepairCode)(r.region, r.lengthCm);
      ctx.add(code, 1, r.lesionIds, r.pis, routing, order);
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
  name: 'simple, intermediate and complex repair',
  kinds: ['repair_simple', 'repair_intermediate', 'repair_complex', 'repair'],
  requires: { check },
  routing: 'covered',
  labels: [
    [/^1200[1-7]$/, 'Simple wound repair, scalp/neck/trunk/limbs, length tier'],
    [/^1201[1-8]$/, 'Simple wound repair, face group, length tier'],
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
