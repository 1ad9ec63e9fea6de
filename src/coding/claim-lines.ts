/**
 * From edited drafts to the claim: line order, diagnosis order (most specific first) and pointers
 * (≤ 4 per line, ≤ 12 per claim: one ABK + 11 ABF), charges from the fee schedule, labels.
 */
import type { CodingContext } from './context';
import type { Draft, DraftClaim } from './draft';
import { labelFor } from './families/registry';
import type { IcdEntry } from './tables';
import type { ClaimLine } from './types';

export interface ClaimLines {
  diagnosisCodes: string[];
  lines: ClaimLine[];
  selfPayLines: ClaimLine[];
}

function specificity(code: string, entry: IcdEntry | null | undefined): number {
  return code.replace('.', '').length - (entry?.unspecified ? 1.5 : 0);
}

export function buildClaimLines(claim: DraftClaim, ctx: CodingContext): ClaimLines {
  const kept = claim.drafts
    .filter((d) => !d.dropped && d.units > 0)
    .sort((a, b) => (a.kind === 'em' ? -1 : b.kind === 'em' ? 1 : a.order - b.order));
  const claimDrafts = kept.filter((d) => d.routing !== 'self_pay');
  const selfDrafts = kept.filter((d) => d.routing === 'self_pay');
  const diagnosisCodes = pointDiagnoses(ctx, claimDrafts);
  const claimDx = diagnosisCodes.slice(0, 12);
  const lines = claimDrafts.map((d) => toLine(ctx, d, claimDx, false));
  const selfPayLines = selfDrafts.map((d) => toLine(ctx, d, claimDx, true));
  ctx.dxCodes.forEach((code, i) => {
    if (!diagnosisCodes.includes(code) && claimDrafts.length > 0)
      ctx.find(
        'DX-UNUSED',
        'info',
        `${code} is not pointed to by any claim line and is left off the claim.`,
        [`diagnoses[${i}].code`],
      );
  });
  return { diagnosisCodes: claimDx, lines, selfPayLines };
}

/** Orders each line's diagnoses and collects the claim's diagnosis list in line order. */
function pointDiagnoses(ctx: CodingContext, claimDrafts: Draft[]): string[] {
  const sortDx = (dx: string[]) =>
    dx
      .map((c, i) => ({ c, i, s: specificity(c, ctx.icdEntry.get(c)) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.c);
  const diagnosisCodes: string[] = [];
  const fallbackDx = [...new Set(ctx.dxCodes)];
  for (const d of claimDrafts) {
    if (d.dx.length === 0) {
      if (fallbackDx.length > 1)
        ctx.find(
          'DX-LINK',
          'warning',
          `${d.code} has no diagnosis linked through diagnoses[].lesionIds/procedureIds; pointed to the primary diagnosis — confirm medical necessity linkage.`,
          d.procIdx.map((i) => `procedures[${i}]`),
        );
      d.dx = sortDx(fallbackDx).slice(0, 1);
    } else d.dx = sortDx(d.dx);
    for (const c of d.dx) if (!diagnosisCodes.includes(c)) diagnosisCodes.push(c);
  }
  if (diagnosisCodes.length > 12)
    ctx.find(
      'DX-MAX',
      'error',
      `${diagnosisCodes.length} diagnoses are pointed to; an 837P carries at most 12 (one ABK + 11 ABF). Split the claim or drop the least relevant.`,
      ['diagnoses'],
    );
  return diagnosisCodes;
}

function toLine(ctx: CodingContext, d: Draft, claimDx: string[], selfPay: boolean): ClaimLine {
  const pointers = selfPay
    ? []
    : d.dx
        .map((c) => claimDx.indexOf(c) + 1)
        .filter((p) => p > 0)
        .slice(0, 4);
  if (!selfPay && d.dx.length > 4)
    ctx.find(
      'DX-POINTERS',
      'info',
      `${d.code} has ${d.dx.length} linked diagnoses; only the 4 most specific are pointed.`,
      d.procIdx.map((i) => `procedures[${i}]`),
    );
  const fee = ctx.options.feeSchedule[d.code];
  if (fee === undefined)
    ctx.find('FEE-MISSING', 'warning', `No fee schedule amount for ${d.code}; charge is 0.`, []);
  const line: ClaimLine = {
    code: d.code,
    modifiers: d.modifiers,
    units: d.units,
    chargeCents: (fee ?? 0) * d.units,
    diagnosisPointers: pointers,
    label: labelFor(d.code),
  };
  if (d.lesionIds.length === 1) line.lesionId = d.lesionIds[0]!;
  if (d.ndc) line.ndc = { ...d.ndc };
  return line;
}
