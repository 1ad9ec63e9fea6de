import express, { type NextFunction, type Request, type Response } from 'express';
import type { ApiDependencies } from './dependencies';
import { buildOpenApiDocument } from './openapi';
import { codecServerRoutes } from './routes/codec-server';
import { codingPreviewRoutes } from './routes/coding-preview';
import { healthRoutes } from './routes/health';
import { officeRoutes } from './routes/office';
import { reviewRoutes } from './routes/review';
import { visitRoutes } from './routes/visits';
import { webhookRoutes } from './routes/webhook';

export type { ApiDependencies } from './dependencies';

/** The HTTP API: one router per area, then the 404 and error answers. */
export function createApiApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/openapi.json', (_req, res) => void res.json(buildOpenApiDocument()));
  app.use(healthRoutes(deps));
  if (deps.codecServer) app.use('/codec', codecServerRoutes(deps.codecServer, deps.logger));
  // Before the JSON parser: the webhook verifies its signature over the raw body.
  app.use(webhookRoutes(deps));
  app.use(express.json({ limit: '1mb' }));
  app.use(codingPreviewRoutes(deps));
  app.use(reviewRoutes(deps));
  app.use(visitRoutes(deps));
  app.use(officeRoutes(deps));

  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // The error itself: the logger's serializer keeps its type and code, never the values it quotes.
    deps.logger.error({ err: error }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
