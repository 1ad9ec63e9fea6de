import type { X12Interchange } from '../document';
import { parseX12 } from '../document';
import { X12Error } from '../errors';
import { el, required } from '../segment';
import type { EnvelopeOptions } from '../writer';
import { writeTa1Interchange } from '../writer';

/** TA1: the interchange-level acknowledgement. */
export interface InterchangeAcknowledgement {
  /** TA101 (ISA13 of the acknowledged interchange). */
  interchangeControlNumber: string;
  /** TA102 YYMMDD and TA103 HHMM of the acknowledged interchange. */
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected. */
  status: 'A' | 'E' | 'R';
  /** TA105 note code ("000" no error). */
  noteCode: string;
  /** Plain-words meaning of the note code. */
  note: string;
}

export const TA1_NOTES: Record<string, string> = {
  '000': 'No error',
  '001': 'The interchange control number in the header and trailer do not match',
  '002': 'This standard as noted in the control standards identifier is not supported',
  '003': 'This version of the controls is not supported',
  '004': 'The segment terminator is invalid',
  '005': 'Invalid interchange ID qualifier for sender',
  '006': 'Invalid interchange sender ID',
  '007': 'Invalid interchange ID qualifier for receiver',
  '008': 'Invalid interchange receiver ID',
  '010': 'Invalid authorization information qualifier value',
  '013': 'Invalid security information qualifier value',
  '014': 'Invalid interchange date value',
  '015': 'Invalid interchange time value',
  '018': 'Invalid interchange control number value',
  '020': 'Invalid test indicator value',
  '021': 'Invalid number of included groups value',
  '022': 'Invalid control structure',
  '023': 'Improper (premature) end-of-file (transmission)',
  '024': 'Invalid interchange content (e.g., invalid GS segment)',
  '025': 'Duplicate interchange control number',
  '026': 'Invalid data element separator',
  '027': 'Invalid component element separator',
};

/** Every TA1 in a text. */
export function readTA1(text: string): InterchangeAcknowledgement[] {
  const out: InterchangeAcknowledgement[] = [];
  for (const interchange of parseX12(text).interchanges) {
    for (const segment of interchange.ta1) {
      const status = required(segment, 4);
      if (status !== 'A' && status !== 'E' && status !== 'R') {
        throw new X12Error('INVALID_ELEMENT', 'TA1 acknowledgement code must be A, E or R', {
          segmentPosition: segment.position,
          segmentId: 'TA1',
          elementPosition: 4,
          expected: 'A/E/R',
          found: JSON.stringify(status),
        });
      }
      const noteCode = el(segment, 5);
      out.push({
        interchangeControlNumber: required(segment, 1),
        date: el(segment, 2),
        time: el(segment, 3),
        status,
        noteCode,
        note: TA1_NOTES[noteCode] ?? 'Unknown note code',
      });
    }
  }
  return out;
}

/** The TA1 for a received interchange. */
export function acknowledgeInterchangeEnvelope(
  received: X12Interchange,
  status: 'A' | 'E' | 'R' = 'A',
  noteCode = '000',
): InterchangeAcknowledgement {
  return {
    interchangeControlNumber: received.controlNumber,
    date: received.date,
    time: received.time,
    status,
    noteCode,
    note: TA1_NOTES[noteCode] ?? 'Unknown note code',
  };
}

/** Writes an interchange holding only the TA1 (IEA01 = 0 groups). */
export function writeTA1(
  ack: InterchangeAcknowledgement,
  options: { envelope: Omit<EnvelopeOptions, 'groupControlNumber'> },
): string {
  return writeTa1Interchange(options.envelope, (w) => {
    w.add('TA1', ack.interchangeControlNumber, ack.date, ack.time, ack.status, ack.noteCode);
  });
}
