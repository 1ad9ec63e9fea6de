import type { Segment } from '../segment';
import { el } from '../segment';
import type { Findings } from './findings';

/** 277CA (005010X214): every claim level (HL*PT, loop 2000D) has its TRN and its STC. */
export function check277CA(segments: Segment[], findings: Findings): void {
  let claim: Segment | null = null;
  let seen = new Set<string>();
  const close = () => {
    if (!claim) return;
    for (const id of ['TRN', 'STC']) {
      if (!seen.has(id)) {
        findings.at('error', 'MISSING_SEGMENT', `${id} is required in the claim loop (2200D)`, claim, {
          expected: id,
        });
      }
    }
  };
  for (const segment of segments) {
    if (segment.id === 'HL') {
      close();
      claim = el(segment, 3) === 'PT' ? segment : null;
      seen = new Set();
    } else if (claim && (segment.id === 'TRN' || segment.id === 'STC')) {
      // Line-level STC (after an SVC) does not stand for the claim's own status.
      if (!(segment.id === 'STC' && seen.has('SVC'))) seen.add(segment.id);
    } else if (segment.id === 'SVC') {
      seen.add('SVC');
    }
  }
  close();
}

/** 999 (005010X231A1): AK1 and AK9, and an IK5 closing every AK2. */
export function check999(header: Segment, segments: Segment[], findings: Findings): void {
  const at = segments[0] ?? header;
  for (const id of ['AK1', 'AK9']) {
    if (!segments.some((s) => s.id === id))
      findings.at('error', 'MISSING_SEGMENT', `${id} is required`, at, { expected: id });
  }
  let open: Segment | null = null;
  for (const segment of segments) {
    if (segment.id === 'AK2' || segment.id === 'AK9') {
      if (open) {
        findings.at('error', 'MISSING_SEGMENT', 'IK5 is required for every AK2', open, { expected: 'IK5' });
      }
      open = segment.id === 'AK2' ? segment : null;
    } else if (segment.id === 'IK5') {
      open = null;
    }
  }
}
