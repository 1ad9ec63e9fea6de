import type { CodingContext } from '../context';
import type { Draft, DraftClaim } from '../draft';
import type { ClaimEdit } from './edit';
import { inPriorGlobal } from './global-period';

/** Office E/M codes the engine emits: new 99202–99205, established 99211–99215. */
export const EM_CODE = /^99(20[2-5]|21[1-5])$/;

export function emCode(visitType: 'new' | 'established', level: number): string | null {
  if (visitType === 'new') return level >= 2 && level <= 5 ? `9920${level}` : null;
  return level >= 1 && level <= 5 ? `9921${level}` : null;
}

/**
 * The E/M line (99202–99205, 99211–99215) and modifier 25 [ellzey-25, cgs-25, mdedge-25]: with a
 * billed (or held) procedure the E/M needs modifier 25 and separately identifiable work, otherwise it
 * is part of the procedure's global package and not billed; an E/M-25 whose only diagnosis is the
 * procedure's is flagged for review.
 */
export const emModifier25: ClaimEdit = {
  id: 'EM-25',
  summary: 'E/M with a same-day procedure: 25 when separately identifiable, otherwise dropped [ellzey-25].',
  apply(claim, ctx) {
    const enc = ctx.visit.encounter;
    if (enc.emLevel === undefined) {
      if (enc.emSeparatelyIdentifiable)
        ctx.find(
          'EM-LEVEL-MISSING',
          'warning',
          'A separately identifiable E/M is flagged but no E/M level is documented.',
          ['encounter.emLevel'],
        );
      return;
    }
    const procedureBilled =
      claim.billable().some((d) => d.kind === 'procedure' || d.kind === 'pathology') || ctx.held.size > 0;
    const em = emDraft(claim, ctx, emCode(enc.visitType, enc.emLevel)!);
    if (em.routing === 'claim' && inPriorGlobal(ctx)) postoperative(ctx, em);
    if (procedureBilled && em.routing === 'claim' && !em.dropped) decideModifier25(claim, ctx, em);
    claim.drafts.unshift(em);
  },
};

/** The E/M points to diagnoses linked to no procedure; else to the procedures'; else to all. */
function emDraft(claim: DraftClaim, ctx: CodingContext, code: string): Draft {
  const unlinked = ctx.dxCodes.filter((_, i) => !ctx.linkedDiagnoses.has(i));
  const procDx = [...new Set(claim.billable().flatMap((d) => d.dx))];
  const dx =
    unlinked.length > 0 ? [...new Set(unlinked)] : procDx.length > 0 ? procDx : [...new Set(ctx.dxCodes)];
  return {
    code,
    units: 1,
    modifiers: [],
    lesionIds: [],
    procIdx: [],
    dx,
    routing: ctx.visit.coverage ? 'claim' : 'self_pay',
    kind: 'em',
    order: -1,
    encounter: ctx.firstEncounter,
  };
}

/** An E/M inside a prior surgery's global period: 24 when unrelated, else postoperative care [cms-global]. */
function postoperative(ctx: CodingContext, em: Draft): void {
  const prior = ctx.visit.encounter.priorSurgery!;
  if (prior.emUnrelated) {
    em.modifiers.push('24');
    ctx.find(
      'EM-24',
      'info',
      `E/M ${em.code} in the global period of ${prior.code} is unrelated to it → 24 [fcso-236, cms-global].`,
      ['encounter.priorSurgery.emUnrelated'],
    );
    return;
  }
  em.dropped = true;
  ctx.find(
    'EM-IN-POSTOP-GLOBAL',
    'warning',
    `E/M ${em.code} is inside the global period of ${prior.code} (${prior.dateOfService}) and not documented as unrelated: postoperative care is in the surgery's package, not billed [cms-global].`,
    ['encounter.priorSurgery'],
  );
}

function decideModifier25(claim: DraftClaim, ctx: CodingContext, em: Draft): void {
  if (!ctx.visit.encounter.emSeparatelyIdentifiable) {
    em.dropped = true;
    ctx.find(
      'EM-IN-GLOBAL',
      'warning',
      `E/M ${em.code} is not documented as separately identifiable; the decision for a minor procedure is included in its global package, so the E/M is not billed [ellzey-25].`,
      ['encounter.emSeparatelyIdentifiable'],
    );
    return;
  }
  em.modifiers.push('25');
  const procDx = new Set(claim.billable().flatMap((d) => d.dx));
  if (em.dx.length === 1 && procDx.has(em.dx[0]!))
    ctx.find(
      'EM25-SAME-DX',
      'warning',
      `E/M with modifier 25 has only ${em.dx[0]}, the same diagnosis as the procedure: review that significant, separately identifiable work is documented [mdedge-25, cgs-25].`,
      ['encounter.emSeparatelyIdentifiable', 'diagnoses'],
    );
}
