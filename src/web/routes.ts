import { Router } from 'express';
import { resolveCredential } from '../api/auth';
import type { ApiDependencies } from '../api/dependencies';
import { route } from '../api/http';
import { assetRoutes } from './assets';
import { homeFor } from './navigation';
import { safeNext } from './page-access';
import { claimPages } from './pages/claim';
import { claimListPages } from './pages/claims';
import { dashboardPages } from './pages/dashboard';
import { otherWorklistPages } from './pages/other-worklists';
import { taskWorklistPages } from './pages/queue';
import { renderPage } from './render';

/**
 * The billing office in a browser: server-rendered pages over the same database, workflow queries
 * and permissions as the API. Decisions go through the API itself (POST /v1/visits/…/review-decision),
 * so the page and a script are refused in exactly the same way.
 */
export function webRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.use(assetRoutes());
  router.get(
    '/',
    route(async (req, res) => {
      const credential = await resolveCredential(deps, req);
      res.redirect(303, credential ? homeFor(credential.actor.role) : '/sign-in');
    }),
  );
  router.get(
    '/sign-in',
    route(async (req, res) => {
      const credential = await resolveCredential(deps, req);
      const next = safeNext(req.query.next);
      if (credential) {
        res.redirect(303, next ?? homeFor(credential.actor.role));
        return;
      }
      renderPage(res, 'sign-in', { title: 'Sign in' }, { next: next ?? '' });
    }),
  );
  taskWorklistPages(router, deps);
  otherWorklistPages(router, deps);
  claimListPages(router, deps);
  claimPages(router, deps);
  dashboardPages(router, deps);
  return router;
}
