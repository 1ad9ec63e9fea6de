import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import { auditActor, recordAudit } from '../audit/audit-log';
import { authenticateApiKey } from '../auth/api-keys';
import type { StaffActor } from '../auth/roles';
import { can } from '../auth/permissions';
import type { Database } from '../db/client';
import type { CodecAccessEvent } from './routes/codec-server';

/** Decides whether a request comes from someone allowed to read decoded payloads (an admin). */
export type CodecAuthorizer = (request: Request) => Promise<boolean>;

export const CODEC_SESSION_COOKIE = 'dermclaims_codec';

function sameSecret(a: string, b: string): boolean {
  // Constant time over fixed-length digests, whatever the lengths of the inputs.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** A request presented some credential (a header or a cookie): refusing it is a 403, not a 401. */
export function presentsCredential(request: Request): boolean {
  return Boolean(request.get('authorization') || request.get('cookie'));
}

export interface CodecTokenAccess {
  authorize: CodecAuthorizer;
  /** Browser sign-in: the Set-Cookie session for a correct token, null for a wrong one. */
  signIn(candidate: string, secure: boolean): string | null;
  signOut(secure: boolean): string;
}

/**
 * The embedded default: holders of the codec token (DERMCLAIMS_CODEC_TOKEN) may decode, with
 * `Authorization: Bearer <token>` (the Temporal CLI's --codec-auth, scripts) or with the session
 * cookie that signing in at /codec/login sets (the Temporal Web UI, "Include cross-origin
 * credentials"). The cookie holds an expiry and an HMAC of it under the token, so changing the
 * token ends every session. A deployment with users and roles passes its own CodecAuthorizer.
 */
export function codecTokenAccess(options: {
  token: string;
  sessionSeconds?: number;
  clock?: () => Date;
}): CodecTokenAccess {
  const sessionSeconds = options.sessionSeconds ?? 8 * 3600;
  const now = () => (options.clock ?? (() => new Date()))().getTime();
  const seal = (expires: number) =>
    createHmac('sha256', options.token).update(`codec-session:${expires}`).digest('base64url');
  const cookie = (value: string, maxAge: number, secure: boolean) =>
    `${CODEC_SESSION_COOKIE}=${value}; Path=/codec; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;

  const validSession = (value: string | undefined): boolean => {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!match) return false;
    const expires = Number(match[1]);
    return expires > now() && sameSecret(match[2]!, seal(expires));
  };

  return {
    async authorize(request) {
      const header = request.get('authorization') ?? '';
      if (header) return /^Bearer /i.test(header) && sameSecret(header.slice(7).trim(), options.token);
      return validSession(parseCookies(request.get('cookie') ?? '')[CODEC_SESSION_COOKIE]);
    },
    signIn(candidate, secure) {
      if (!sameSecret(candidate, options.token)) return null;
      const expires = now() + sessionSeconds * 1000;
      return cookie(`${expires}.${seal(expires)}`, sessionSeconds, secure);
    },
    signOut: (secure) => cookie('', 0, secure),
  };
}

/**
 * Staff API keys too: a key whose user's role holds `payloads.decode` (admins) may decode, so an
 * admin's own credential works with the Temporal CLI's --codec-auth. Anything else falls back to
 * the codec token or its browser session.
 */
export function withStaffKeys(
  db: Pick<Database, 'apiKey'>,
  fallback: CodecAuthorizer,
  clock: () => Date = () => new Date(),
): CodecAuthorizer {
  return async (request) => {
    const header = request.get('authorization') ?? '';
    const key = /^Bearer (dck_\S+)$/.exec(header)?.[1];
    if (!key) return fallback(request);
    const actor = await authenticateApiKey(db, key, clock());
    if (actor === null || !can(actor.role, 'payloads.decode')) return false;
    codecActors.set(request, actor);
    return true;
  };
}

const codecActors = new WeakMap<Request, StaffActor>();

/**
 * Every decode is a read of patient data: on the audit trail, as the admin whose key it was, or as
 * the holder of the codec token (a shared secret: the row names the address and browser).
 */
export function auditCodecAccess(db: Pick<Database, 'auditEvent'>) {
  return async (event: CodecAccessEvent): Promise<void> => {
    const actor = codecActors.get(event.request);
    await recordAudit(db, {
      ...auditActor(actor, 'codec-token'),
      action: `payloads.${event.action}`,
      resourceType: 'temporal-payloads',
      ip: event.request.ip,
      userAgent: event.request.get('user-agent')?.slice(0, 300),
      detail: { namespace: event.namespace ?? null, payloads: event.payloads },
      eventKey: `codec:${randomUUID()}`,
    });
  };
}
