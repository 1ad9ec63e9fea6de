import { segmentShapeProblem } from './definitions';
import { X12Error } from './errors';
import type { Segment } from './segment';
import { el } from './segment';

/** Lengths of ISA01…ISA16. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

/**
 * Streaming envelope checks: ISA/IEA, GS/GE, ST/SE pairing, control numbers and counts.
 * Feed every segment in order, then call `end()`. Errors are collected (or thrown when strict).
 */
export class EnvelopeChecker {
  readonly errors: X12Error[] = [];
  readonly warnings: X12Error[] = [];
  private isa: Segment | null = null;
  private gs: Segment | null = null;
  private st: Segment | null = null;
  /** The guide of the open transaction set ('835', '837P'…) for its segment definitions. */
  private guide: string | undefined;
  private groupCount = 0;
  private setCount = 0;
  private segmentCount = 0;
  private lastPosition = 0;
  private readonly interchangeControlNumbers = new Set<string>();

  constructor(private readonly options: { strict?: boolean } = {}) {}

  accept(segment: Segment): void {
    this.lastPosition = segment.position;
    const shape = segmentShapeProblem(segment, this.guide);
    if (shape) this.raise(shape);
    switch (segment.id) {
      case 'ISA':
        return this.onIsa(segment);
      case 'IEA':
        return this.onIea(segment);
      case 'GS':
        return this.onGs(segment);
      case 'GE':
        return this.onGe(segment);
      case 'ST':
        return this.onSt(segment);
      case 'SE':
        return this.onSe(segment);
      case 'TA1':
        if (this.isa && !this.gs) return;
        break;
    }
    if (!this.st) {
      this.fail('ENVELOPE', 'segment outside of a transaction set (ST/SE)', segment, { expected: 'ST' });
      return;
    }
    this.segmentCount += 1;
  }

  end(): void {
    const position = this.lastPosition + 1;
    if (this.st) {
      this.fail('TRUNCATED', 'file ends inside a transaction set', undefined, {
        segmentPosition: position,
        segmentId: 'SE',
        expected: 'SE',
        found: 'end of file',
      });
    } else if (this.gs) {
      this.fail('TRUNCATED', 'file ends inside a functional group', undefined, {
        segmentPosition: position,
        segmentId: 'GE',
        expected: 'GE',
        found: 'end of file',
      });
    } else if (this.isa) {
      this.fail('TRUNCATED', 'file ends inside an interchange', undefined, {
        segmentPosition: position,
        segmentId: 'IEA',
        expected: 'IEA',
        found: 'end of file',
      });
    } else if (this.lastPosition === 0) {
      this.fail('MISSING_SEGMENT', 'no ISA segment', undefined, {
        segmentPosition: 1,
        segmentId: 'ISA',
        expected: 'ISA',
        found: 'nothing',
      });
    }
  }

  private onIsa(segment: Segment): void {
    if (this.isa)
      this.fail('MISSING_SEGMENT', 'interchange not closed before the next ISA', segment, {
        expected: 'IEA',
        found: 'ISA',
      });
    this.isa = segment;
    this.gs = null;
    this.st = null;
    this.groupCount = 0;
    if (segment.elements.length !== 17) {
      this.fail('ENVELOPE', 'ISA must have exactly 16 elements', segment, {
        expected: '16',
        found: String(segment.elements.length - 1),
      });
    } else {
      this.checkIsaWidths(segment);
    }
    const control = el(segment, 13);
    if (!/^\d{9}$/.test(control)) {
      this.fail('CONTROL_NUMBER', 'interchange control number must be 9 digits', segment, {
        elementPosition: 13,
        expected: '9 digits',
        found: JSON.stringify(control),
      });
    }
    if (this.interchangeControlNumbers.has(control)) {
      this.warn('CONTROL_NUMBER', 'duplicate interchange control number in this file', segment, {
        elementPosition: 13,
        found: control,
      });
    }
    this.interchangeControlNumbers.add(control);
    if (el(segment, 12) !== '00501') {
      this.warn('UNSUPPORTED', 'interchange version is not 00501', segment, {
        elementPosition: 12,
        expected: '00501',
        found: el(segment, 12),
      });
    }
  }

  /** The ISA is fixed-width: every element has its exact length (106 characters in all). */
  private checkIsaWidths(segment: Segment): void {
    ISA_WIDTHS.forEach((width, index) => {
      const length = (segment.elements[index + 1] ?? '').length;
      if (length !== width) {
        this.fail('ENVELOPE', 'ISA is fixed-width: element has the wrong length', segment, {
          elementPosition: index + 1,
          expected: `${width} characters`,
          found: `${length} characters`,
        });
      }
    });
  }

  private onIea(segment: Segment): void {
    if (!this.isa) {
      this.fail('ENVELOPE', 'IEA without ISA', segment, { expected: 'ISA' });
      return;
    }
    if (this.st)
      this.fail('MISSING_SEGMENT', 'transaction set not closed before IEA', segment, {
        expected: 'SE',
        found: 'IEA',
      });
    else if (this.gs)
      this.fail('MISSING_SEGMENT', 'functional group not closed before IEA', segment, {
        expected: 'GE',
        found: 'IEA',
      });
    this.compareCount(segment, 1, this.groupCount, 'number of functional groups');
    const expected = el(this.isa, 13);
    if (el(segment, 2) !== expected) {
      this.fail('CONTROL_NUMBER', 'interchange control number does not match ISA13', segment, {
        elementPosition: 2,
        expected,
        found: el(segment, 2),
      });
    }
    this.isa = null;
    this.gs = null;
    this.st = null;
  }

