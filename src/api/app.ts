import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiDependencies } from './dependencies';
import { buildOpenApiDocument } from './openapi';
import { adminRoutes } from './routes/admin';
import { codingPreviewRoutes } from './routes/coding-preview';
import { healthRoutes } from './routes/health';
import { officeRoutes } from './routes/office';
import { reviewRoutes } from './routes/review';
import { sessionRoutes } from './routes/session';
import { visitRoutes } from './routes/visits';
import { webhookRoutes } from './routes/webhook';

export type { ApiDependencies } from './dependencies';

/** The HTTP API: one router per area, then the 404 and error answers. */
export function createApiApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.get('/openapi.json', (_req, res) => void res.json(buildOpenApiDocument()));
  app.use(healthRoutes(deps));
  // Before the JSON parser: the webhook verifies its signature over the raw body.
  app.use(webhookRoutes(deps));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(sessionRoutes(deps));
  app.use(adminRoutes(deps));
  app.use(codingPreviewRoutes(deps));
  app.use(reviewRoutes(deps));
  app.use(visitRoutes(deps));
  app.use(officeRoutes(deps));

  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
