import type { CodingContext } from '../context';
import { globalDaysOf, inGlobalPeriod } from '../global-periods';
import { procedurePaths, type ClaimEdit } from './edit';

const RELATION_MODIFIER = { staged: '58', return_to_or: '78', unrelated: '79' } as const;

/** Whether the visit is inside the global period of encounter.priorSurgery (findings say why not). */
export function inPriorGlobal(ctx: CodingContext): boolean {
  const prior = ctx.visit.encounter.priorSurgery;
  if (!prior) return false;
  const memo = ctx.stateOf(inPriorGlobal, () => ({ value: undefined as boolean | undefined }));
  if (memo.value !== undefined) return memo.value;
  const days = globalDaysOf(prior.code);
  if (days === undefined || days === 'add_on') {
    ctx.find(
      'GLOBAL-DAYS-UNKNOWN',
      'warning',
      `${prior.code}: ${days === 'add_on' ? 'an add-on code carries the global of its primary code; give the primary code' : 'no global period in the shipped table'}; the global period of the prior surgery cannot be checked [pfs-rvu].`,
      ['encounter.priorSurgery.code'],
    );
    return (memo.value = false);
  }
  memo.value = inGlobalPeriod(days, prior.dateOfService, ctx.dateOfService);
  ctx.find(
    memo.value ? 'GLOBAL-PERIOD' : 'GLOBAL-PERIOD-OVER',
    'info',
    `${prior.code} on ${prior.dateOfService} has a ${days}-day global period; ${ctx.dateOfService} is ${memo.value ? 'inside' : 'outside'} it [cms-global].`,
    ['encounter.priorSurgery'],
  );
  return memo.value;
}

/**
 * Procedures inside the global period of a prior surgery [fcso-236, cms-global]: staged or planned
 * → 58, return to the operating room for a complication → 78, unrelated → 79; a procedure in the
 * global period without its relation documented is flagged. The E/M's 24 is decided by EM-25.
 */
export const globalPeriod: ClaimEdit = {
  id: 'GLOBAL-PERIOD',
  summary:
    'Procedures in a prior surgery’s global period take 58 (staged), 78 (return to OR) or 79 (unrelated).',
  apply(claim, ctx) {
    if (!inPriorGlobal(ctx)) return;
    for (const d of claim.billable()) {
      if (d.kind !== 'procedure') continue;
      const relations = new Set(d.procIdx.map((i) => ctx.procedures[i]!.priorSurgeryRelation));
      const [relation] = relations;
      if (relations.size === 1 && relation !== undefined) {
        d.modifiers.push(RELATION_MODIFIER[relation]);
        continue;
      }
      ctx.find(
        'GLOBAL-RELATION-MISSING',
        'warning',
        `${d.code} is inside the global period of ${ctx.visit.encounter.priorSurgery!.code}: document whether it is staged (58), a return to the OR (78) or unrelated (79); otherwise it is part of the global package [cms-global].`,
        procedurePaths(d.procIdx).map((p) => `${p}.priorSurgeryRelation`),
      );
    }
  },
};
