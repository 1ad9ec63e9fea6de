import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The project's own X12 fixtures, written by hand from the 5010 implementation guides. */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures/x12');

/**
 * A fixture's text. The files keep one segment per line for reading; `compact` (the default) joins
 * them the way clearinghouses usually send X12, so tests can edit segments by their terminator.
 */
export function readFixture(name: string, options: { compact?: boolean } = {}): string {
  const text = readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
  return options.compact === false ? text : text.replace(/~\r?\n/g, '~');
}
