import { z } from 'zod';

/**
 * Value shapes every document from outside shares: bounded text without control characters, real
 * calendar dates, plausible counts and measures. Each is a zod schema whose JSON Schema says as
 * much as JSON Schema can, so integrators (and property-based testers) generate what is accepted.
 */

export interface FieldProblem {
  /** `.`-separated JSON path; `(body)` for the whole document. */
  path: string;
  message: string;
}

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
/** One-line text: no C0 controls (tab and line breaks included), no DEL, no C1 controls. */
const SINGLE_LINE_TEXT = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** Free text: as one-line text, but tab and line breaks are allowed. */
const MULTI_LINE_TEXT = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/* eslint-enable no-control-regex */
/** A UTF-16 surrogate without its partner cannot be encoded as UTF-8 (PostgreSQL refuses it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL could not store a string (text or jsonb), or undefined when it can: NUL and lone
 * surrogates. Every text field refuses them through `safeText`; this check is for text that has no
 * other rule (uploaded files, a parsed document as a whole).
 */
export function unstorableCharacter(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

/** The first string (or property name) in a JSON value that could not be stored, with its path. */
export function unstorableStringProblem(value: unknown, path: string[] = []): FieldProblem | undefined {
  const at = (p: string[]) => (p.length ? p.join('.') : '(body)');
  if (typeof value === 'string') {
    const reason = unstorableCharacter(value);
    return reason ? { path: at(path), message: reason } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableStringProblem(item, [...path, String(i)]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableCharacter(key);
      if (reason) return { path: at([...path, key]), message: `property name ${reason}` };
      const found = unstorableStringProblem(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export interface TextOptions {
  minLength?: number;
  /** Free text (notes): tab and line breaks allowed. */
  multiline?: boolean;
}

/** Text of at most `maxLength` characters, without control characters or broken Unicode. */
export function safeText(maxLength: number, options: TextOptions = {}) {
  const base = options.minLength === undefined ? z.string() : z.string().min(options.minLength);
  return base
    .max(maxLength)
    .regex(
      options.multiline ? MULTI_LINE_TEXT : SINGLE_LINE_TEXT,
      options.multiline
        ? 'must not contain control characters other than tab and line breaks'
        : 'must not contain control characters or line breaks',
    )
    .refine((value) => !LONE_SURROGATE.test(value), 'must be well-formed Unicode (no lone surrogates)');
}

const YEAR = '(?:19|20)\\d\\d';
/** 1904 … 2096 every four years, and 2000 (1900 is not a leap year). */
const LEAP_YEAR = '(?:(?:19|20)(?:0[48]|[2468][048]|[13579][26])|2000)';
const MONTH_DAY =
  '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
/** A day that exists in the Gregorian calendar, 1900-01-01 to 2099-12-31. */
export const CALENDAR_DATE = new RegExp(`^(?:${LEAP_YEAR}-02-29|${YEAR}-${MONTH_DAY})$`);

/** `YYYY-MM-DD`, a real calendar day between 1900 and 2099 (2026-02-30 and 0000-01-01 are refused). */
export function calendarDate() {
  return z.string().regex(CALENDAR_DATE, 'must be a real calendar date YYYY-MM-DD between 1900 and 2099');
}

/** A whole number from 1 to `max` (units, lesion counts, stages). */
export function count(max: number) {
  return z.number().int().positive().max(max);
}

/** A measure in (0, max], or [0, max] when `allowZero`. */
export function measure(max: number, options: { allowZero?: boolean } = {}) {
  const base = options.allowZero ? z.number().nonnegative('must not be negative') : z.number().positive();
  return base.max(max);
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `day` moved by whole days and years (UTC calendar arithmetic; Feb 29 + 1 year → Mar 1). */
export function shiftDay(day: string, shift: { days?: number; years?: number }): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + (shift.years ?? 0));
  date.setUTCDate(date.getUTCDate() + (shift.days ?? 0));
  return utcDay(date);
}
