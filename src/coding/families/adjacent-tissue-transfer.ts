/**
 * Adjacent tissue transfer (flaps) 14000–14302 by defect area (primary + secondary defect) and site
 * group: trunk 14000/14001; scalp, arms, legs 14020/14021; forehead, cheeks, chin, mouth, neck,
 * axillae, genitalia, hands, feet 14040/14041; eyelids, nose, ears, lips 14060/14061 (≤ 10 sq cm /
 * 10.1–30 sq cm); any area 14301 for 30.1–60 sq cm and +14302 per additional 30 sq cm or part
 * [cpt-att]. The flap includes the excision of the lesion (an NCCI pair with 114xx/116xx) and its
 * repair; after Mohs the flap is billed separately [bonfire-mohs].
 */
import type { Procedure } from '../../visit/schema';
import { siteGroups, type ComplexRepairGroup } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

const CODES: Record<ComplexRepairGroup, [string, string]> = {
  trunk: ['14000', '14001'],
  scalp_arms_legs: ['14020', '14021'],
  forehead_cheeks_neck_hands_feet: ['14040', '14041'],
  eyelids_nose_ears_lips: ['14060', '14061'],
};

export function flapUnits(
  group: ComplexRepairGroup,
  areaSqCm: number,
): Array<{ code: string; units: number }> {
  const area = Math.round(areaSqCm * 1000) / 1000;
  if (area <= 10) return [{ code: CODES[group][0], units: 1 }];
  if (area <= 30) return [{ code: CODES[group][1], units: 1 }];
  const out = [{ code: '14301', units: 1 }];
  if (area > 60) out.push({ code: '14302', units: Math.ceil((area - 60) / 30) });
  return out;
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (p.defectAreaSqCm === undefined)
    issue(
      `${at}.defectAreaSqCm`,
      'a flap is coded by its defect area (primary + secondary, sq cm), which is missing',
    );
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const id = p.lesionIds[0]!;
  const group = siteGroups(ctx.lesion(id).lesion.site.region).complexRepair;
  const routing = ctx.route(pi, p.lesionIds, []);
  flapUnits(group, p.defectAreaSqCm!).forEach((u, k) =>
    ctx.add(u.code, u.units, [...p.lesionIds], [pi], routing, pi * 100 + k),
  );
}

export const adjacentTissueTransfer: ProcedureFamily = {
  name: 'adjacent tissue transfer (flap)',
  kinds: ['adjacent_tissue_transfer'],
  requires: { lesions: 'itemised', check },
  routing: 'covered',
  includesClosure: 'all',
  labels: [
    [/^1400[01]$/, 'Adjacent tissue transfer, trunk, area tier'],
    [/^1402[01]$/, 'Adjacent tissue transfer, scalp/arms/legs, area tier'],
    [/^1404[01]$/, 'Adjacent tissue transfer, forehead/cheeks/neck/hands/feet, area tier'],
    [/^1406[01]$/, 'Adjacent tissue transfer, eyelids/nose/ears/lips, area tier'],
    [/^14301$/, 'Adjacent tissue transfer, any area, 30.1-60 sq cm'],
    [/^14302$/, 'Adjacent tissue transfer, each extra 30 sq cm'],
  ],
  draft,
};
