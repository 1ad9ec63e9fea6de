import { X12Error } from './errors';
import { el } from './segment';
import { SegmentTokenizer } from './tokenizer';

export type TransactionKind = '837P' | '835' | '270' | '271' | '276' | '277' | '277CA' | '999' | 'TA1';

const CHUNK = 64 * 1024;

/** The kind of the first transaction set (ST01 + GS08), or TA1 for an interchange acknowledgement. */
export function detectTransaction(text: string): TransactionKind {
  const tokenizer = new SegmentTokenizer();
  let version = '';
  for (let offset = 0; offset <= text.length; offset += CHUNK) {
    const last = offset + CHUNK >= text.length;
    const segments = tokenizer.push(text.slice(offset, offset + CHUNK));
    if (last) segments.push(...tokenizer.end());
    for (const segment of segments) {
      if (segment.id === 'TA1') return 'TA1';
      if (segment.id === 'GS') version = el(segment, 8);
      if (segment.id === 'ST') return kindOf(el(segment, 1), el(segment, 3) || version, segment.position);
    }
    if (last) break;
  }
  throw new X12Error('MISSING_SEGMENT', 'no ST or TA1 segment found', {
    segmentId: 'ST',
    expected: 'ST or TA1',
    found: 'end of file',
  });
}

export function kindOf(setId: string, version: string, position?: number): TransactionKind {
  switch (setId) {
    case '837':
      if (version.includes('X222')) return '837P';
      break;
    case '277':
      return version.includes('X214') ? '277CA' : '277';
    case '835':
    case '270':
    case '271':
    case '276':
    case '999':
      return setId;
  }
  throw new X12Error('UNSUPPORTED', 'unsupported transaction set', {
    segmentPosition: position,
    segmentId: 'ST',
    elementPosition: 1,
    expected: '835/837P/270/271/276/277/999',
    found: `${setId} ${version}`,
  });
}