  private onGs(segment: Segment): void {
    if (!this.isa) this.fail('ENVELOPE', 'GS outside of an interchange', segment, { expected: 'ISA' });
    if (this.st)
      this.fail('MISSING_SEGMENT', 'transaction set not closed before GS', segment, {
        expected: 'SE',
        found: 'GS',
      });
    else if (this.gs)
      this.fail('MISSING_SEGMENT', 'functional group not closed before the next GS', segment, {
        expected: 'GE',
        found: 'GS',
      });
    this.gs = segment;
    this.st = null;
    this.setCount = 0;
    this.groupCount += 1;
    if (segment.elements.length < 9) {
      this.fail('ENVELOPE', 'GS must have 8 elements', segment, {
        expected: '8',
        found: String(segment.elements.length - 1),
      });
    }
    if (!/^\d{1,9}$/.test(el(segment, 6))) {
      this.fail('CONTROL_NUMBER', 'group control number must be 1-9 digits', segment, {
        elementPosition: 6,
        found: JSON.stringify(el(segment, 6)),
      });
    }
  }

  private onGe(segment: Segment): void {
    if (!this.gs) {
      this.fail('ENVELOPE', 'GE without GS', segment, { expected: 'GS' });
      return;
    }
    if (this.st)
      this.fail('MISSING_SEGMENT', 'transaction set not closed before GE', segment, {
        expected: 'SE',
        found: 'GE',
      });
    this.compareCount(segment, 1, this.setCount, 'number of transaction sets');
    const expected = el(this.gs, 6);
    if (el(segment, 2) !== expected) {
      this.fail('CONTROL_NUMBER', 'group control number does not match GS06', segment, {
        elementPosition: 2,
        expected,
        found: el(segment, 2),
      });
    }
    this.gs = null;
    this.st = null;
  }

  private onSt(segment: Segment): void {
    if (!this.gs) this.fail('ENVELOPE', 'ST outside of a functional group', segment, { expected: 'GS' });
    if (this.st)
      this.fail('MISSING_SEGMENT', 'transaction set not closed before the next ST', segment, {
        expected: 'SE',
        found: 'ST',
      });
    this.st = segment;
    this.guide = guideOf(el(segment, 1), el(segment, 3) || (this.gs ? el(this.gs, 8) : ''));
    this.setCount += 1;
    this.segmentCount = 1;
    const control = el(segment, 2);
    if (!/^[0-9A-Za-z]{4,9}$/.test(control)) {
      this.fail('CONTROL_NUMBER', 'transaction set control number must be 4-9 characters', segment, {
        elementPosition: 2,
        found: JSON.stringify(control),
      });
    }
  }

  private onSe(segment: Segment): void {
    if (!this.st) {
      this.fail('ENVELOPE', 'SE without ST', segment, { expected: 'ST' });
      return;
    }
    this.segmentCount += 1;
    this.compareCount(segment, 1, this.segmentCount, 'number of segments in the transaction set (ST to SE)');
    const expected = el(this.st, 2);
    if (el(segment, 2) !== expected) {
      this.fail('CONTROL_NUMBER', 'transaction set control number does not match ST02', segment, {
        elementPosition: 2,
        expected,
        found: el(segment, 2),
      });
    }
    this.st = null;
    this.guide = undefined;
  }

  private compareCount(segment: Segment, position: number, actual: number, what: string): void {
    const text = el(segment, position);
    if (!/^\d+$/.test(text)) {
      this.fail('INVALID_ELEMENT', `${what} is not a number`, segment, {
        elementPosition: position,
        expected: String(actual),
        found: JSON.stringify(text),
      });
    } else if (Number(text) !== actual) {
      this.fail('SEGMENT_COUNT', `${what} is wrong`, segment, {
        elementPosition: position,
        expected: String(actual),
        found: text,
      });
    }
  }

  private fail(
    code: X12Error['code'],
    detail: string,
    segment: Segment | undefined,
    extra: {
      elementPosition?: number;
      expected?: string;
      found?: string;
      segmentPosition?: number;
      segmentId?: string;
    },
  ): void {
    const error = new X12Error(code, detail, {
      segmentPosition: segment?.position,
      segmentId: segment?.id,
      ...extra,
    });
    this.raise(error);
  }

  private raise(error: X12Error): void {
    if (this.options.strict) throw error;
    this.errors.push(error);
  }

  private warn(
    code: X12Error['code'],
    detail: string,
    segment: Segment,
    extra: { elementPosition?: number; expected?: string; found?: string },
  ): void {
    this.warnings.push(
      new X12Error(code, detail, { segmentPosition: segment.position, segmentId: segment.id, ...extra }),
    );
  }
}

/** The guide key of a transaction set for its segment definitions (837P apart from 837I). */
export function guideOf(setId: string, version: string): string {
  if (setId === '837') return version.includes('X222') ? '837P' : '837';
  if (setId === '277') return version.includes('X214') ? '277CA' : '277';
  return setId;
}
