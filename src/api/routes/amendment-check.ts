import { Router, type Request, type Response } from 'express';
import { checkAmendedCodes } from '../../review/amendment-rules';
import { requirePermission } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { AmendmentCheckSchema, problemsOf, VisitIdParamSchema } from '../schemas';
import { readVisitState } from '../visit-state';

/**
 * The coding rules an amendment must pass, asked while a biller types: the same rules the
 * workflow applies when the amendment arrives (src/review/amendment-rules.ts). Nothing is sent.
 */
export function amendmentCheckRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    '/v1/visits/:visitId/amendment-check',
    requirePermission(deps, 'review.decide', {
      action: 'amendment.check',
      target: (req) => ({ visitId: String(req.params.visitId) }),
    }),
    route((req, res) => checkAmendment(deps, req, res)),
  );
  return router;
}

async function checkAmendment(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
  const body = AmendmentCheckSchema.safeParse(req.body);
  if (!visitId.success || !body.success) {
    res.status(400).json({
      error: 'invalid amendment',
      problems: body.success ? [{ path: 'visitId', message: 'invalid visit id' }] : problemsOf(body.error),
    });
    return;
  }
  const visit = await deps.db.visit.findUnique({
    where: { id: visitId.data },
    select: { dateOfService: true },
  });
  if (!visit) {
    res.status(404).json({ error: `visit ${visitId.data} not found` });
    return;
  }
  const state = await readVisitState(deps, visitId.data, res);
  if (!state) return;
  const problems = checkAmendedCodes(body.data.lines, body.data.diagnosisCodes ?? state.diagnosisCodes, {
    feeSchedule: deps.feeSchedule,
    dateOfService: visit.dateOfService.toISOString().slice(0, 10),
  });
  res.json({ accepted: problems.length === 0, problems });
}
