import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * Passwords are hashed with Argon2id (@node-rs/argon2's defaults: 19 MiB, 2 passes, 1 lane, the
 * OWASP baseline) and stored as PHC strings. Long enough to resist guessing; bounded so a huge
 * body cannot make the server hash megabytes.
 */
export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(256, 'at most 256 characters');

export async function hashPassword(password: string): Promise<string> {
  return hash(PasswordSchema.parse(password));
}

let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown user, or no password set) it
 * still spends the time of one verification, so the answer's timing does not tell who exists.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  decoy ??= hash('dermclaims decoy password');
  const against = stored ?? (await decoy);
  const ok = await verify(against, password).catch(() => false);
  return ok && stored !== null && stored !== undefined;
}
