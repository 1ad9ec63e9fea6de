import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import type { StaffActor } from './roles';
import { randomToken, safeEqual, sha256Hex } from './tokens';

/**
 * API keys for scripts: `dck_<16 hex id>_<43-character secret>`. The id finds the row; only the
 * SHA-256 of the secret is stored (a 256-bit random secret needs no slow hash), compared in
 * constant time. The key itself is shown once, when it is issued.
 */
const KEY_PATTERN = /^dck_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** lastUsedAt is refreshed at most this often, so a busy script does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface IssuedApiKey {
  keyId: string;
  /** The full key: printed or returned once, never stored. */
  key: string;
}

type KeyStore = Pick<Database, 'apiKey'>;

export async function issueApiKey(db: KeyStore, userId: string, label?: string): Promise<IssuedApiKey> {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomToken();
  await db.apiKey.create({
    data: { id: keyId, userId, label: label ?? null, secretHash: sha256Hex(secret) },
  });
  return { keyId, key: `dck_${keyId}_${secret}` };
}

/** The actor a presented key belongs to, or null (malformed, unknown, revoked, or user disabled). */
export async function authenticateApiKey(
  db: Pick<Database, 'apiKey'>,
  presented: string,
  now: Date,
): Promise<StaffActor | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [, keyId, secret] = match as unknown as [string, string, string];
  const key = await db.apiKey.findUnique({ where: { id: keyId }, include: { user: true } });
  if (!key || !safeEqual(key.secretHash, sha256Hex(secret))) return null;
  if (key.revokedAt || key.user.disabledAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: keyId }, data: { lastUsedAt: now } });
  }
  return { userId: key.user.id, username: key.user.username, role: key.user.role };
}

/** Revokes a key (idempotent); false when there is no such key. */
export async function revokeApiKey(db: KeyStore, keyId: string, now: Date): Promise<boolean> {
  const key = await db.apiKey.findUnique({ where: { id: keyId } });
  if (!key) return false;
  if (!key.revokedAt) await db.apiKey.update({ where: { id: keyId }, data: { revokedAt: now } });
  return true;
}
