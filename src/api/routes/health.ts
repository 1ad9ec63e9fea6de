import { Router } from 'express';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';

export function healthRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get(
    '/health',
    route(async (_req, res) => {
      const [database, temporal] = await Promise.all([
        deps.db.$queryRawUnsafe('SELECT 1').then(
          () => ({ ok: true }),
          (e: unknown) => ({ ok: false, error: String(e) }),
        ),
        deps.temporal.connection.workflowService.getSystemInfo({}).then(
          () => ({ ok: true }),
          (e: unknown) => ({ ok: false, error: String(e) }),
        ),
      ]);
      const ok = database.ok && temporal.ok;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
    }),
  );
  return router;
}
