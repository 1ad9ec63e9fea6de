import type { Database } from '../db/client';
import type { StaffActor } from './roles';
import { randomToken, sha256Hex } from './tokens';

/** How long a browser session lives: at most `ttlMs` after login, and `idleMs` after its last use. */
export interface SessionPolicy {
  ttlMs: number;
  idleMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { ttlMs: 8 * 3600_000, idleMs: 30 * 60_000 };

/** lastSeenAt is refreshed at most this often (the idle timeout is measured in minutes). */
const LAST_SEEN_RESOLUTION_MS = 15_000;

export interface StartedSession {
  /** Goes into the cookie only; the database keeps its SHA-256. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  actor: StaffActor;
  csrfToken: string;
  /** When the session ends if it stays idle (never after the absolute expiry). */
  expiresAt: Date;
}

type SessionStore = Pick<Database, 'webSession'>;

export async function startSession(
  db: SessionStore,
  userId: string,
  policy: SessionPolicy,
  now: Date,
  from: { ip?: string; userAgent?: string },
): Promise<StartedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + policy.ttlMs);
  await db.webSession.create({
    data: {
      id: sha256Hex(token),
      userId,
      csrfToken,
      lastSeenAt: now,
      expiresAt,
      ip: from.ip ?? null,
      userAgent: from.userAgent?.slice(0, 256) ?? null,
    },
  });
  return { token, csrfToken, expiresAt: idleExpiry(expiresAt, now, policy) };
}

function idleExpiry(expiresAt: Date, lastSeenAt: Date, policy: SessionPolicy): Date {
  return new Date(Math.min(expiresAt.getTime(), lastSeenAt.getTime() + policy.idleMs));
}

/** The live session for a cookie token, or null (unknown, logged out, expired, idle, user disabled). */
export async function findSession(
  db: SessionStore,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<ActiveSession | null> {
  const id = sha256Hex(token);
  const session = await db.webSession.findUnique({ where: { id }, include: { user: true } });
  if (!session || session.revokedAt || session.user.disabledAt) return null;
  if (idleExpiry(session.expiresAt, session.lastSeenAt, policy) <= now) return null;
  let lastSeenAt = session.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    lastSeenAt = now;
    await db.webSession.update({ where: { id }, data: { lastSeenAt } });
  }
  const { user } = session;
  return {
    actor: { userId: user.id, username: user.username, role: user.role },
    csrfToken: session.csrfToken,
    expiresAt: idleExpiry(session.expiresAt, lastSeenAt, policy),
  };
}

/** Logs a session out (idempotent). */
export async function endSession(db: SessionStore, token: string, now: Date): Promise<void> {
  await db.webSession.updateMany({
    where: { id: sha256Hex(token), revokedAt: null },
    data: { revokedAt: now },
  });
}

/**
 * Deletes sessions that can no longer be used (logged out, past their expiry, or idle too long),
 * so the table holds live sessions only; sign-ins and logouts stay on the audit trail.
 */
export async function purgeEndedSessions(
  db: SessionStore,
  policy: SessionPolicy,
  now: Date,
): Promise<number> {
  const { count } = await db.webSession.deleteMany({
    where: {
      OR: [
        { revokedAt: { not: null } },
        { expiresAt: { lte: now } },
        { lastSeenAt: { lte: new Date(now.getTime() - policy.idleMs) } },
      ],
    },
  });
  return count;
}
