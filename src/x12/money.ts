import { X12Error } from './errors';
import type { Segment } from './segment';
import { el } from './segment';

const POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

/**
 * Parses an X12 decimal ("123.45", "-1.2", ".5", "40") into an integer scaled by 10^scale,
 * digit by digit (no floats, no regex: this runs for every amount of a large 835). Returns null
 * when the text is not a decimal or has more significant fraction digits than `scale`.
 */
export function parseScaledDecimal(text: string, scale: number): number | null {
  const length = text.length;
  let i = 0;
  const negative = length > 0 && text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let value = 0;
  let digits = 0;
  for (; i < length; i += 1) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) break;
    value = value * 10 + code;
    digits += 1;
  }
  let fractionDigits = 0;
  let pendingZeros = 0;
  if (i < length && text.charCodeAt(i) === 46) {
    for (i += 1; i < length; i += 1) {
      const code = text.charCodeAt(i) - 48;
      if (code < 0 || code > 9) return null;
      digits += 1;
      if (code === 0) {
        pendingZeros += 1;
        continue;
      }
      fractionDigits += pendingZeros + 1;
      if (fractionDigits > scale) return null;
      value = value * POWERS[pendingZeros + 1]! + code;
      pendingZeros = 0;
    }
  }
  if (i !== length || digits === 0) return null;
  const scaled = value * (POWERS[scale - fractionDigits] ?? 10 ** (scale - fractionDigits));
  if (!Number.isSafeInteger(scaled)) return null;
  return negative && scaled !== 0 ? -scaled : scaled;
}

/** "123.45" → 12345 (integer cents); null when it is not an amount. */
export function parseCents(text: string): number | null {
  return parseScaledDecimal(text, 2);
}

/** Formats an integer scaled by 10^scale as an X12 decimal with trailing zeros suppressed. */
export function formatScaledDecimal(value: number, scale: number): string {
  if (!Number.isSafeInteger(value))
    throw new X12Error('INVALID_INPUT', `amount must be an integer, got ${value}`);
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** 12345 → "123.45"; 4000 → "40"; -127 → "-1.27". */
export function formatCents(cents: number): string {
  return formatScaledDecimal(cents, 2);
}

/** Element n as integer cents; throws a precise X12Error when it is not an amount. */
export function centsAt(segment: Segment, position: number, options: { optional?: boolean } = {}): number {
  const text = el(segment, position);
  if (text === '' && options.optional) return 0;
  const cents = parseCents(text);
  if (cents === null) {
    throw new X12Error(
      'INVALID_ELEMENT',
      text === '' ? 'required amount is missing' : 'not a monetary amount',
      {
        segmentPosition: segment.position,
        segmentId: segment.id,
        elementPosition: position,
        expected: 'a decimal amount with at most 2 decimals',
        found: text === '' ? undefined : JSON.stringify(text),
      },
    );
  }
  return cents;
}

/** Element n as a number (quantities, units); throws when not numeric. */
export function quantityAt(segment: Segment, position: number, fallback?: number): number {
  const text = el(segment, position);
  if (text === '' && fallback !== undefined) return fallback;
  // Whole units (the common case) digit by digit; fractions through the pattern below.
  const whole = parseScaledDecimal(text, 0);
  if (whole !== null) return whole;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) {
    throw new X12Error('INVALID_ELEMENT', 'not a number', {
      segmentPosition: segment.position,
      segmentId: segment.id,
      elementPosition: position,
      expected: 'a number',
      found: text === '' ? undefined : JSON.stringify(text),
    });
  }
  return Number(text);
}
