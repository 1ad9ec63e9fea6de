import type { CodingContext } from '../context';
import type { Draft } from '../draft';
import type { PtpPair } from '../tables';
import { DISTINCT_SERVICE_MODIFIERS } from '../modifiers';
import { procedurePaths, type ClaimEdit } from './edit';

/**
 * NCCI procedure-to-procedure edits [fcso-236, nor-236]: a claim line that is column 2 to another
 * claim line is dropped when both are on the same lesion or the indicator is 0; with indicator 1 it
 * takes the distinct-lesion modifier (the same-lesion one for a diagnostic biopsy before Mohs);
 * indicator 9 and pairs outside their effective/deletion dates are ignored.
 */
export const ncciPtp: ClaimEdit = {
  id: 'NCCI-PTP',
  summary:
    'Column-2 lines: same lesion or indicator 0 → dropped; indicator 1 → distinct-lesion modifier [fcso-236].',
  apply(claim, ctx) {
    for (const column2 of claim.billable()) {
      const pairs = ctx.tables.ptpByColumn2.get(column2.code);
      if (!pairs) continue;
      for (const pair of pairs) {
        if (column2.dropped) break;
        if (!inForce(pair, ctx.dateOfService)) continue;
        const column1 = claim.billable().find((d) => d.code === pair.column1 && d !== column2);
        if (column1) applyPair(ctx, pair, column1, column2);
      }
    }
  },
};

function inForce(pair: PtpPair, dos: string): boolean {
  if (pair.modifierIndicator === 9) return false;
  return pair.effective <= dos && (pair.deleted === null || pair.deleted > dos);
}

function applyPair(ctx: CodingContext, pair: PtpPair, d1: Draft, d2: Draft): void {
  const quarter = ctx.tables.quarter;
  const ev = procedurePaths(d2.procIdx, d1.procIdx);
  const overlap = d2.lesionIds.filter((id) => d1.lesionIds.includes(id));
  if (overlap.length > 0 && !d2.diagnosticBeforeMohs) {
    d2.dropped = true;
    ctx.find(
      'NCCI-PTP-SAME-LESION',
      'warning',
      `${d2.code} is column 2 to ${d1.code} (NCCI ${quarter}) on the same lesion (${overlap.join(', ')}); ${d2.code} is not billed.`,
      ev,
    );
  } else if (pair.modifierIndicator === 0) {
    d2.dropped = true;
    ctx.find(
      'NCCI-PTP',
      'warning',
      `${d2.code} is column 2 to ${d1.code} with modifier indicator 0 (NCCI ${quarter}): never separately payable; ${d2.code} dropped [fcso-236].`,
      ev,
    );
  } else if (!d2.modifiers.some((m) => DISTINCT_SERVICE_MODIFIERS.has(m))) {
    const mohsDiagnostic = d2.diagnosticBeforeMohs && d1.code.startsWith('1731');
    const mod = mohsDiagnostic ? ctx.sameLesionModifier : ctx.distinctModifierBetween(d1, d2);
    d2.modifiers.push(mod);
    const assumed = d1.lesionIds.length === 0 || d2.lesionIds.length === 0;
    ctx.find(
      'NCCI-PTP-MODIFIER',
      'info',
      `${d2.code} is column 2 to ${d1.code} (indicator 1, NCCI ${quarter}); ${mod} added for a ${d2.diagnosticBeforeMohs ? 'diagnostic biopsy before Mohs' : distinctReason(d1, d2)}${assumed ? ' (lesions not itemised: documentation must show separate lesions/sites)' : ''} [hmsa-x, fcso-236].`,
      ev,
    );
  }
}

function distinctReason(d1: Draft, d2: Draft): string {
  if (d1.encounter.number !== d2.encounter.number) return 'separate encounter';
  if (d1.encounter.practitionerNpi !== d2.encounter.practitionerNpi) return 'different practitioner';
  return 'distinct lesion';
}
