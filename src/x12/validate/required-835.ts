import type { Segment } from '../segment';
import { el } from '../segment';
import type { Findings } from './findings';

/**
 * Segments the 835 guide (005010X221A1) requires where their absence matters: the payer and payee
 * loops, and each claim's patient. A payer loop without its PER (payer technical contact) is a
 * warning: real payers send such files and the payment must still post.
 */
export function check835(header: Segment, segments: Segment[], findings: Findings): void {
  const missing = (what: string, at: Segment, severity: 'error' | 'warning' = 'error') =>
    findings.at(severity, 'MISSING_SEGMENT', `${what} is required`, at, { expected: what.split(' ')[0] });
  const first = segments[0];
  if (!segments.some((s) => s.id === 'TRN')) missing('TRN (reassociation trace)', first ?? header);
  const payer = segments.findIndex((s) => s.id === 'N1' && el(s, 1) === 'PR');
  const payee = segments.findIndex((s) => s.id === 'N1' && el(s, 1) === 'PE');
  if (payer < 0) missing('N1*PR (payer identification, loop 1000A)', first ?? header);
  if (payee < 0) missing('N1*PE (payee identification, loop 1000B)', first ?? header);
  if (payer >= 0) {
    const loop = segments.slice(payer + 1, payee > payer ? payee : undefined);
    const at = segments[payer] as Segment;
    if (!loop.some((s) => s.id === 'N3')) missing('N3 (payer address, loop 1000A)', at);
    if (!loop.some((s) => s.id === 'N4')) missing('N4 (payer city/state/ZIP, loop 1000A)', at);
    if (!loop.some((s) => s.id === 'PER' && el(s, 1) === 'BL'))
      missing('PER*BL (payer technical contact, loop 1000A)', at, 'warning');
  }
  checkClaims(segments, findings);
}

/** Every claim (CLP) names its patient (NM1*QC) before its lines or the next claim. */
function checkClaims(segments: Segment[], findings: Findings): void {
  let claim: Segment | null = null;
  let patient = false;
  const close = () => {
    if (claim && !patient) {
      findings.at('error', 'MISSING_SEGMENT', 'NM1*QC (patient name, loop 2100) is required', claim, {
        expected: 'NM1*QC',
      });
    }
  };
  for (const segment of segments) {
    if (segment.id === 'CLP' || segment.id === 'LX' || segment.id === 'PLB') {
      close();
      claim = segment.id === 'CLP' ? segment : null;
      patient = false;
    } else if (segment.id === 'NM1' && el(segment, 1) === 'QC') {
      patient = true;
    }
  }
  close();
}
