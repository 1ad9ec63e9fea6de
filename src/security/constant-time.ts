import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret (token, digest) with the expected one in time that depends on
 * neither content nor length: both are hashed to 32 bytes first, then compared with
 * `timingSafeEqual`.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
