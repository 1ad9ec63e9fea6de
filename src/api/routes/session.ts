import { Router, type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditActor, recordAudit } from '../../audit/audit-log';
import { verifyPassword } from '../../auth/passwords';
import { endSession, purgeEndedSessions, startSession } from '../../auth/sessions';
import { auditTrail } from '../audit-trail';
import { authenticate, defaultAuthPolicy, defaultSignInFailures, sessionCookie } from '../auth';
import { credentialOf } from '../credentials';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { problemsOf } from '../schemas';

export const LoginSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Password sign-in for the web pages: a session cookie plus the CSRF token the pages send back. */
export function sessionRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    '/v1/session',
    signInThrottle(deps),
    route((req, res) => login(deps, req, res)),
  );
  router.get('/v1/session', authenticate(deps), (req, res) => {
    const credential = credentialOf(req);
    res.json({
      user: credential.actor,
      via: credential.via,
      ...(credential.via === 'session'
        ? { csrfToken: credential.csrfToken, expiresAt: credential.expiresAt.toISOString() }
        : {}),
    });
  });
  router.delete(
    '/v1/session',
    authenticate(deps),
    auditTrail(deps, { action: 'session.logout', target: () => ({ resourceType: 'session' }) }),
    route(async (req, res) => {
      const credential = credentialOf(req);
      if (credential.via !== 'session') {
        res.status(409).json({ error: 'an API key has no session to end; an admin revokes keys' });
        return;
      }
      await endSession(deps.db, credential.token, deps.clock());
      const cookie = sessionCookie(deps, req);
      res.clearCookie(cookie.name, cookie.options).status(204).send();
    }),
  );
  return router;
}

/**
 * Password guessing is slowed per address and username: after `limit` refused sign-ins in the
 * window, 429 until it passes (a correct password does not count, so a busy office is never locked).
 */
function signInThrottle(deps: Pick<ApiDependencies, 'auth'>): RequestHandler {
  const { windowMs, limit } = (deps.auth ?? defaultAuthPolicy).signInFailures ?? defaultSignInFailures;
  return rateLimit({
    windowMs,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: 'sign-in',
    keyGenerator: (req) => {
      const username = (req.body as { username?: unknown } | undefined)?.username;
      return `${ipKeyGenerator(req.ip ?? '')}|${typeof username === 'string' ? username.toLowerCase() : ''}`;
    },
    handler: (_req, res) => {
      res.status(429).json({
        error: `too many refused sign-ins: at most ${limit} per ${Math.round(windowMs / 60_000)} minutes for this address and username; retry after the Retry-After header's seconds`,
      });
    },
  });
}

async function login(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const body = LoginSchema.safeParse(req.body);
  if (!body.success) {
    res.status(400).json({ error: 'invalid sign-in', problems: problemsOf(body.error) });
    return;
  }
  const user = await deps.db.user.findUnique({ where: { username: body.data.username } });
  const usable = user && !user.disabledAt ? user : null;
  // Always one password verification, so timing does not tell which usernames exist.
  const ok = await verifyPassword(usable?.passwordHash, body.data.password);
  if (!usable || !ok) {
    deps.logger.warn({ event: 'sign-in refused' }, 'sign-in refused');
    res.status(401).json({ error: 'wrong username or password' });
    return;
  }
  const now = deps.clock();
  const from = { ip: req.ip, userAgent: req.get('user-agent') };
  const policy = (deps.auth ?? defaultAuthPolicy).session;
  await purgeEndedSessions(deps.db, policy, now);
  const session = await startSession(deps.db, usable.id, policy, now, from);
  const actor = { userId: usable.id, username: usable.username, role: usable.role };
  await recordAudit(deps.db, {
    ...auditActor(actor, usable.username),
    action: 'session.login',
    resourceType: 'session',
    ip: from.ip,
    userAgent: from.userAgent?.slice(0, 256),
    detail: { expiresAt: session.expiresAt.toISOString() },
    eventKey: `api:${randomUUID()}`,
    at: now,
  });
  const cookie = sessionCookie(deps, req);
  // A browser-session cookie (no Expires): the server ends the session at its expiry anyway.
  res
    .cookie(cookie.name, session.token, cookie.options)
    .status(201)
    .json({ user: actor, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
}
