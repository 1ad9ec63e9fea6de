import type { RequestHandler } from 'express';
import { can, PERMISSIONS, type Permission } from '../auth/permissions';
import { resolveCredential } from '../api/auth';
import { auditTrail, type AuditSpec } from '../api/audit-trail';
import { credentialOf, setCredential } from '../api/credentials';
import type { ApiDependencies } from '../api/dependencies';
import { renderPage, type PageContext } from './render';

/** The page's context for the signed-in person (title and navigation entry). */
export function pageContext(
  req: Parameters<RequestHandler>[0],
  title: string,
  current?: string,
): PageContext {
  const credential = credentialOf(req);
  return {
    title,
    current,
    user: credential.actor,
    csrfToken: credential.via === 'session' ? credential.csrfToken : undefined,
  };
}

/** Only paths of this app after sign-in (no open redirect to another site). */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/(?![/\\])[\w\-/?=&.%]*$/.test(next) ? next : undefined;
}

/**
 * A page: signed in (else to the sign-in page, coming back here after), audited like the API, and
 * a 403 page when the role lacks the permission (the navigation never offers such a page).
 */
export function pageAccess(
  deps: ApiDependencies,
  permission: Permission,
  audit: AuditSpec,
): RequestHandler[] {
  const signedIn: RequestHandler = (req, res, next) => {
    resolveCredential(deps, req).then((credential) => {
      if (!credential) {
        res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      setCredential(req, credential);
      next();
    }, next);
  };
  const allowed: RequestHandler = (req, res, next) => {
    const context = pageContext(req, 'Not allowed');
    if (can(context.user!.role, permission)) return next();
    renderPage(res, 'forbidden', context, { role: context.user!.role, needs: PERMISSIONS[permission] }, 403);
  };
  return [signedIn, auditTrail(deps, audit), allowed];
}
