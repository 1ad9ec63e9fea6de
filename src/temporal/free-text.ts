/**
 * Upper bounds of free text that reaches a workflow's history (signal and update arguments,
 * activity results): staff notes, names typed by staff, payer messages. The history is encrypted,
 * but it is kept for the workflow's lifetime and replayed on every worker restart, so what goes in
 * stays small. The API's schemas refuse longer input with a 400 (src/api/schemas.ts); these bounds
 * are the last line for every other producer (the inbox, the clearinghouse, future callers).
 */
export const FREE_TEXT_LIMITS: Readonly<Record<string, number>> = {
  note: 500,
  reviewer: 64,
  reportedBy: 64,
  reasons: 300,
  message: 300,
};
/** Any other string field: codes and ids are far shorter, text is not allowed to be longer. */
export const DEFAULT_TEXT_LIMIT = 1000;

/** At most `max` UTF-16 units, cut on a code point boundary and marked with "…". */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const codePoint of text) {
    if (cut.length + codePoint.length > max - 1) break;
    cut += codePoint;
  }
  return `${cut}…`;
}

/** Every string in the value bounded by its field's limit (array items by their array's field). */
export function boundFreeText<T>(value: T, field?: string): T {
  if (typeof value === 'string')
    return boundText(value, FREE_TEXT_LIMITS[field ?? ''] ?? DEFAULT_TEXT_LIMIT) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => boundFreeText(item, field)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, boundFreeText(v, key)]),
    ) as T;
  }
  return value;
}
