/** Modifier groups the engine reasons about [hmsa-x, fcso-236, rcmguide]. */
import { AbnModifierSchema, AnatomicModifierSchema, DistinctServiceModifierSchema } from '../visit/schema';
import type { ModifierGroup } from './payer-policy';

/** Distinct procedural service: 59 or one of X{EPSU}; never 59 and an X modifier on one line. */
export const DISTINCT_SERVICE_MODIFIERS: ReadonlySet<string> = new Set(DistinctServiceModifierSchema.options);
/** ABN modifiers that are never combined on one line. */
export const ABN_MODIFIERS: ReadonlySet<string> = new Set(AbnModifierSchema.options);
/** Anatomic NCCI-associated modifiers [fcso-236]. */
export const ANATOMIC_MODIFIERS: ReadonlySet<string> = new Set(AnatomicModifierSchema.options);

export function modifierGroup(m: string): ModifierGroup {
  return m === '25'
    ? '25'
    : DISTINCT_SERVICE_MODIFIERS.has(m)
      ? 'distinct'
      : ABN_MODIFIERS.has(m) || m === 'GX'
        ? 'abn'
        : 'other';
}

/** Modifiers in the payer's billing order of groups (default: 25, 59/X{EPSU}, others, GA/GY/GZ). */
export function orderModifiers(mods: string[], order: readonly ModifierGroup[]): string[] {
  const rank = (m: string) => order.indexOf(modifierGroup(m));
  return [...new Set(mods)].sort((a, b) => rank(a) - rank(b));
}
