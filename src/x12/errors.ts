/**
 * Errors of the X12 layer. Messages name positions, segment ids and elements, never the content
 * of name or identifier elements (no PHI in logs).
 */
export type X12ErrorCode =
  | 'DELIMITERS'
  | 'TRUNCATED'
  | 'ENVELOPE'
  | 'CONTROL_NUMBER'
  | 'SEGMENT_COUNT'
  | 'MISSING_SEGMENT'
  | 'UNEXPECTED_SEGMENT'
  | 'INVALID_ELEMENT'
  | 'UNBALANCED'
  | 'UNSUPPORTED'
  | 'INVALID_INPUT';

export interface X12ErrorDetails {
  /** 1-based position of the segment in the file (ISA = 1). */
  segmentPosition?: number;
  segmentId?: string;
  /** 1-based element position (SE01 = 1). */
  elementPosition?: number;
  /** 1-based component position inside a composite element. */
  componentPosition?: number;
  expected?: string;
  found?: string;
}

/** Longest `expected`/`found` text an error carries: a rejection never echoes a huge element. */
export const MAX_DETAIL_LENGTH = 80;

/** Text cut to `max` characters, with how much was left out. */
export function truncated(value: string, max = MAX_DETAIL_LENGTH): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** A value for `found`: JSON-quoted, at most `max` characters of it. */
export function quoted(value: string, max = 40): string {
  return value.length <= max
    ? JSON.stringify(value)
    : `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
}

export class X12Error extends Error {
  readonly code: X12ErrorCode;
  readonly segmentPosition?: number;
  readonly segmentId?: string;
  readonly elementPosition?: number;
  readonly componentPosition?: number;
  readonly expected?: string;
  readonly found?: string;
  readonly detail: string;

  constructor(code: X12ErrorCode, detail: string, given: X12ErrorDetails = {}) {
    const details = bounded(given);
    super(formatMessage(detail, details));
    this.name = 'X12Error';
    this.code = code;
    this.detail = detail;
    this.segmentPosition = details.segmentPosition;
    this.segmentId = details.segmentId;
    this.elementPosition = details.elementPosition;
    this.componentPosition = details.componentPosition;
    this.expected = details.expected;
    this.found = details.found;
  }
}

function bounded(details: X12ErrorDetails): X12ErrorDetails {
  const long = (text?: string) => text !== undefined && text.length > MAX_DETAIL_LENGTH + 30;
  if (!long(details.found) && !long(details.expected)) return details;
  return {
    ...details,
    found: details.found === undefined ? undefined : truncated(details.found),
    expected: details.expected === undefined ? undefined : truncated(details.expected),
  };
}

export function elementRef(segmentId: string, elementPosition: number, componentPosition?: number): string {
  const base = `${segmentId}${String(elementPosition).padStart(2, '0')}`;
  return componentPosition === undefined ? base : `${base}-${componentPosition}`;
}

function formatMessage(detail: string, d: X12ErrorDetails): string {
  const where: string[] = [];
  if (d.segmentPosition !== undefined) where.push(`segment #${d.segmentPosition}`);
  if (d.segmentId !== undefined) {
    where.push(
      d.elementPosition !== undefined
        ? `${d.segmentId} element ${elementRef(d.segmentId, d.elementPosition, d.componentPosition)}`
        : d.segmentId,
    );
  }
  let message = where.length > 0 ? `${where.join(' ')}: ${detail}` : detail;
  const parts: string[] = [];
  if (d.expected !== undefined) parts.push(`expected ${d.expected}`);
  if (d.found !== undefined) parts.push(`found ${d.found}`);
  if (parts.length > 0) message += ` (${parts.join(', ')})`;
  return message;
}

/** X12Error as JSON: code, message and position, never element content beyond what `found` holds. */
export function x12ErrorBody(error: X12Error) {
  return {
    code: error.code,
    message: error.message,
    segmentPosition: error.segmentPosition,
    segmentId: error.segmentId,
    elementPosition: error.elementPosition,
    componentPosition: error.componentPosition,
    expected: error.expected,
    found: error.found,
  };
}
