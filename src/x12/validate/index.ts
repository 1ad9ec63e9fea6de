import { separatorProblems } from '../definitions';
import type { X12Document, X12FunctionalGroup, X12Transaction } from '../document';
import { guideOf } from '../envelope';
import { quoted } from '../errors';
import { isValidNpi } from '../npi';
import type { Segment } from '../segment';
import { el } from '../segment';
import { check837P } from './claims-837p';
import { checkDates } from './dates';
import { Findings } from './findings';
import { checkHierarchy } from './hierarchy';
import { check835 } from './required-835';
import { check277CA, check999 } from './required-acks';

export { Findings } from './findings';
export type { Severity } from './findings';
export { dateProblem, PLAUSIBLE_YEARS } from './dates';

/** GS01 functional identifier of each transaction set (ST01). */
const FUNCTIONAL_IDS: Readonly<Record<string, string>> = {
  '835': 'HP',
  '837': 'HC',
  '270': 'HS',
  '271': 'HB',
  '276': 'HR',
  '277': 'HN',
  '999': 'FA',
};

/**
 * The implementation-guide rules `x12 validate` applies to a whole document beyond the envelope:
 * GS01 against ST01, dates and times, separators, HL hierarchies, required segments, 837P
 * amounts/pointers and NPI check digits. Errors refuse the document; warnings are reported.
 */
export function checkDocument(document: X12Document): Findings {
  const findings = new Findings();
  for (const interchange of document.interchanges) {
    checkSegment(interchange.header, undefined, findings);
    for (const ta1 of interchange.ta1) checkSegment(ta1, undefined, findings);
    for (const group of interchange.groups) {
      checkSegment(group.header, undefined, findings);
      for (const transaction of group.transactions) checkTransaction(group, transaction, findings);
    }
  }
  return findings;
}

function checkTransaction(group: X12FunctionalGroup, transaction: X12Transaction, findings: Findings): void {
  const expected = FUNCTIONAL_IDS[transaction.setId];
  if (expected !== undefined && group.functionalId !== expected) {
    findings.at(
      'error',
      'ENVELOPE',
      'GS01 functional identifier does not match the transaction set',
      group.header,
      {
        elementPosition: 1,
        expected: `${expected} for ST01 ${transaction.setId}`,
        found: quoted(group.functionalId, 4),
      },
    );
  }
  const guide = guideOf(transaction.setId, transaction.implementation);
  for (const segment of transaction.segments) checkSegment(segment, guide, findings);
  checkHierarchy(guide, transaction.segments, findings);
  const { header, segments } = transaction;
  switch (guide) {
    case '835':
      return check835(header, segments, findings);
    case '837P':
      return check837P(header, segments, findings);
    case '277CA':
      return check277CA(segments, findings);
    case '999':
      return check999(header, segments, findings);
  }
}

/** Rules of one segment alone: separators, dates and NPIs. */
function checkSegment(segment: Segment, guide: string | undefined, findings: Findings): void {
  for (const problem of separatorProblems(segment, guide)) findings.add('error', problem);
  checkDates(segment, findings);
  checkNpi(segment, guide, findings);
}

/** NM108/N103 "XX" names an NPI in NM109/N104: its check digit must hold (an error in an 837P). */
function checkNpi(segment: Segment, guide: string | undefined, findings: Findings): void {
  const at = segment.id === 'NM1' ? 8 : segment.id === 'N1' ? 3 : 0;
  if (at === 0 || el(segment, at) !== 'XX') return;
  const npi = el(segment, at + 1);
  if (isValidNpi(npi)) return;
  findings.at(
    guide === '837P' ? 'error' : 'warning',
    'INVALID_ELEMENT',
    'not a valid NPI (check digit)',
    segment,
    {
      elementPosition: at + 1,
      expected: '10 digits passing the Luhn check with prefix 80840',
      found: `${npi.length} characters`,
    },
  );
}
