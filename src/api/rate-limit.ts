import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';

/** Requests allowed per client IP per window, for each group of routes; 0 turns a group's limit off. */
export interface RateLimits {
  windowSeconds: number;
  /** The EHR webhook. */
  webhook: number;
  /** Staff endpoints (review, visits, remittances, documents, metrics). */
  staff: number;
  /** Everything else: coding preview, health, the OpenAPI document, unknown paths. */
  public: number;
}

/** Generous: far above what an EHR, a billing office, the demo or the tests send. */
export const defaultRateLimits: RateLimits = { windowSeconds: 60, webhook: 1200, staff: 600, public: 300 };

export type RouteGroup = Exclude<keyof RateLimits, 'windowSeconds'>;

const STAFF_PREFIXES = [
  '/v1/review-tasks',
  '/v1/visits',
  '/v1/remittances',
  '/v1/inbound-documents',
  '/v1/metrics',
  '/v1/reports',
  '/v1/deposits',
];

export function routeGroup(path: string): RouteGroup {
  const lower = path.toLowerCase();
  if (lower.startsWith('/v1/webhooks/')) return 'webhook';
  if (STAFF_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`))) return 'staff';
  return 'public';
}

/** One limiter per group (separate counters), each answering 429 with Retry-After. */
export function rateLimiters(limits: RateLimits): RequestHandler[] {
  const groups: RouteGroup[] = ['webhook', 'staff', 'public'];
  return groups
    .filter((group) => limits[group] > 0)
    .map((group) =>
      rateLimit({
        windowMs: limits.windowSeconds * 1000,
        limit: limits[group],
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        identifier: group,
        skip: (req: Request) => routeGroup(req.path) !== group,
        handler: (_req, res, _next, options) => {
          res.status(options.statusCode).json({
            error: `too many requests: at most ${limits[group]} per ${limits.windowSeconds}s for these endpoints; retry after the Retry-After header's seconds`,
          });
        },
      }),
    );
}
