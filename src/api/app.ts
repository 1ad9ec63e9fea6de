import cookieParser from 'cookie-parser';
import express from 'express';
import { enforceContract } from './contract';
import type { ApiDependencies } from './dependencies';
import { jsonBodies } from './json-body';
import { buildOpenApiDocument } from './openapi';
import { defaultRateLimits, rateLimiters } from './rate-limit';
import { answerErrors } from './request-errors';
import { createPrometheusMetrics } from '../metrics/prometheus';
import { webRoutes } from '../web/routes';
import { adminRoutes } from './routes/admin';
import { amendmentCheckRoutes } from './routes/amendment-check';
import { codecServerRoutes } from './routes/codec-server';
import { codingPreviewRoutes } from './routes/coding-preview';
import { fhirNotificationRoutes } from './routes/fhir-notifications';
import { healthRoutes } from './routes/health';
import { hl7MessageRoutes } from './routes/hl7-messages';
import { officeRoutes } from './routes/office';
import { booksRoutes } from './routes/books';
import { patientBillingRoutes } from './routes/patient-billing';
import { prometheusRoutes } from './routes/prometheus';
import { reviewRoutes } from './routes/review';
import { remittanceRoutes } from './routes/remittances';
import { sessionRoutes } from './routes/session';
import { visitRoutes } from './routes/visits';
import { webhookRoutes } from './routes/webhook';

export type { ApiDependencies } from './dependencies';

/**
 * The HTTP API: rate limits and the published contract (405, query enums) first, then one router
 * per area, then the 404 and error answers. No client input reaches a 5xx.
 */
export function createApiApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  const openApi = buildOpenApiDocument();
  const prometheus = createPrometheusMetrics();
  // Express refuses app.use([]): with every limit turned off there is nothing to mount.
  for (const limiter of rateLimiters(deps.rateLimits ?? defaultRateLimits)) app.use(limiter);
  app.use(enforceContract(openApi));
  app.get('/openapi.json', (_req, res) => void res.json(openApi));
  app.use(healthRoutes(deps));
  if (deps.codecServer) app.use('/codec', codecServerRoutes(deps.codecServer, deps.logger));
  // Before the JSON parser: the webhook verifies its signature over the raw body.
  app.use('/v1/webhooks', prometheus.webhookTimer);
  app.use(webhookRoutes(deps));
  app.use(fhirNotificationRoutes(deps));
  app.use(hl7MessageRoutes(deps));
  app.use(jsonBodies());
  app.use(cookieParser());
  app.use(sessionRoutes(deps));
  app.use(adminRoutes(deps));
  app.use(codingPreviewRoutes(deps));
  app.use(reviewRoutes(deps));
  app.use(visitRoutes(deps));
  app.use(patientBillingRoutes(deps));
  app.use(officeRoutes(deps));
  app.use(booksRoutes(deps));
  app.use(remittanceRoutes(deps));
  app.use(amendmentCheckRoutes(deps));
  app.use(prometheusRoutes(deps, prometheus));
  app.use(webRoutes(deps));

  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  app.use(answerErrors(deps.logger));
  return app;
}
