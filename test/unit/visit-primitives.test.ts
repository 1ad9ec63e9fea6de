import fc from 'fast-check';
import { secretsEqual } from '../../src/security/constant-time';
import { CALENDAR_DATE, safeText, shiftDay, unstorableCharacter } from '../../src/visit/primitives';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The reference: a day exists when the UTC date built from it has the same year, month and day. */
function existsInCalendar(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

test('CALENDAR_DATE accepts exactly the days that exist between 1900 and 2099', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      (y, m, d) => {
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        const expected = y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && existsInCalendar(y, m, d);
        expect(CALENDAR_DATE.test(text)).toBe(expected);
      },
    ),
    { numRuns: 20_000 },
  );
  // Every February 29th of the range, leap or not.
  for (let year = 1900; year <= 2099; year++)
    expect(CALENDAR_DATE.test(`${year}-02-29`)).toBe(existsInCalendar(year, 2, 29));
});

test('safe text refuses control characters, lone surrogates and overlong values; free text keeps line breaks', () => {
  const name = safeText(10, { minLength: 1 });
  const note = safeText(20, { multiline: true });
  expect(name.safeParse('Ana María').success).toBe(true);
  expect(name.safeParse('😀 emoji').success).toBe(true);
  for (const bad of [
    '',
    'a\u0000b',
    'a\nb',
    'a\tb',
    'a\u007fb',
    'a\u0085b',
    'a\ud800b',
    '\udc00',
    'x'.repeat(11),
  ])
    expect(name.safeParse(bad).success).toBe(false);
  expect(note.safeParse('line one\nline two\t!').success).toBe(true);
  expect(note.safeParse('bell\u0007').success).toBe(false);
});

test('unstorable text is NUL or a lone surrogate, nothing else', () => {
  expect(unstorableCharacter('ok \u0007 \n 😀')).toBeUndefined();
  expect(unstorableCharacter('a\u0000')).toMatch(/NUL/);
  expect(unstorableCharacter('\ud83d')).toMatch(/surrogate/);
});

test('days shift by calendar days and years', () => {
  expect(shiftDay('2026-12-31', { days: 1 })).toBe('2027-01-01');
  expect(shiftDay('2026-03-01', { days: -1 })).toBe('2026-02-28');
  expect(shiftDay('2026-11-25', { years: -6 })).toBe('2020-11-25');
  expect(shiftDay('2024-02-29', { years: 1 })).toBe('2025-03-01');
});

test('secrets compare equal only when identical, whatever their lengths', () => {
  expect(secretsEqual('Bearer abc', 'Bearer abc')).toBe(true);
  expect(secretsEqual('Bearer abd', 'Bearer abc')).toBe(false);
  expect(secretsEqual('Bearer ab', 'Bearer abc')).toBe(false);
  expect(secretsEqual('', 'Bearer abc')).toBe(false);
});
