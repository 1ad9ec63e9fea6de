import { quoted } from '../errors';
import type { Segment } from '../segment';
import { el } from '../segment';
import type { Findings } from './findings';

/** Formats of X12 date and time elements (D8 = CCYYMMDD, RD8 = CCYYMMDD-CCYYMMDD, TM = HHMM[SS[d..]]). */
type DateFormat = 'D6' | 'D8' | 'RD8' | 'TM';

/** Years a date of ours can have: earlier or later is a keying error, not a real claim date. */
export const PLAUSIBLE_YEARS = { from: 1900, to: 2099 } as const;

/**
 * Date and time elements by segment: a fixed format, or the position of the qualifier (DTP02,
 * DMG01) that names it. Every date element of the transactions we read and write is here.
 */
const DATE_ELEMENTS: Readonly<
  Record<string, ReadonlyArray<readonly [number, DateFormat | { qualifier: number }]>>
> = {
  ISA: [
    [9, 'D6'],
    [10, 'TM'],
  ],
  GS: [
    [4, 'D8'],
    [5, 'TM'],
  ],
  BHT: [
    [4, 'D8'],
    [5, 'TM'],
  ],
  BPR: [[16, 'D8']],
  DTM: [
    [2, 'D8'],
    [3, 'TM'],
  ],
  DTP: [[3, { qualifier: 2 }]],
  DMG: [[2, { qualifier: 1 }]],
  STC: [[2, 'D8']],
  TS3: [[3, 'D8']],
  TA1: [
    [2, 'D6'],
    [3, 'TM'],
  ],
  PLB: [[2, 'D8']],
};

/** Calendar-impossible or implausible dates and times in every date element of a segment. */
export function checkDates(segment: Segment, findings: Findings): void {
  const elements = DATE_ELEMENTS[segment.id];
  if (!elements) return;
  for (const [position, how] of elements) {
    const value = el(segment, position);
    if (value === '') continue;
    const format = typeof how === 'string' ? how : formatOf(el(segment, how.qualifier));
    if (format === undefined) continue;
    const problem = dateProblem(value, format);
    if (problem) {
      findings.at('error', 'INVALID_ELEMENT', problem, segment, {
        elementPosition: position,
        expected: expectedOf(format),
        found: quoted(value, 20),
      });
    }
  }
}

function formatOf(qualifier: string): DateFormat | undefined {
  switch (qualifier) {
    case 'D8':
      return 'D8';
    case 'RD8':
      return 'RD8';
    default:
      return undefined;
  }
}

function expectedOf(format: DateFormat): string {
  switch (format) {
    case 'D6':
      return 'a real date YYMMDD';
    case 'D8':
      return `a real date CCYYMMDD between ${PLAUSIBLE_YEARS.from} and ${PLAUSIBLE_YEARS.to}`;
    case 'RD8':
      return 'CCYYMMDD-CCYYMMDD, real dates, the first not after the second';
    case 'TM':
      return 'a real time HHMM[SS[d]]';
  }
}

/** Why a date/time value is not acceptable, or undefined. */
export function dateProblem(value: string, format: DateFormat): string | undefined {
  switch (format) {
    case 'D6':
      return /^\d{6}$/.test(value) && realDate(2000 + Number(value.slice(0, 2)), value.slice(2))
        ? undefined
        : 'not a calendar date';
    case 'D8':
      return d8Problem(value);
    case 'RD8': {
      const [from = '', to = '', ...rest] = value.split('-');
      if (rest.length > 0) return 'not a date range';
      const problem = d8Problem(from) ?? d8Problem(to);
      if (problem) return problem;
      return from > to ? 'date range ends before it starts' : undefined;
    }
    case 'TM':
      return timeProblem(value);
  }
}

function d8Problem(value: string): string | undefined {
  if (!/^\d{8}$/.test(value)) return 'not a calendar date';
  const year = Number(value.slice(0, 4));
  if (!realDate(year, value.slice(4))) return 'not a calendar date';
  if (year < PLAUSIBLE_YEARS.from || year > PLAUSIBLE_YEARS.to) return 'date outside the plausible range';
  return undefined;
}

function realDate(year: number, monthDay: string): boolean {
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(2, 4));
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function timeProblem(value: string): string | undefined {
  if (!/^\d{4}(\d{2}(\d{1,2})?)?$/.test(value)) return 'not a time';
  const hours = Number(value.slice(0, 2));
  const minutes = Number(value.slice(2, 4));
  const seconds = value.length >= 6 ? Number(value.slice(4, 6)) : 0;
  return hours > 23 || minutes > 59 || seconds > 59 ? 'not a real time of day' : undefined;
}
