import { stampParts } from './dates';
import { X12Error, elementRef } from './errors';
import type { Delimiters } from './segment';
import { DEFAULT_DELIMITERS } from './segment';
import { TEXT_ELEMENT_MAX_LENGTH, toX12Characters, truncateX12 } from './text';

/** An element value: text, a composite (components) or repeated values. */
export type ElementValue = string | undefined | null | readonly string[] | { repeat: readonly string[] };

/**
 * Collects the body segments of one transaction set. Text is written in the X12 character set
 * (src/x12/text.ts); delimiter characters in data are refused (intake cleans them from names and
 * addresses, src/intake/x12-text.ts).
 */
export class SegmentWriter {
  readonly segments: string[] = [];

  constructor(readonly delimiters: Delimiters) {}

  add(id: string, ...elements: ElementValue[]): this {
    const texts = elements.map((value, index) => this.render(id, index + 1, value));
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    this.segments.push([id, ...texts].join(this.delimiters.element));
    return this;
  }

  get count(): number {
    return this.segments.length;
  }

  private render(id: string, position: number, value: ElementValue): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return this.check(id, position, value);
    if ('repeat' in value) {
      return value.repeat.map((item) => this.check(id, position, item)).join(this.delimiters.repetition);
    }
    const parts = value.map((part) => this.check(id, position, part));
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    return parts.join(this.delimiters.component);
  }

  /** Transliterated to the X12 character set, single-line, cut to the element's length; delimiters refused. */
  private check(id: string, position: number, raw: string): string {
    const d = this.delimiters;
    const max = TEXT_ELEMENT_MAX_LENGTH[`${id}${String(position).padStart(2, '0')}`];
    const text = toX12Characters(raw);
    const value = max === undefined ? text : truncateX12(text, max);
    const forbidden = [d.element, d.segment, d.repetition, d.component].filter((c) => c !== '');
    for (const char of forbidden) {
      if (value.includes(char)) {
        throw new X12Error(
          'INVALID_INPUT',
          `value for ${elementRef(id, position)} contains a delimiter character`,
          {
            segmentId: id,
            elementPosition: position,
            found: JSON.stringify(char),
          },
        );
      }
    }
    return value;
  }
}

export interface EnvelopeOptions {
  senderId: string;
  receiverId: string;
  /** ISA05/ISA07, default "ZZ". */
  senderQualifier?: string;
  receiverQualifier?: string;
  /** GS02/GS03; default the interchange ids. */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ISA13 (1..999999999). */
  interchangeControlNumber: number;
  /** GS06. */
  groupControlNumber: number;
  /** ST02 of the first transaction set (default 1); further sets count up. */
  transactionControlNumber?: number;
  /** Interchange date and time (UTC). Passed in so output is deterministic. */
  createdAt: Date;
  /** ISA15 usage indicator: T test, P production. Default T. */
  usage?: 'T' | 'P';
  /** ISA14. Default false. */
  acknowledgementRequested?: boolean;
  delimiters?: Partial<Delimiters>;
  /** Put a line break after each segment terminator (default true). */
  lineBreaks?: boolean;
}

export interface TransactionBody {
  setId: string;
  /** ST03 implementation reference; omitted when undefined. */
  implementation?: string;
  build(writer: SegmentWriter, controlNumber: string): void;
}

function controlNumber(value: number, width: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0 || String(value).length > width) {
    throw new X12Error('INVALID_INPUT', `${what} must be an integer of at most ${width} digits`, {
      found: String(value),
    });
  }
  return String(value).padStart(width, '0');
}

function isaField(value: string, width: number, what: string): string {
  if (value.length > width) throw new X12Error('INVALID_INPUT', `${what} is longer than ${width} characters`);
  return value.padEnd(width, ' ');
}

export function resolveDelimiters(partial?: Partial<Delimiters>): Delimiters {
  return { ...DEFAULT_DELIMITERS, ...partial };
}

/** Writes ISA + GS + the transaction sets + GE + IEA. */
export function writeInterchange(
  options: EnvelopeOptions,
  group: { functionalId: string; version: string },
  bodies: TransactionBody[],
): string {
  const d = resolveDelimiters(options.delimiters);
  const { ccyymmdd, yymmdd, hhmm } = stampParts(options.createdAt);
  const isaControl = controlNumber(options.interchangeControlNumber, 9, 'interchange control number');
  const lines: string[] = [];
  lines.push(isaSegment(options, d, yymmdd, hhmm, isaControl));
  const gs = new SegmentWriter(d);
  const groupControl = String(options.groupControlNumber);
  controlNumber(options.groupControlNumber, 9, 'group control number');
  gs.add(
    'GS',
    group.functionalId,
    options.applicationSenderCode ?? options.senderId,
    options.applicationReceiverCode ?? options.receiverId,
    ccyymmdd,
    hhmm,
    groupControl,
    'X',
    group.version,
  );
  lines.push(...gs.segments);
  let next = options.transactionControlNumber ?? 1;
  for (const body of bodies) {
    const control = controlNumber(next, 9, 'transaction set control number').replace(/^0+(?=\d{4})/, '');
    next += 1;
    const w = new SegmentWriter(d);
    w.add('ST', body.setId, control, body.implementation);
    body.build(w, control);
    w.add('SE', String(w.count + 1), control);
    lines.push(...w.segments);
  }
  const trailer = new SegmentWriter(d);
  trailer.add('GE', String(bodies.length), groupControl);
  trailer.add('IEA', '1', isaControl);
  lines.push(...trailer.segments);
  return join(lines, d, options.lineBreaks);
}

/** An interchange holding only TA1 segments (no functional group). */
export function writeTa1Interchange(
  options: Omit<EnvelopeOptions, 'groupControlNumber'>,
  build: (w: SegmentWriter) => void,
): string {
  const d = resolveDelimiters(options.delimiters);
  const { yymmdd, hhmm } = stampParts(options.createdAt);
  const isaControl = controlNumber(options.interchangeControlNumber, 9, 'interchange control number');
  const w = new SegmentWriter(d);
  build(w);
  w.add('IEA', '0', isaControl);
  return join([isaSegment(options, d, yymmdd, hhmm, isaControl), ...w.segments], d, options.lineBreaks);
}

function isaSegment(
  options: Omit<EnvelopeOptions, 'groupControlNumber'>,
  d: Delimiters,
  yymmdd: string,
  hhmm: string,
  isaControl: string,
): string {
  return [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    options.senderQualifier ?? 'ZZ',
    isaField(options.senderId, 15, 'ISA06 sender id'),
    options.receiverQualifier ?? 'ZZ',
    isaField(options.receiverId, 15, 'ISA08 receiver id'),
    yymmdd,
    hhmm,
    d.repetition,
    '00501',
    isaControl,
    options.acknowledgementRequested ? '1' : '0',
    options.usage ?? 'T',
    d.component,
  ].join(d.element);
}

function join(segments: string[], d: Delimiters, lineBreaks = true): string {
  const terminator = d.segment + (lineBreaks && d.segment !== '\n' ? '\n' : '');
  return segments.map((s) => s + terminator).join('');
}

/** Free-form text (messages, STC12): delimiter characters become spaces instead of failing. */
export function freeText(value: string | undefined, d: Delimiters): string | undefined {
  if (value === undefined) return undefined;
  let out = value;
  for (const char of [d.element, d.segment, d.repetition, d.component]) {
    if (char !== '') out = out.split(char).join(' ');
  }
  return out.replace(/[\r\n]+/g, ' ').trim();
}
