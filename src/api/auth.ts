import type { CookieOptions, NextFunction, Request, RequestHandler, Response } from 'express';
import { authenticateApiKey } from '../auth/api-keys';
import { can, PERMISSIONS, rolesWith, type Permission } from '../auth/permissions';
import { defaultSessionPolicy, findSession, type SessionPolicy } from '../auth/sessions';
import { safeEqual } from '../auth/tokens';
import { auditTrail, type AuditSpec } from './audit-trail';
import { actorOf, setCredential, type Credential } from './credentials';
import type { ApiDependencies } from './dependencies';

export interface AuthPolicy {
  session: SessionPolicy;
  /** `auto`: Secure cookies unless the request's host is localhost / a loopback address. */
  secureCookies: 'auto' | boolean;
  /** Refused sign-ins allowed per address and username in a window, before 429 (successes do not count). */
  signInFailures?: { windowMs: number; limit: number };
}

export const defaultSignInFailures = { windowMs: 15 * 60_000, limit: 10 };

export const defaultAuthPolicy: AuthPolicy = {
  session: defaultSessionPolicy,
  secureCookies: 'auto',
  signInFailures: defaultSignInFailures,
};

/** Cookie-authenticated requests that change state must echo the session's CSRF token here. */
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

type AuthDeps = Pick<ApiDependencies, 'db' | 'clock' | 'logger' | 'auth'>;

const policyOf = (deps: Pick<ApiDependencies, 'auth'>): AuthPolicy => deps.auth ?? defaultAuthPolicy;

/** Name and attributes of the session cookie: HttpOnly, SameSite=Strict, Secure off localhost. */
export function sessionCookie(
  deps: Pick<ApiDependencies, 'auth'>,
  req: Request,
): { name: string; options: CookieOptions } {
  const policy = policyOf(deps);
  const secure = policy.secureCookies === 'auto' ? !LOOPBACK.test(req.hostname) : policy.secureCookies;
  // __Host-: the browser only accepts it Secure, for this host, on path / (no cookie tossing).
  return {
    name: secure ? '__Host-dermclaims_session' : 'dermclaims_session',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
  };
}

/** The caller's credential (API key or session cookie), or null; the web pages ask this to redirect to sign-in. */
export async function resolveCredential(deps: AuthDeps, req: Request): Promise<Credential | null> {
  const header = req.get('authorization');
  if (header !== undefined) {
    const bearer = /^Bearer +(\S+)$/i.exec(header);
    const actor = bearer ? await authenticateApiKey(deps.db, bearer[1]!, deps.clock()) : null;
    return actor ? { via: 'api-key', actor } : null;
  }
  const cookies = (req as { cookies?: Record<string, unknown> }).cookies ?? {};
  const token = cookies[sessionCookie(deps, req).name];
  if (typeof token !== 'string' || token.length === 0 || token.length > 128) return null;
  const session = await findSession(deps.db, token, policyOf(deps).session, deps.clock());
  return session ? { via: 'session', token, ...session } : null;
}

function unauthenticated(res: Response, presented: boolean): void {
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer realm="dermclaims"')
    .json({
      error: presented
        ? 'the API key or session is not valid (unknown, revoked or expired)'
        : 'sign in: "Authorization: Bearer <API key>", or the session cookie from POST /v1/session',
    });
}

/**
 * Who is calling: an API key (`Authorization: Bearer dck_…`) or the session cookie. Anything else
 * is a 401. A cookie-authenticated request that changes state must carry the session's CSRF token
 * in X-CSRF-Token (the cookie is sent by the browser on its own; the header is not).
 */
export function authenticate(deps: AuthDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    resolveCredential(deps, req).then((credential) => {
      if (!credential) {
        unauthenticated(res, req.get('authorization') !== undefined || Boolean(req.get('cookie')));
        return;
      }
      if (credential.via === 'session' && !SAFE_METHODS.has(req.method)) {
        if (!safeEqual(req.get(CSRF_HEADER) ?? '', credential.csrfToken)) {
          deps.logger.warn({ method: req.method, path: req.path }, 'cookie request without its CSRF token');
          res
            .status(403)
            .json({ error: `a signed-in browser request that changes state needs ${CSRF_HEADER}` });
          return;
        }
      }
      setCredential(req, credential);
      next();
    }, next);
  };
}

/** 403 unless the caller's role holds the permission (the request is audited either way). */
export function authorize(permission: Permission): RequestHandler {
  return (req, res, next) => {
    const { role } = actorOf(req);
    if (can(role, permission)) return next();
    forbidden(res, role, [{ permission, roles: rolesWith(permission) }]);
  };
}

export function forbidden(
  res: Response,
  role: string,
  missing: Array<{ permission: Permission; roles: string[]; because?: string }>,
): void {
  res.status(403).json({
    error: `the ${role} role may not ${missing.map((m) => PERMISSIONS[m.permission]).join(', nor ')}`,
    missing,
  });
}

/**
 * A staff route: authenticated (401 otherwise), audited (who, what, from where, outcome), and
 * allowed only to roles with the permission (403 otherwise, nothing changed).
 */
export function requirePermission(
  deps: AuthDeps,
  permission: Permission,
  audit: AuditSpec,
): RequestHandler[] {
  return [authenticate(deps), auditTrail(deps, audit), authorize(permission)];
}
