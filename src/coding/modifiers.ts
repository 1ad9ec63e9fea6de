/** Modifier groups the engine reasons about [hmsa-x, fcso-236, rcmguide]. */

/** Distinct procedural service: 59 or one of X{EPSU}; never 59 and an X modifier on one line. */
export const DISTINCT_SERVICE_MODIFIERS: ReadonlySet<string> = new Set(['59', 'XE', 'XS', 'XP', 'XU']);
/** ABN modifiers that are never combined on one line. */
export const ABN_MODIFIERS: ReadonlySet<string> = new Set(['GA', 'GY', 'GZ']);

/** Billing order: 25 first, then distinct-service (X{EPSU}/59), then others, then ABN (GA/GY/GZ). */
export function orderModifiers(mods: string[]): string[] {
  const rank = (m: string) =>
    m === '25' ? 0 : DISTINCT_SERVICE_MODIFIERS.has(m) ? 1 : ABN_MODIFIERS.has(m) ? 3 : 2;
  return [...new Set(mods)].sort((a, b) => rank(a) - rank(b));
}
