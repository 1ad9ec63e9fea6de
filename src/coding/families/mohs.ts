/**
 * Mohs micrographic surgery 17311–17315 [aapc-mohs, cms-a56515]: 17311/+17312 per stage on the head,
 * neck, hands, feet, genitalia or any site involving muscle, cartilage, bone, tendon, major nerves or
 * vessels; 17313/+17314 on the trunk and extremities; +17315 for each tissue block beyond five in a
 * stage. Mohs includes the tumour excision; repairs are billed separately [bonfire-mohs]. Several
 * tumours the same day: each tumour is its own 17311/17313 series with its add-on stages; the
 * second and later tumours carry the payer's distinct-structure modifier (XS or 59) [aad-2020, hmsa-x].
 */
import type { AnatomicRegion, Procedure } from '../../visit/schema';
import { siteGroups } from '../codes';
import type { CodingContext } from '../context';
import type { ProcedureFamily, ValidationIssueSink } from './family';

export function mohsUnits(
  region: AnatomicRegion,
  deepStructures: boolean,
  stages: Array<{ blocks: number }>,
): Array<{ code: string; units: number }> {
  const head = deepStructures || siteGroups(region).mohs === 'head_neck_hands_feet_genitalia';
  const [first, addl] = head ? ['17311', '17312'] : ['17313', '17314'];
  const out = [{ code: first, units: 1 }];
  if (stages.length > 1) out.push({ code: addl, units: stages.length - 1 });
  const extraBlocks = stages.reduce((sum, s) => sum + Math.max(0, s.blocks - 5), 0);
  if (extraBlocks > 0) out.push({ code: '17315', units: extraBlocks });
  return out;
}

function check(p: Procedure, at: string, issue: ValidationIssueSink): void {
  if (!p.mohsStages || p.mohsStages.length === 0) issue(`${at}.mohsStages`, 'Mohs needs at least one stage');
  else
    p.mohsStages.forEach((s, j) => {
      if (!Number.isInteger(s.blocks) || s.blocks <= 0)
        issue(`${at}.mohsStages[${j}].blocks`, 'blocks must be a positive integer');
    });
  if ((p.lesionIds ?? []).length > 1) issue(`${at}.lesionIds`, 'one Mohs procedure per tumour (lesion)');
}

function draft(p: Procedure, pi: number, ctx: CodingContext): void {
  const id = p.lesionIds[0]!;
  const { lesion } = ctx.lesion(id);
  const routing = ctx.route(pi, [id], []);
  const earlier = ctx.procedures.slice(0, pi).filter((q) => q.kind === 'mohs').length;
  const modifiers = earlier > 0 ? [ctx.distinctModifier] : [];
  if (earlier > 0)
    ctx.find(
      'MOHS-SEPARATE-TUMOUR',
      'info',
      `Tumour ${earlier + 1} by Mohs (lesion ${id}) is its own series with ${ctx.distinctModifier} (payer policy) [aad-2020, hmsa-x].`,
      [`procedures[${pi}]`],
    );
  mohsUnits(lesion.site.region, p.mohsDeepStructures ?? false, p.mohsStages!).forEach((u, k) =>
    ctx.add(u.code, u.units, [id], [pi], routing, pi * 100 + k, 'procedure', {
      modifiers: [...modifiers],
      series: `tumour:${id}`,
    }),
  );
}

export const mohs: ProcedureFamily = {
  name: 'Mohs micrographic surgery',
  kinds: ['mohs'],
  requires: { lesions: 'itemised', check },
  routing: 'covered',
  excisesTumour: true,
  labels: [
    [/^17311$/, 'Mohs, head/neck/hands/feet/genitals, first stage'],
    [/^17312$/, 'Mohs, head/neck/hands/feet/genitals, each extra stage'],
    [/^17313$/, 'Mohs, trunk/limbs, first stage'],
    [/^17314$/, 'Mohs, trunk/limbs, each extra stage'],
    [/^17315$/, 'Mohs, each block beyond five in a stage'],
  ],
  draft,
};
