import { X12Error } from './errors';
import type { Segment } from './segment';
import { el } from './segment';

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses an X12 decimal ("123.45", "-1.2", ".5", "40") into an integer scaled by 10^scale,
 * using string arithmetic only. Returns null when the text is not a decimal or has more
 * significant fraction digits than `scale`.
 */
export function parseScaledDecimal(text: string, scale: number): number | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const sign = match[1] ?? '';
  const whole = match[2] ?? '';
  let fraction = match[3] ?? '';
  if (whole === '' && fraction === '') return null;
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const digits = (whole === '' ? '0' : whole) + fraction.padEnd(scale, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' && value !== 0 ? -value : value;
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
