import { shiftDay, utcDay, type FieldProblem } from '../visit/primitives';
import type { VisitCompletedEvent } from '../visit/schema';

/**
 * Dates a claim can carry. The schema already refuses days that do not exist; these rules need
 * the clock (the API's injected one) or another field of the same document.
 */
export const VISIT_DATE_LIMITS = {
  /** The EHR's local day may be ahead of UTC (UTC+14), and clocks drift. */
  futureSkewDays: 1,
  /** No payer takes a claim this old (Medicare's filing limit is one year, reopening four). */
  maxServiceAgeYears: 6,
  /** Older than any living person. */
  maxAgeYears: 125,
  /** `completedAt` may run ahead of the server's clock by this much. */
  completedAtSkewMinutes: 5,
} as const;

export function visitDateProblems(visit: VisitCompletedEvent, now: Date): FieldProblem[] {
  const limits = VISIT_DATE_LIMITS;
  const today = utcDay(now);
  const latestDay = shiftDay(today, { days: limits.futureSkewDays });
  const problems: FieldProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const service = visit.dateOfService;
  if (service > latestDay) problem('dateOfService', `must not be in the future (today is ${today})`);
  const oldestService = shiftDay(today, { years: -limits.maxServiceAgeYears });
  if (service < oldestService)
    problem(
      'dateOfService',
      `must not be more than ${limits.maxServiceAgeYears} years ago (${oldestService})`,
    );

  const births: Array<[string, string]> = [['patient.dateOfBirth', visit.patient.dateOfBirth]];
  if (visit.coverage?.subscriber)
    births.push(['coverage.subscriber.dateOfBirth', visit.coverage.subscriber.dateOfBirth]);
  const oldestBirth = shiftDay(today, { years: -limits.maxAgeYears });
  for (const [path, birth] of births) {
    if (birth > latestDay) problem(path, 'must not be in the future');
    else if (birth < oldestBirth) problem(path, `must not be more than ${limits.maxAgeYears} years ago`);
  }
  if (visit.patient.dateOfBirth > service)
    problem('dateOfService', "must not be before the patient's date of birth");

  const completed = Date.parse(visit.completedAt);
  if (completed > now.getTime() + limits.completedAtSkewMinutes * 60_000)
    problem('completedAt', 'must not be in the future');
  // The visit cannot be completed before its (local) day began.
  if (completed < Date.parse(`${shiftDay(service, { days: -1 })}T00:00:00Z`))
    problem('completedAt', 'must not be before the date of service');
  return problems;
}
