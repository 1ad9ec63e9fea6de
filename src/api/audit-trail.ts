import type { Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditOutcome } from '../audit/audit-log';
import type { ApiDependencies } from './dependencies';
import { actorOf } from './credentials';

/** What an audited request is about. */
export interface AuditTarget {
  visitId?: string;
  claimId?: string;
  resourceType?: string;
  resourceId?: string;
  detail?: Record<string, unknown>;
}

export interface AuditSpec {
  /** e.g. "visit.read", "review.decide", "api-key.revoke". */
  action: string;
  /** The target named by the request's path (a visit id, a user id…). */
  target?: (req: Request) => AuditTarget;
}

const notes = new WeakMap<Request, AuditTarget>();

/** Lets a handler add what it learned (the visits a list returned, the document an upload stored). */
export function noteAudit(req: Request, target: AuditTarget): void {
  const before = notes.get(req) ?? {};
  notes.set(req, { ...before, ...target, detail: { ...before.detail, ...target.detail } });
}

function outcomeOf(status: number): AuditOutcome {
  if (status >= 500) return 'failed';
  if (status === 403) return 'denied';
  if (status >= 400) return 'rejected';
  return 'succeeded';
}

const bounded = (text: string | undefined, max: number) =>
  text === undefined ? undefined : text.slice(0, max);

/**
 * Writes one audit row for an authenticated staff request before its answer goes out: who (from
 * the credential), what, which visit or resource, from where (IP, user agent) and the outcome. If
 * the row cannot be written the answer is a 500 and nothing the request read is sent. Mounted
 * after authentication, so an unauthenticated caller can never write to the trail.
 */
export function auditTrail(
  deps: Pick<ApiDependencies, 'db' | 'logger' | 'clock'>,
  spec: AuditSpec,
): RequestHandler {
  return (req, res, next) => {
    const fromPath = spec.target?.(req) ?? {};
    const send = res.send.bind(res);
    let written = false;
    res.send = (body?: unknown) => {
      if (written) return send(body);
      written = true;
      const target = {
        ...fromPath,
        ...notes.get(req),
        detail: { ...fromPath.detail, ...notes.get(req)?.detail },
      };
      const actor = actorOf(req);
      recordAudit(deps.db, {
        actor: actor.username,
        actorUserId: actor.userId,
        actorRole: actor.role,
        action: spec.action,
        visitId: bounded(target.visitId, 128),
        claimId: bounded(target.claimId, 128),
        resourceType: target.resourceType,
        resourceId: bounded(target.resourceId, 128),
        outcome: outcomeOf(res.statusCode),
        ip: req.ip,
        userAgent: bounded(req.get('user-agent'), 256),
        detail: { method: req.method, route: routeOf(req), status: res.statusCode, ...target.detail },
        eventKey: `api:${randomUUID()}`,
        at: deps.clock(),
      }).then(
        () => send(body),
        (error: unknown) => refuse(deps, res, send, error),
      );
      return res;
    };
    next();
  };
}

function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? route : req.path;
}

function refuse(
  deps: Pick<ApiDependencies, 'logger'>,
  res: Response,
  send: Response['send'],
  error: unknown,
) {
  deps.logger.error({ err: error instanceof Error ? error.name : 'error' }, 'audit trail write failed');
  res.status(500).type('application/json');
  send(JSON.stringify({ error: 'internal error' }));
}
