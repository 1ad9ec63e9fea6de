import { Router } from 'express';
import type { PrometheusMetrics } from '../../metrics/prometheus';
import { requirePermission } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';

/**
 * GET /metrics in the Prometheus text format. The business gauges are the practice's figures, so a
 * scraper signs in like anyone else: an API key of a user whose role may read metrics (Prometheus's
 * `authorization: { credentials_file: … }`), and each scrape is on the audit trail.
 */
export function prometheusRoutes(deps: ApiDependencies, metrics: PrometheusMetrics): Router {
  const router = Router();
  router.get(
    '/metrics',
    requirePermission(deps, 'metrics.read', { action: 'metrics.scrape' }),
    route(async (_req, res) => {
      const text = await metrics.scrape({ db: deps.db, temporal: deps.temporal, now: deps.clock() });
      res.type(metrics.registry.contentType).send(text);
    }),
  );
  return router;
}
