/**
 * Global surgical periods [pfs-rvu, cms-global]: a code's global days (0, 10 or 90) from
 * ./data/global-days.json, and whether a date of service falls inside the global period of an
 * earlier surgery: 0 = the day of surgery only; 10 = that day and the 10 days after; 90 = the day
 * before, the day of and the 90 days after.
 */
import globalJson from './data/global-days.json';

export type GlobalDays = 0 | 10 | 90;

const GLOBAL_DAYS = new Map<string, GlobalDays>();
for (const [days, codes] of Object.entries(globalJson.days))
  for (const code of codes) GLOBAL_DAYS.set(code, Number(days) as GlobalDays);
const ADD_ON_CODES: ReadonlySet<string> = new Set(globalJson.addOn);

/** The global days of a code, "add_on" for ZZZ codes, undefined when the shipped table lacks it. */
export function globalDaysOf(code: string): GlobalDays | 'add_on' | undefined {
  if (ADD_ON_CODES.has(code)) return 'add_on';
  return GLOBAL_DAYS.get(code);
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (calendar dates, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whether `dateOfService` is inside the global period of a surgery of `days` on `surgeryDate`. */
export function inGlobalPeriod(days: GlobalDays, surgeryDate: string, dateOfService: string): boolean {
  const after = daysBetween(surgeryDate, dateOfService);
  return after >= 0 && after <= days;
}
