import { formatCents, parseCents } from '../money';
import type { Segment } from '../segment';
import { components, el } from '../segment';
import type { Findings } from './findings';

/** Loop 2400 repeats at most 50 times per claim (005010X222A1). */
const MAX_LINES = 50;

interface OpenClaim {
  clm: Segment;
  diagnosisCount: number;
  lines: Segment[];
  /** LX segments whose line has no SV1 or no service date (DTP*472). */
  lineStarts: Array<{ lx: Segment; sv1: boolean; date: boolean }>;
}

/**
 * 837P (005010X222A1) rules that decide whether a claim is paid right: the required loops of
 * submitter, receiver, billing provider and subscriber, a diagnosis (HI) per claim, CLM02 = Σ SV102,
 * SV107 pointers that name an HI code, and each line's SV1 and service date.
 */
export function check837P(header: Segment, segments: Segment[], findings: Findings): void {
  requireOnce(segments, header, findings, [
    ['BHT', (s) => s.id === 'BHT'],
    ['NM1*41 (submitter, loop 1000A)', (s) => s.id === 'NM1' && el(s, 1) === '41'],
    ['PER (submitter contact, loop 1000A)', (s) => s.id === 'PER'],
    ['NM1*40 (receiver, loop 1000B)', (s) => s.id === 'NM1' && el(s, 1) === '40'],
    ['NM1*85 (billing provider, loop 2010AA)', (s) => s.id === 'NM1' && el(s, 1) === '85'],
    ['REF*EI (billing provider tax id)', (s) => s.id === 'REF' && el(s, 1) === 'EI'],
    ['SBR (subscriber, loop 2000B)', (s) => s.id === 'SBR'],
    ['NM1*IL (subscriber name, loop 2010BA)', (s) => s.id === 'NM1' && el(s, 1) === 'IL'],
    ['NM1*PR (payer name, loop 2010BB)', (s) => s.id === 'NM1' && el(s, 1) === 'PR'],
    ['CLM (claim, loop 2300)', (s) => s.id === 'CLM'],
  ]);
  let claim: OpenClaim | null = null;
  for (const segment of segments) {
    switch (segment.id) {
      case 'HL':
      case 'CLM':
        if (claim) closeClaim(claim, findings);
        claim = segment.id === 'CLM' ? openClaim(segment) : null;
        break;
      case 'HI':
        if (claim) claim.diagnosisCount += countCodes(segment);
        break;
      case 'LX':
        claim?.lineStarts.push({ lx: segment, sv1: false, date: false });
        break;
      case 'SV1': {
        const line = claim?.lineStarts[claim.lineStarts.length - 1];
        if (line) line.sv1 = true;
        claim?.lines.push(segment);
        break;
      }
      case 'DTP': {
        const line = claim?.lineStarts[claim.lineStarts.length - 1];
        if (line && el(segment, 1) === '472') line.date = true;
        break;
      }
    }
  }
  if (claim) closeClaim(claim, findings);
}

function requireOnce(
  segments: Segment[],
  header: Segment,
  findings: Findings,
  rules: Array<[string, (segment: Segment) => boolean]>,
): void {
  for (const [what, test] of rules) {
    if (!segments.some(test)) {
      findings.at('error', 'MISSING_SEGMENT', `${what} is required`, segments[0] ?? header, {
        expected: what.split(' ')[0],
      });
    }
  }
}

function openClaim(clm: Segment): OpenClaim {
  return { clm, diagnosisCount: 0, lines: [], lineStarts: [] };
}

/** HI codes: composites whose qualifier is a diagnosis code list (ABK principal, ABF other; BK/BF ICD-9). */
function countCodes(segment: Segment): number {
  let count = 0;
  for (let position = 1; position < segment.elements.length; position += 1) {
    if (components(segment, position).length >= 2) count += 1;
  }
  return count;
}

function closeClaim(claim: OpenClaim, findings: Findings): void {
  const { clm } = claim;
  if (claim.diagnosisCount === 0) {
    findings.at('error', 'MISSING_SEGMENT', 'HI (diagnosis codes) is required for every claim', clm, {
      expected: 'HI',
    });
  }
  if (claim.lineStarts.length === 0) {
    findings.at('error', 'MISSING_SEGMENT', 'a claim needs at least one service line (LX/SV1)', clm, {
      expected: 'LX',
    });
  }
  if (claim.lineStarts.length > MAX_LINES) {
    findings.at('error', 'UNEXPECTED_SEGMENT', 'more service lines (loop 2400) than the guide allows', clm, {
      expected: `at most ${MAX_LINES}`,
      found: String(claim.lineStarts.length),
    });
  }
  for (const line of claim.lineStarts) {
    if (!line.sv1)
      findings.at('error', 'MISSING_SEGMENT', 'SV1 is required in loop 2400', line.lx, { expected: 'SV1' });
    if (!line.date)
      findings.at('error', 'MISSING_SEGMENT', 'DTP*472 (service date) is required in loop 2400', line.lx, {
        expected: 'DTP*472',
      });
  }
  checkChargeTotal(claim, findings);
  for (const sv1 of claim.lines) checkPointers(sv1, claim.diagnosisCount, findings);
}

/** CLM02 is the sum of the lines' SV102 (cents, never floats). */
function checkChargeTotal(claim: OpenClaim, findings: Findings): void {
  const total = parseCents(el(claim.clm, 2));
  let sum = 0;
  for (const sv1 of claim.lines) {
    const charge = parseCents(el(sv1, 2));
    if (charge === null) {
      findings.at('error', 'INVALID_ELEMENT', 'line charge is not an amount', sv1, { elementPosition: 2 });
      return;
    }
    sum += charge;
  }
  if (total === null) {
    findings.at('error', 'INVALID_ELEMENT', 'claim charge is not an amount', claim.clm, {
      elementPosition: 2,
    });
  } else if (claim.lines.length > 0 && total !== sum) {
    findings.at('error', 'UNBALANCED', 'CLM02 is not the sum of the service lines (SV102)', claim.clm, {
      elementPosition: 2,
      expected: formatCents(sum),
      found: formatCents(total),
    });
  }
}

/** SV107: 1 to 4 pointers, each naming an HI code of the claim. */
function checkPointers(sv1: Segment, diagnosisCount: number, findings: Findings): void {
  const pointers = components(sv1, 7);
  if (pointers.length === 0) {
    findings.at('error', 'INVALID_ELEMENT', 'SV107 diagnosis pointer is required', sv1, {
      elementPosition: 7,
    });
  }
  pointers.forEach((pointer, index) => {
    const n = /^\d{1,2}$/.test(pointer) ? Number(pointer) : 0;
    if (n < 1 || n > diagnosisCount) {
      findings.at('error', 'INVALID_ELEMENT', 'diagnosis pointer names no HI code of the claim', sv1, {
        elementPosition: 7,
        componentPosition: index + 1,
        expected: diagnosisCount > 0 ? `1 to ${Math.min(diagnosisCount, 12)}` : 'an HI code first',
        found: pointer.slice(0, 4),
      });
    }
  });
}
