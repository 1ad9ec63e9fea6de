/** CCYYMMDD → YYYY-MM-DD (returned unchanged when it is not an 8-digit date). */
export function fromX12Date(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}

/** YYYY-MM-DD (or CCYYMMDD) → CCYYMMDD. */
export function toX12Date(value: string): string {
  const compact = value.replace(/-/g, '');
  if (!/^\d{8}$/.test(compact)) throw new Error(`not a date: expected YYYY-MM-DD`);
  return compact;
}

/** Date parts of a timestamp in UTC: CCYYMMDD, YYMMDD and HHMM. */
export function stampParts(at: Date): { ccyymmdd: string; yymmdd: string; hhmm: string } {
  const iso = at.toISOString();
  const ccyymmdd = iso.slice(0, 10).replace(/-/g, '');
  return { ccyymmdd, yymmdd: ccyymmdd.slice(2), hhmm: iso.slice(11, 16).replace(':', '') };
}
