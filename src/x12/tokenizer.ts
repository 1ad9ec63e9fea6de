import { X12Error, quoted } from './errors';
import type { Delimiters, Segment } from './segment';
import { RawSegment } from './segment';

const ISA_SCAN_LIMIT = 256;
/** A segment longer than this is refused: it bounds the memory one unterminated segment can take. */
export const MAX_SEGMENT_LENGTH = 16 * 1024 * 1024;

const LF = 10;
const CR = 13;

/**
 * Incremental segment tokenizer: feed text chunks with `push` (or `feed` with a callback, which
 * builds no array), get the complete segments back. Delimiters come from each ISA (element
 * separator = ISA char 4, ISA11 repetition, ISA16 component, the next character terminates
 * segments); line breaks after terminators are tolerated. After an IEA the next ISA is read afresh,
 * so concatenated interchanges with other delimiters work. Pure: no I/O.
 *
 * Speed: the terminator is searched with indexOf in the new chunk only (an unterminated tail is
 * kept as a rope, never re-scanned), ids are checked by char code, and elements are split only
 * when a reader asks for them.
 */
export class SegmentTokenizer {
  /** Text after the last terminator; it holds no terminator of the current interchange. */
  private carry = '';
  private delimiters: Delimiters | null = null;
  private position = 0;
  private ended = false;

  /** Delimiters of the current interchange (null before the first ISA is complete). */
  get currentDelimiters(): Delimiters | null {
    return this.delimiters;
  }

  /** Number of segments emitted so far. */
  get segmentCount(): number {
    return this.position;
  }

  push(chunk: string): Segment[] {
    const out: Segment[] = [];
    this.feed(chunk, (segment) => out.push(segment));
    return out;
  }

  /** Tokenizes a chunk, handing each complete segment to `sink` as soon as it is read. */
  feed(chunk: string, sink: (segment: Segment) => void): void {
    if (this.ended) throw new Error('SegmentTokenizer: push after end');
    if (chunk.length === 0) return;
    if (this.delimiters !== null && this.carry.length > 0) {
      // The carry has no terminator: look in the new chunk only, then join once.
      const delimiters = this.delimiters;
      const end = chunk.indexOf(delimiters.segment);
      if (end < 0) {
        this.carry += chunk;
        this.checkLength(this.carry.length);
        return;
      }
      const raw = this.carry + chunk.slice(0, end);
      this.carry = '';
      if (this.emit(raw, 0, raw.length, delimiters, sink)) this.delimiters = null;
      this.scan(chunk, end + delimiters.segment.length, false, sink);
      return;
    }
    const text = this.carry.length === 0 ? chunk : this.carry + chunk;
    this.carry = '';
    this.scan(text, 0, false, sink);
  }

  /** Signals the end of input; throws TRUNCATED when text is left without a segment terminator. */
  end(): Segment[] {
    const out: Segment[] = [];
    const text = this.carry;
    this.carry = '';
    this.scan(text, 0, true, (segment) => out.push(segment));
    this.ended = true;
    const rest = this.carry.replace(/^[\s\uFEFF]+/, '');
    if (rest.length > 0) {
      const id = rest.slice(0, 3).replace(/[^A-Z0-9]/g, '');
      throw new X12Error('TRUNCATED', 'file ends inside a segment (no segment terminator)', {
        segmentPosition: this.position + 1,
        segmentId: id === '' ? undefined : id,
        expected: this.delimiters ? JSON.stringify(this.delimiters.segment) : 'a complete ISA segment',
        found: 'end of file',
      });
    }
    return out;
  }

  private scan(text: string, from: number, atEnd: boolean, sink: (segment: Segment) => void): void {
    let start = from;
    for (;;) {
      if (this.delimiters === null) {
        const detected = this.detect(text, start, atEnd);
        if (detected === null) break;
        this.delimiters = detected.delimiters;
        start = detected.start;
      }
      const delimiters: Delimiters = this.delimiters;
      const end = text.indexOf(delimiters.segment, start);
      if (end < 0) break;
      const next = end + delimiters.segment.length;
      if (this.emit(text, start, end, delimiters, sink)) this.delimiters = null;
      start = next;
    }
    this.carry = start === 0 ? text : text.slice(start);
    if (this.delimiters !== null) this.checkLength(this.carry.length);
  }

