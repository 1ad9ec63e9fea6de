import { transliterate } from 'transliteration';

/**
 * Text as X12 carries it: letters outside the character set transliterated (é → e, ñ → n,
 * ß → ss, “ ” → "), line breaks and other control characters turned into single spaces, and what
 * the extended character set still lacks (` and anything the transliteration leaves) replaced by a space.
 * The database keeps the original; only what is written changes.
 */
export function toX12Characters(value: string): string {
  if (isPlain(value)) return value;
  const ascii = transliterate(value, { unknown: ' ' });
  let out = '';
  for (let i = 0; i < ascii.length; i += 1) {
    const char = ascii[i] as string;
    out += ALLOWED.has(char) ? char : ' ';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Text cut to `max` characters without leaving a trailing space. */
export function truncateX12(value: string, max: number): string {
  return value.length <= max ? value : value.slice(0, max).trimEnd();
}

/** X12 extended character set: letters, digits, space and these specials. */
const SPECIALS = '!"&\'()*+,-./:;?=%@[]_{}\\|<>~^#$';
const ALLOWED = new Set<string>([
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ',
  ...SPECIALS,
]);

function isPlain(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 32 || code > 126 || code === 96) return false;
  }
  return true;
}

/**
 * Maximum lengths (X12 005010) of the free-text elements our writers fill from people's data:
 * names, addresses, contacts, messages. Longer text is cut, without a trailing space.
 */
export const TEXT_ELEMENT_MAX_LENGTH: Readonly<Record<string, number>> = {
  NM103: 60,
  NM104: 35,
  NM105: 25,
  NM107: 10,
  N102: 60,
  N301: 55,
  N302: 55,
  N401: 30,
  PER02: 60,
  NTE02: 80,
  MSG01: 264,
  STC12: 264,
  REF02: 50,
  SBR03: 50,
  SBR04: 60,
};
