import { Router } from 'express';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';

export function healthRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/health',
    route(async (_req, res) => {
      // The answer says only what is down; the reason goes to the (scrubbing) log, since driver
      // messages can carry host names, user names or query text.
      const down = (component: string) => (err: unknown) => {
        deps.logger.warn({ err, component }, 'health check failed');
        return { ok: false, error: 'unreachable' };
      };
      const [database, temporal] = await Promise.all([
        deps.db.$queryRawUnsafe('SELECT 1').then(() => ({ ok: true }), down('database')),
        deps.temporal.connection.workflowService
          .getSystemInfo({})
          .then(() => ({ ok: true }), down('temporal')),
      ]);
      const ok = database.ok && temporal.ok;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
    }),
  );
  return router;
}
