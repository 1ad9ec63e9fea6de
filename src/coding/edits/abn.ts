import type { Procedure } from '../../visit/schema';
import type { CodingContext } from '../context';
import type { Draft } from '../draft';
import { ABN_MODIFIERS } from '../modifiers';
import type { ClaimEdit } from './edit';

type AbnStatus = NonNullable<Procedure['abn']>;

/**
 * ABN modifiers per service, traditional Medicare only [rcmguide, columbia, rev-opt]: an expected
 * medical-necessity denial takes GA (ABN on file for that service) or GZ (none); a statutorily
 * excluded service sent at the patient's request takes GY, with GX when a voluntary ABN was given
 * and the payer policy accepts it; never two of GA/GY/GZ on one line; nothing for other payers. The
 * ABN of a service is its procedure's `abn`, else the visit's `encounter.abnOnFile`.
 */
export const abnModifiers: ClaimEdit = {
  id: 'ABN',
  summary:
    'Medicare FFS, per service: GA/GZ for expected necessity denials, GY (+GX) for exclusions; never combined [rcmguide].',
  apply(claim, ctx) {
    for (const d of claim.billable()) {
      if (d.routing === 'doubt') expectedDenial(ctx, d);
      else if (d.routing === 'gy' && ctx.abnModifiersApply) statutoryExclusion(ctx, d);
      const abn = d.modifiers.filter((m) => ABN_MODIFIERS.has(m));
      if (abn.length > 1) d.modifiers = [...d.modifiers.filter((m) => !ABN_MODIFIERS.has(m)), abn[0]!];
    }
  },
};

/** The ABN status of each procedure behind a line. */
function statusesOf(ctx: CodingContext, d: Draft): AbnStatus[] {
  const visitLevel: AbnStatus = ctx.visit.encounter.abnOnFile ? 'on_file' : 'not_issued';
  const statuses = d.procIdx.map((i) => ctx.procedures[i]!.abn ?? visitLevel);
  return statuses.length > 0 ? statuses : [visitLevel];
}

function evidenceOf(ctx: CodingContext, d: Draft): string[] {
  const perService = d.procIdx.filter((i) => ctx.procedures[i]!.abn !== undefined);
  return perService.length > 0
    ? perService.map((i) => `procedures[${i}].abn`)
    : ['encounter.abnOnFile', ...d.procIdx.map((i) => `procedures[${i}]`)];
}

function expectedDenial(ctx: CodingContext, d: Draft): void {
  const statuses = statusesOf(ctx, d);
  if (!ctx.abnModifiersApply) {
    if (statuses.some((s) => s !== 'not_issued'))
      ctx.find(
        'ABN-NOT-APPLICABLE',
        'info',
        `ABN modifiers are for traditional Medicare only; not used for ${ctx.visit.coverage?.payerType ?? 'self-pay'} [rev-opt].`,
        ['coverage.payerType'],
      );
    return;
  }
  const onFile = statuses.every((s) => s === 'on_file');
  if (statuses.includes('voluntary'))
    ctx.find(
      'ABN-VOLUNTARY-FOR-NECESSITY',
      'warning',
      `${d.code}: an expected necessity denial needs a required ABN (GA); a voluntary ABN is for excluded services, so GZ applies [rcmguide].`,
      evidenceOf(ctx, d),
    );
  const mod = onFile ? 'GA' : 'GZ';
  d.modifiers.push(mod);
  ctx.find(
    onFile ? 'ABN-GA' : 'ABN-GZ',
    onFile ? 'info' : 'warning',
    onFile
      ? `${d.code}: expected Medicare denial for medical necessity; ABN on file → GA (patient liable if denied) [rcmguide].`
      : `${d.code}: expected Medicare denial for medical necessity and no ABN on file → GZ; the practice cannot bill the patient if denied [rcmguide].`,
    evidenceOf(ctx, d),
  );
}

function statutoryExclusion(ctx: CodingContext, d: Draft): void {
  d.modifiers.push('GY');
  if (!statusesOf(ctx, d).includes('voluntary') || !ctx.policy.voluntaryAbnModifier) return;
  d.modifiers.push('GX');
  ctx.find(
    'ABN-GX',
    'info',
    `${d.code}: statutorily excluded, voluntary ABN given → GY with GX [rcmguide].`,
    evidenceOf(ctx, d),
  );
}
