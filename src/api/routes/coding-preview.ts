import { Router } from 'express';
import { buildCodingOptions, codeVisit } from '../../coding';
import { parseVisitEvent } from '../../intake/receive-visit';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';

/** Integrators preview the coding of a visit document; nothing is stored or started. */
export function codingPreviewRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    '/v1/coding/preview',
    route(async (req, res) => {
      const parsed = parseVisitEvent(req.body, { now: deps.clock() });
      if (!parsed.ok) {
        res.status(400).json({ error: 'invalid visit-completed event', problems: parsed.problems });
        return;
      }
      try {
        res.json(codeVisit(parsed.visit, buildCodingOptions({ feeSchedule: deps.feeSchedule })));
      } catch (error) {
        const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
        if (!Array.isArray(issues)) throw error;
        res.status(422).json({ error: 'the documentation cannot be coded', problems: issues });
      }
    }),
  );
  return router;
}
