import { orderModifiers } from '../modifiers';
import type { ClaimEdit } from './edit';

/** Modifiers in the payer policy's billing order (default 25, distinct service, others, ABN), ≤ 4 per line. */
export const modifierOrder: ClaimEdit = {
  id: 'MODIFIER-ORDER',
  summary: 'Orders each line’s modifiers (25, 59/X{EPSU}, others, GA/GY/GZ) and keeps at most four.',
  apply(claim, ctx) {
    const order = ctx.policy.modifierOrder;
    for (const d of claim.drafts) d.modifiers = orderModifiers(d.modifiers, order).slice(0, 4);
  },
};
