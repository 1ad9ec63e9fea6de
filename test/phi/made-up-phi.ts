import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

/**
 * Distinctive made-up patient data: if any of these strings turns up in a log, a history or a
 * search attribute, it leaked. None is a real person's.
 */
export const madeUpPhi = {
  firstName: 'Zebulon',
  lastName: 'Quixotefield',
  dateOfBirth: '1961-04-12',
  addressLine: '4417 Wombat Hollow Road',
  city: 'Quillsbury',
  memberId: 'ZQX-88412-WQ',
  /** Staff free text: a review note, who reported a pathology result. */
  note: 'Zebulon mentioned his sister Philippa Quixotefield pays the bill',
  reportedBy: 'Dr. Ottoline Brackenridge-Vex',
} as const;

/** The strings searched for (each distinctive enough not to occur by chance). */
export const phiNeedles: string[] = [
  madeUpPhi.lastName,
  madeUpPhi.firstName,
  madeUpPhi.dateOfBirth,
  madeUpPhi.dateOfBirth.replace(/-/g, ''), // CCYYMMDD as X12 writes it
  madeUpPhi.addressLine,
  madeUpPhi.city,
  madeUpPhi.memberId,
  'Philippa',
  'Brackenridge-Vex',
];

/** The needles found in a text, upper- or lower-case (X12 upper-cases names). */
export function phiFoundIn(text: string): string[] {
  const haystack = text.toLowerCase();
  return phiNeedles.filter((needle) => haystack.includes(needle.toLowerCase()));
}

/** A logger at trace level whose every line is kept, for reading back. */
export function capturingLogger(): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger('trace', sink), lines, text: () => lines.join('') };
}
