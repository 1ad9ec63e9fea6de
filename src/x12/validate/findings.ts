import { X12Error } from '../errors';
import type { X12ErrorCode, X12ErrorDetails } from '../errors';
import type { Segment } from '../segment';

/** How a problem counts: an error refuses the document, a warning is reported and the document posts. */
export type Severity = 'error' | 'warning';

/** What the rules of one transaction set found, by severity. */
export class Findings {
  readonly errors: X12Error[] = [];
  readonly warnings: X12Error[] = [];

  add(severity: Severity, error: X12Error): void {
    switch (severity) {
      case 'error':
        this.errors.push(error);
        return;
      case 'warning':
        this.warnings.push(error);
        return;
      default: {
        const never: never = severity;
        throw new Error(`unknown severity ${String(never)}`);
      }
    }
  }

  /** A problem located at a segment (and element). */
  at(
    severity: Severity,
    code: X12ErrorCode,
    detail: string,
    segment: Segment,
    extra: Omit<X12ErrorDetails, 'segmentPosition' | 'segmentId'> = {},
  ): void {
    this.add(
      severity,
      new X12Error(code, detail, { segmentPosition: segment.position, segmentId: segment.id, ...extra }),
    );
  }
}
