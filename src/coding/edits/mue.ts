import type { CodingContext } from '../context';
import type { Draft, DraftClaim } from '../draft';
import { DISTINCT_SERVICE_MODIFIERS } from '../modifiers';
import type { MueEdit } from '../tables';
import type { ClaimEdit } from './edit';

/**
 * Medically unlikely edits [nor-mue, rac-0121]: units of a code per date of service above the
 * practitioner MUE. MAI 1 (line edit) splits into lines of at most the MUE, later lines with the
 * distinct-lesion modifier; MAI 2/3 caps the units (MAI 3 is appealable with records).
 */
export const mue: ClaimEdit = {
  id: 'MUE',
  summary: 'Units above the practitioner MUE: MAI 1 splits the line, MAI 2/3 caps it [nor-mue].',
  apply(claim, ctx) {
    const byCode = new Map<string, Draft[]>();
    for (const d of claim.billable()) {
      const list = byCode.get(d.code);
      if (list) list.push(d);
      else byCode.set(d.code, [d]);
    }
    for (const [code, list] of byCode) {
      const edit = ctx.tables.mue.get(code);
      if (!edit) continue;
      const total = list.reduce((s, d) => s + d.units, 0);
      if (total <= edit.practitionerMue) continue;
      const ev = [...new Set(list.flatMap((d) => d.procIdx.map((i) => `procedures[${i}]`)))];
      if (edit.mai === 1) splitLines(claim, ctx, list, edit, total, ev);
      else capUnits(ctx, list, edit, total, ev);
    }
  },
};

function splitLines(
  claim: DraftClaim,
  ctx: CodingContext,
  list: Draft[],
  edit: MueEdit,
  total: number,
  ev: string[],
): void {
  const max = edit.practitionerMue;
  const mod = ctx.distinctModifier;
  for (const d of list) {
    if (d.units <= max) continue;
    let rest = d.units - max;
    d.units = max;
    while (rest > 0) {
      const units = Math.min(rest, max);
      const modifiers = [...d.modifiers.filter((m) => !DISTINCT_SERVICE_MODIFIERS.has(m)), mod];
      claim.drafts.push({ ...d, units, modifiers, order: d.order + 0.5 });
      rest -= units;
    }
  }
  ctx.find(
    'MUE',
    'error',
    `${edit.code}: ${total} units exceed the MUE of ${max} (MAI 1, line edit); split into lines of ≤ ${max} with ${mod}; documentation must support separate lesions [nor-mue].`,
    ev,
  );
}

function capUnits(ctx: CodingContext, list: Draft[], edit: MueEdit, total: number, ev: string[]): void {
  let excess = total - edit.practitionerMue;
  for (const d of [...list].reverse()) {
    const cut = Math.min(excess, d.units);
    d.units -= cut;
    excess -= cut;
    if (d.units === 0) d.dropped = true;
    if (excess === 0) break;
  }
  ctx.find(
    'MUE',
    'error',
    `${edit.code}: ${total} units exceed the MUE of ${edit.practitionerMue} per date of service (MAI ${edit.mai}); capped at ${edit.practitionerMue} — the whole line would deny${edit.mai === 3 ? '; appealable with records' : ''} [nor-mue, rac-0121].`,
    ev,
  );
}
