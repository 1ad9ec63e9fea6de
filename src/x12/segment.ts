import { X12Error } from './errors';

/** The separators of one interchange, read from its ISA segment. */
export interface Delimiters {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/** One segment: `elements[0]` is the segment id, `elements[n]` is element n (SE01 = elements[1]). */
export interface Segment {
  id: string;
  elements: string[];
  /** 1-based position in the file (the first ISA is 1). */
  position: number;
  delimiters: Delimiters;
}

/**
 * A segment as the tokenizer reads it: the id at once, the elements split on first use (a reader
 * that skips a segment never pays for splitting it).
 */
export class RawSegment implements Segment {
  private split: string[] | undefined;

  constructor(
    readonly id: string,
    /** The segment's text without its terminator. */
    readonly raw: string,
    readonly position: number,
    readonly delimiters: Delimiters,
  ) {}

  get elements(): string[] {
    if (this.split === undefined) this.split = splitOn(this.raw, this.delimiters.element);
    return this.split;
  }

  toJSON(): Segment {
    return { id: this.id, elements: this.elements, position: this.position, delimiters: this.delimiters };
  }
}

/**
 * `text.split(separator)` for a one-character separator, written out: indexOf and slice stay in
 * V8's fast builtins where `split` calls into the runtime, which makes this about twice as fast on
 * the millions of short segments of a large 835 (bench/x12-835.ts). An empty separator (an
 * interchange without a repetition separator) splits nothing.
 */
export function splitOn(text: string, separator: string): string[] {
  if (separator === '') return [text];
  const parts: string[] = [];
  let start = 0;
  for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, start)) {
    parts.push(text.slice(start, at));
    start = at + separator.length;
  }
  parts.push(start === 0 ? text : text.slice(start));
  return parts;
}

/** Element n (1-based) of a segment, '' when absent. */
export function el(segment: Segment, position: number): string {
  return segment.elements[position] ?? '';
}

/** Components of element n (1-based), split on the component separator. */
export function components(segment: Segment, position: number): string[] {
  const value = el(segment, position);
  return value === '' ? [] : splitOn(value, segment.delimiters.component);
}

/** Repetitions of element n, split on the repetition separator. */
export function repetitions(segment: Segment, position: number): string[] {
  const value = el(segment, position);
  return value === '' ? [] : splitOn(value, segment.delimiters.repetition);
}

/** Element n, which must be present. */
export function required(segment: Segment, position: number): string {
  const value = el(segment, position);
  if (value === '') {
    throw new X12Error('INVALID_ELEMENT', 'required element is missing', {
      segmentPosition: segment.position,
      segmentId: segment.id,
      elementPosition: position,
      expected: 'a value',
    });
  }
  return value;
}
