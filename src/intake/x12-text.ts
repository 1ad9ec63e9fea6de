import type { FieldProblem } from '../visit/primitives';
import type { VisitCompletedEvent } from '../visit/schema';
import { DEFAULT_DELIMITERS } from '../x12/segment';

/** Something intake changed so the visit can be billed, by JSON path (never the value: PHI). */
export type IntakeFinding = FieldProblem;

const DELIMITERS = [
  DEFAULT_DELIMITERS.element,
  DEFAULT_DELIMITERS.segment,
  DEFAULT_DELIMITERS.component,
  DEFAULT_DELIMITERS.repetition,
];

type Person = { firstName: string; lastName: string; address?: Record<string, string | undefined> };

/**
 * Names and addresses holding an X12 delimiter (`*`, `~`, `:`, `^`) would make the 837P writer
 * refuse the whole claim. Intake replaces each such character by a space and says where, so the
 * visit is still billed. A field that is nothing but delimiters is a problem (there is no name left).
 */
export function cleanX12Delimiters(visit: VisitCompletedEvent): {
  visit: VisitCompletedEvent;
  findings: IntakeFinding[];
  problems: FieldProblem[];
} {
  const cleaned = structuredClone(visit);
  const findings: IntakeFinding[] = [];
  const problems: FieldProblem[] = [];
  const clean = (holder: Record<string, unknown>, key: string, path: string) => {
    const value = holder[key];
    if (typeof value !== 'string' || !DELIMITERS.some((d) => value.includes(d))) return;
    let out = value;
    for (const d of DELIMITERS) out = out.split(d).join(' ');
    out = out.replace(/ {2,}/g, ' ').trim();
    if (out === '') {
      problems.push({ path, message: 'must not consist of X12 delimiter characters (* ~ : ^) only' });
      return;
    }
    holder[key] = out;
    findings.push({ path, message: 'X12 delimiter characters (* ~ : ^) replaced by spaces' });
  };
  const person = (p: Person | undefined, path: string) => {
    if (!p) return;
    clean(p, 'firstName', `${path}.firstName`);
    clean(p, 'lastName', `${path}.lastName`);
    if (p.address)
      for (const key of ['line1', 'line2', 'city']) clean(p.address, key, `${path}.address.${key}`);
  };
  person(cleaned.patient, 'patient');
  person(cleaned.renderingProvider, 'renderingProvider');
  if (cleaned.coverage) {
    clean(cleaned.coverage, 'payerName', 'coverage.payerName');
    clean(cleaned.coverage, 'groupNumber', 'coverage.groupNumber');
    person(cleaned.coverage.subscriber, 'coverage.subscriber');
  }
  return { visit: cleaned, findings, problems };
}
