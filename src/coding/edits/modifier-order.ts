import { orderModifiers } from '../modifiers';
import type { ClaimEdit } from './edit';

/** Modifiers in billing order (25, distinct service, others, ABN), at most four per line. */
export const modifierOrder: ClaimEdit = {
  id: 'MODIFIER-ORDER',
  summary: 'Orders each line’s modifiers (25, 59/X{EPSU}, others, GA/GY/GZ) and keeps at most four.',
  apply(claim) {
    for (const d of claim.drafts) d.modifiers = orderModifiers(d.modifiers).slice(0, 4);
  },
};