  /** Emits text[start, end) as a segment (line breaks around it trimmed); true after an IEA. */
  private emit(
    text: string,
    start: number,
    end: number,
    delimiters: Delimiters,
    sink: (segment: Segment) => void,
  ): boolean {
    let a = start;
    let b = end;
    while (a < b && isLineBreak(text.charCodeAt(a))) a += 1;
    while (b > a && isLineBreak(text.charCodeAt(b - 1))) b -= 1;
    if (a === b) return false;
    this.checkLength(b - a);
    const raw = a === 0 && b === text.length ? text : text.slice(a, b);
    const separator = raw.indexOf(delimiters.element);
    const id = separator < 0 ? raw : raw.slice(0, separator);
    this.position += 1;
    if (!isSegmentId(id)) {
      throw new X12Error('DELIMITERS', 'invalid segment id (wrong delimiters or garbage between segments)', {
        segmentPosition: this.position,
        expected: '2-3 upper-case letters/digits',
        found: quoted(id, 8),
      });
    }
    sink(new RawSegment(id, raw, this.position, delimiters));
    return id === 'IEA';
  }

  private checkLength(length: number): void {
    if (length <= MAX_SEGMENT_LENGTH) return;
    throw new X12Error('INVALID_ELEMENT', 'segment is longer than the reader accepts', {
      segmentPosition: this.position + 1,
      expected: `at most ${MAX_SEGMENT_LENGTH} characters`,
      found: `${length} characters without a segment terminator`,
    });
  }

  /** Finds the next ISA and reads its delimiters; null when more text is needed. */
  private detect(
    buffer: string,
    from: number,
    atEnd: boolean,
  ): { delimiters: Delimiters; start: number } | null {
    let start = from;
    while (start < buffer.length && /[\s\uFEFF]/.test(buffer[start] ?? '')) start += 1;
    if (buffer.length - start < 4) return null;
    if (buffer.slice(start, start + 3) !== 'ISA') {
      throw new X12Error('DELIMITERS', 'interchange does not start with ISA', {
        segmentPosition: this.position + 1,
        expected: 'ISA',
        found: quoted(buffer.slice(start, start + 3)),
      });
    }
    const element = buffer[start + 3] ?? '';
    if (/[A-Za-z0-9 ]/.test(element)) {
      throw new X12Error('DELIMITERS', 'ISA element separator must be a special character', {
        segmentPosition: this.position + 1,
        segmentId: 'ISA',
        found: quoted(element),
      });
    }
    let index = start + 3;
    for (let n = 1; n < 16; n += 1) {
      index = buffer.indexOf(element, index + 1);
      if (index < 0 || index - start > ISA_SCAN_LIMIT) {
        if (!atEnd && buffer.length - start <= ISA_SCAN_LIMIT) return null;
        throw new X12Error('DELIMITERS', 'ISA does not have 16 elements', {
          segmentPosition: this.position + 1,
          segmentId: 'ISA',
          expected: '16 elements separated by ' + JSON.stringify(element),
          found: `${n} separators`,
        });
      }
    }
    if (buffer.length < index + 3) {
      if (!atEnd) return null;
      throw new X12Error('TRUNCATED', 'file ends inside the ISA segment', {
        segmentPosition: this.position + 1,
        segmentId: 'ISA',
      });
    }
    const component = buffer[index + 1] ?? '';
    const segment = buffer[index + 2] ?? '';
    const isa11 = buffer.slice(start, index).split(element)[11] ?? '';
    const repetition = isa11.length === 1 && !/[A-Za-z0-9 ]/.test(isa11) ? isa11 : '';
    const all = [element, component, segment];
    if (repetition !== '') all.push(repetition);
    const clash = new Set(all).size !== all.length || /[A-Za-z0-9 ]/.test(component + segment);
    if (clash) {
      throw new X12Error('DELIMITERS', 'ISA delimiters must be distinct special characters', {
        segmentPosition: this.position + 1,
        segmentId: 'ISA',
        elementPosition: 16,
        expected: 'distinct element, component, repetition and segment separators',
        found: quoted(all.join('')),
      });
    }
    return { delimiters: { element, component, repetition, segment }, start };
  }
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR;
}

/** 2-3 characters: an upper-case letter, then upper-case letters or digits (by char code, no regex). */
function isSegmentId(id: string): boolean {
  const length = id.length;
  if (length < 2 || length > 3) return false;
  const first = id.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  for (let i = 1; i < length; i += 1) {
    const code = id.charCodeAt(i);
    if (!((code >= 65 && code <= 90) || (code >= 48 && code <= 57))) return false;
  }
  return true;
}

/** All segments of a text (synchronous). */
export function tokenize(text: string): Segment[] {
  const tokenizer = new SegmentTokenizer();
  const segments = tokenizer.push(text);
  for (const segment of tokenizer.end()) segments.push(segment);
  return segments;
}
