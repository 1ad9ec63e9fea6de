import type { ClaimEdit } from './edit';

/** A visit without coverage is self-pay: every line goes to the patient ledger. */
export const noCoverage: ClaimEdit = {
  id: 'NO-COVERAGE',
  summary: 'No coverage on the visit: all services go to the self-pay ledger.',
  apply(claim, ctx) {
    if (ctx.visit.coverage) return;
    for (const d of claim.drafts) d.routing = 'self_pay';
    if (claim.drafts.length > 0)
      ctx.find('NO-COVERAGE', 'info', 'No coverage on the visit: all services go to the self-pay ledger.', [
        'coverage',
      ]);
  },
};
