import { read835WithProblems } from './835/read-835';
import type { BalanceProblem } from './835/balance';
import { read837P } from './837p/read-837p';
import { read999 } from './ack/999';
import { readTA1 } from './ack/ta1';
import { read277, read277CA } from './claim-status/read-277';
import { read276 } from './claim-status/status-276-277';
import type { TransactionKind } from './detect';
import { detectTransaction } from './detect';
import { inspectX12 } from './document';
import { read270, read271 } from './eligibility/eligibility-270-271';
import { X12Error } from './errors';
import { checkDocument } from './validate';

/** Reads any supported document into billing objects, by detected kind. */
export function readX12Document(text: string): {
  kind: TransactionKind;
  data: unknown;
  problems?: BalanceProblem[];
} {
  const kind = detectTransaction(text);
  switch (kind) {
    case '835': {
      const { remittances, problems } = read835WithProblems(text);
      return { kind, data: remittances, problems };
    }
    case '837P':
      return { kind, data: read837P(text) };
    case '270':
      return { kind, data: read270(text) };
    case '271':
      return { kind, data: read271(text) };
    case '276':
      return { kind, data: read276(text) };
    case '277':
      return { kind, data: read277(text) };
    case '277CA':
      return { kind, data: read277CA(text) };
    case '999':
      return { kind, data: read999(text) };
    case 'TA1':
      return { kind, data: readTA1(text) };
  }
}

export interface X12ValidationReport {
  kind?: TransactionKind;
  ok: boolean;
  errors: X12Error[];
  warnings: X12Error[];
  /** 835 balancing problems (also counted as errors). */
  problems: BalanceProblem[];
}

/**
 * Our own checks: envelope, counts, control numbers, segment definitions, the guide rules of
 * src/x12/validate (GS01/ST01, dates, separators, HL, required segments, 837P amounts, pointers and
 * NPIs), the element syntax of what we read, and 835 balancing.
 */
export function validateX12(text: string): X12ValidationReport {
  const inspection = inspectX12(text);
  // A repeated interchange control number is a duplicate interchange (TA1 note 025): an error here.
  const duplicates = inspection.warnings.filter((w) => w.code === 'CONTROL_NUMBER');
  const warnings = inspection.warnings.filter((w) => w.code !== 'CONTROL_NUMBER');
  const report: X12ValidationReport = {
    ok: false,
    errors: [...inspection.errors, ...duplicates],
    warnings,
    problems: [],
  };
  if (inspection.errors.length === 0) {
    const findings = checkDocument(inspection.document);
    report.errors.push(...findings.errors);
    report.warnings.push(...findings.warnings);
    try {
      const result = readX12Document(text);
      report.kind = result.kind;
      report.problems = result.problems ?? [];
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
      report.errors.push(error);
    }
  }
  report.ok = report.errors.length === 0 && report.problems.length === 0;
  return report;
}

/** At most this many findings are kept with a document (the rest are counted). */
export const MAX_RECORDED_FINDINGS = 100;

/**
 * A report's findings as lines, by severity: "error: …", "unbalanced: …", "warning: …". Messages
 * are bounded by X12Error; the list is cut at `max` with a last line counting what was left out.
 */
export function findingLines(report: X12ValidationReport, max = MAX_RECORDED_FINDINGS): string[] {
  const lines = [
    ...report.errors.map((error) => `error: ${error.message}`),
    ...report.problems.map((problem) => `unbalanced: ${problem.message}`),
    ...report.warnings.map((warning) => `warning: ${warning.message}`),
  ];
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `… and ${lines.length - max} more findings`];
}
