import type { ClaimEdit } from './edit';
import { ABN_MODIFIERS } from '../modifiers';

/**
 * ABN modifiers, traditional Medicare only [rcmguide, columbia, rev-opt]: an expected medical-
 * necessity denial takes GA (ABN on file) or GZ (none); a statutorily excluded service sent at the
 * patient's request takes GY; never two of GA/GY/GZ on one line; nothing for other payers.
 */
export const abnModifiers: ClaimEdit = {
  id: 'ABN',
  summary:
    'Medicare FFS: GA/GZ for expected necessity denials, GY for exclusions; never combined [rcmguide].',
  apply(claim, ctx) {
    const enc = ctx.visit.encounter;
    for (const d of claim.billable()) {
      if (d.routing === 'doubt') {
        if (ctx.abnModifiersApply) {
          const mod = enc.abnOnFile ? 'GA' : 'GZ';
          d.modifiers.push(mod);
          ctx.find(
            mod === 'GA' ? 'ABN-GA' : 'ABN-GZ',
            mod === 'GA' ? 'info' : 'warning',
            mod === 'GA'
              ? `${d.code}: expected Medicare denial for medical necessity; ABN on file → GA (patient liable if denied) [rcmguide].`
              : `${d.code}: expected Medicare denial for medical necessity and no ABN on file → GZ; the practice cannot bill the patient if denied [rcmguide].`,
            ['encounter.abnOnFile', ...d.procIdx.map((i) => `procedures[${i}]`)],
          );
        } else if (enc.abnOnFile) {
          ctx.find(
            'ABN-NOT-APPLICABLE',
            'info',
            `ABN modifiers are for traditional Medicare only; not used for ${ctx.visit.coverage?.payerType ?? 'self-pay'} [rev-opt].`,
            ['coverage.payerType'],
          );
        }
      } else if (d.routing === 'gy' && ctx.abnModifiersApply) d.modifiers.push('GY');
      const abn = d.modifiers.filter((m) => ABN_MODIFIERS.has(m));
      if (abn.length > 1) d.modifiers = [...d.modifiers.filter((m) => !ABN_MODIFIERS.has(m)), abn[0]!];
    }
  },
};
