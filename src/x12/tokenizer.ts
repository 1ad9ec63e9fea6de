import { X12Error } from './errors';
import type { Delimiters, Segment } from './segment';

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const ISA_SCAN_LIMIT = 256;

/**
 * Incremental segment tokenizer: feed text chunks with `push`, get the complete segments back.
 * Delimiters come from each ISA (element separator = ISA char 4, ISA11 repetition, ISA16 component,
 * the next character terminates segments); line breaks after terminators are tolerated. After an IEA
 * the next ISA is read afresh, so concatenated interchanges with other delimiters work. Pure: no I/O.
 */
export class SegmentTokenizer {
  private buffer = '';
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
    if (this.ended) throw new Error('SegmentTokenizer: push after end');
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    const out: Segment[] = [];
    this.drain(out, false);
    return out;
  }

  /** Signals the end of input; throws TRUNCATED when text is left without a segment terminator. */
  end(): Segment[] {
    const out: Segment[] = [];
    this.drain(out, true);
    this.ended = true;
    const rest = this.buffer.replace(/^[\s\uFEFF]+/, '');
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

  private drain(out: Segment[], atEnd: boolean): void {
    let start = 0;
    const buffer = this.buffer;
    for (;;) {
      if (this.delimiters === null) {
        const detected = this.detect(buffer, start, atEnd);
        if (detected === null) break;
        this.delimiters = detected.delimiters;
        start = detected.start;
      }
      const delimiters: Delimiters = this.delimiters;
      const end = buffer.indexOf(delimiters.segment, start);
      if (end < 0) break;
      let raw = buffer.slice(start, end);
      start = end + delimiters.segment.length;
      raw = trimLineBreaks(raw);
      if (raw.length === 0) continue;
      const segment = this.toSegment(raw, delimiters);
      out.push(segment);
      if (segment.id === 'IEA') this.delimiters = null;
    }
    this.buffer = start === 0 ? buffer : buffer.slice(start);
  }

  private toSegment(raw: string, delimiters: Delimiters): Segment {
    const elements = raw.split(delimiters.element);
    const id = elements[0] ?? '';
    this.position += 1;
    if (!SEGMENT_ID.test(id)) {
      throw new X12Error('DELIMITERS', 'invalid segment id (wrong delimiters or garbage between segments)', {
        segmentPosition: this.position,
        expected: '2-3 upper-case letters/digits',
        found: JSON.stringify(id.slice(0, 8)),
      });
    }
    return { id, elements, position: this.position, delimiters };
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
        found: JSON.stringify(buffer.slice(start, start + 3)),
      });
    }
    const element = buffer[start + 3] ?? '';
    if (/[A-Za-z0-9 ]/.test(element)) {
      throw new X12Error('DELIMITERS', 'ISA element separator must be a special character', {
        segmentPosition: this.position + 1,
        segmentId: 'ISA',
        found: JSON.stringify(element),
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
        found: JSON.stringify(all.join('')),
      });
    }
    return { delimiters: { element, component, repetition, segment }, start };
  }
}

function trimLineBreaks(raw: string): string {
  let a = 0;
  let b = raw.length;
  while (a < b && (raw.charCodeAt(a) === 10 || raw.charCodeAt(a) === 13)) a += 1;
  while (b > a && (raw.charCodeAt(b - 1) === 10 || raw.charCodeAt(b - 1) === 13)) b -= 1;
  return a === 0 && b === raw.length ? raw : raw.slice(a, b);
}

/** All segments of a text (synchronous). */
export function tokenize(text: string): Segment[] {
  const tokenizer = new SegmentTokenizer();
  const segments = tokenizer.push(text);
  for (const segment of tokenizer.end()) segments.push(segment);
  return segments;
}
