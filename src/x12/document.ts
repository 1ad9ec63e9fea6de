import { EnvelopeChecker } from './envelope';
import { X12Error } from './errors';
import type { Delimiters, Segment } from './segment';
import { el } from './segment';
import { SegmentTokenizer } from './tokenizer';

/** One transaction set: ST, the body segments, SE. */
export interface X12Transaction {
  /** ST01, e.g. "835". */
  setId: string;
  /** ST02. */
  controlNumber: string;
  /** ST03 when present, else GS08. */
  implementation: string;
  header: Segment;
  /** Segments between ST and SE. */
  segments: Segment[];
  trailer?: Segment;
}

export interface X12FunctionalGroup {
  /** GS01, e.g. "HP". */
  functionalId: string;
  controlNumber: string;
  /** GS08, e.g. "005010X221A1". */
  version: string;
  senderCode: string;
  receiverCode: string;
  header: Segment;
  transactions: X12Transaction[];
  trailer?: Segment;
}

export interface X12Interchange {
  controlNumber: string;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** YYMMDD and HHMM as sent. */
  date: string;
  time: string;
  usage: string;
  delimiters: Delimiters;
  header: Segment;
  /** TA1 segments carried in the interchange (interchange acknowledgements). */
  ta1: Segment[];
  groups: X12FunctionalGroup[];
  trailer?: Segment;
}

export interface X12Document {
  interchanges: X12Interchange[];
}

export interface X12Inspection {
  document: X12Document;
  errors: X12Error[];
  warnings: X12Error[];
}

/** Builds the envelope tree from a segment sequence (no checks; see EnvelopeChecker). */
export class DocumentBuilder {
  readonly document: X12Document = { interchanges: [] };
  private interchange: X12Interchange | null = null;
  private group: X12FunctionalGroup | null = null;
  private transaction: X12Transaction | null = null;

  accept(segment: Segment): void {
    switch (segment.id) {
      case 'ISA':
        this.interchange = {
          controlNumber: el(segment, 13),
          senderQualifier: el(segment, 5),
          senderId: el(segment, 6).trim(),
          receiverQualifier: el(segment, 7),
          receiverId: el(segment, 8).trim(),
          date: el(segment, 9),
          time: el(segment, 10),
          usage: el(segment, 15),
          delimiters: segment.delimiters,
          header: segment,
          ta1: [],
          groups: [],
        };
        this.document.interchanges.push(this.interchange);
        this.group = null;
        this.transaction = null;
        return;
      case 'IEA':
        if (this.interchange) this.interchange.trailer = segment;
        this.interchange = null;
        this.group = null;
        this.transaction = null;
        return;
      case 'TA1':
        if (this.interchange && !this.group) {
          this.interchange.ta1.push(segment);
          return;
        }
        break;
      case 'GS':
        if (!this.interchange) return;
        this.group = {
          functionalId: el(segment, 1),
          senderCode: el(segment, 2),
          receiverCode: el(segment, 3),
          controlNumber: el(segment, 6),
          version: el(segment, 8),
          header: segment,
          transactions: [],
        };
        this.interchange.groups.push(this.group);
        this.transaction = null;
        return;
      case 'GE':
        if (this.group) this.group.trailer = segment;
        this.group = null;
        this.transaction = null;
        return;
      case 'ST':
        if (!this.group) return;
        this.transaction = {
          setId: el(segment, 1),
          controlNumber: el(segment, 2),
          implementation: el(segment, 3) || this.group.version,
          header: segment,
          segments: [],
        };
        this.group.transactions.push(this.transaction);
        return;
      case 'SE':
        if (this.transaction) this.transaction.trailer = segment;
        this.transaction = null;
        return;
    }
    this.transaction?.segments.push(segment);
  }
}

/** Parses and checks a whole X12 text; throws the first X12Error (envelope, counts, control numbers). */
export function parseX12(text: string): X12Document {
  const tokenizer = new SegmentTokenizer();
  const checker = new EnvelopeChecker({ strict: true });
  const builder = new DocumentBuilder();
  const feed = (segments: Segment[]): void => {
    for (const segment of segments) {
      checker.accept(segment);
      builder.accept(segment);
    }
  };
  feed(tokenizer.push(text));
  feed(tokenizer.end());
  checker.end();
  return builder.document;
}

/**
 * Like parseX12 but collects every envelope error instead of stopping at the first.
 * Tokenizer errors (delimiters, truncation) still end the inspection; they are returned as errors.
 */
export function inspectX12(text: string): X12Inspection {
  const tokenizer = new SegmentTokenizer();
  const checker = new EnvelopeChecker();
  const builder = new DocumentBuilder();
  try {
    for (const segment of [...tokenizer.push(text), ...tokenizer.end()]) {
      checker.accept(segment);
      builder.accept(segment);
    }
    checker.end();
  } catch (error) {
    if (!(error instanceof X12Error)) throw error;
    checker.errors.push(error);
  }
  return { document: builder.document, errors: checker.errors, warnings: checker.warnings };
}

/** Every transaction set of a document, with its group. */
export function transactionsOf(
  document: X12Document,
): Array<{ interchange: X12Interchange; group: X12FunctionalGroup; transaction: X12Transaction }> {
  const out: Array<{ interchange: X12Interchange; group: X12FunctionalGroup; transaction: X12Transaction }> =
    [];
  for (const interchange of document.interchanges) {
    for (const group of interchange.groups) {
      for (const transaction of group.transactions) out.push({ interchange, group, transaction });
    }
  }
  return out;
}
