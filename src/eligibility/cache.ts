import type { EligibilityResult } from './types';

/** Monday of the date's week (YYYY-MM-DD, UTC): a repeat visit the same week reuses the answer. */
export function weekStartOf(dateOfService: string): string {
  const day = new Date(`${dateOfService}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

/** Only answers are cached: a rejection or an error is asked again next time. */
export function cacheable(result: EligibilityResult): boolean {
  return result.status === 'active' || result.status === 'inactive';
}
