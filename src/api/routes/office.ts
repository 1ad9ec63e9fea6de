import { Router } from 'express';
import { loadRevenueCycleMetrics } from '../../metrics/revenue-cycle';
import { noteAudit } from '../audit-trail';
import { requirePermission } from '../auth';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { remittanceUploadHandler } from '../remittance-upload';

/** Back-office routes: ERA upload, the clearinghouse documents as received, revenue-cycle metrics. */
export function officeRoutes(deps: ApiDependencies): Router {
  const router = Router();
  const [parseRemittance, uploadRemittance] = remittanceUploadHandler(deps);
  router.post(
    '/v1/remittances',
    requirePermission(deps, 'remittances.upload', { action: 'remittance.upload' }),
    parseRemittance,
    route(uploadRemittance),
  );

  // `?problem=true` lists the documents that could not be read; `?findings=true` those the X12
  // validation reported anything about (a warning-only 835 is posted, and staff should see why).
  router.get(
    '/v1/inbound-documents',
    requirePermission(deps, 'documents.read', { action: 'inbound-documents.read' }),
    route(async (req, res) => {
      const onlyProblems = req.query.problem === 'true';
      const withFindings = req.query.findings === 'true';
      const documents = await deps.db.inboundDocument.findMany({
        where: {
          ...(onlyProblems ? { problem: { not: null } } : {}),
          ...(withFindings ? { findings: { isEmpty: false } } : {}),
        },
        select: { id: true, kind: true, problem: true, findings: true, receivedAt: true, storedAt: true },
        orderBy: { storedAt: 'desc' },
        take: 200,
      });
      noteAudit(req, { detail: { onlyProblems, withFindings, documentIds: documents.map((d) => d.id) } });
      res.json({ documents });
    }),
  );

  router.get(
    '/v1/metrics',
    requirePermission(deps, 'metrics.read', { action: 'metrics.read' }),
    route(async (_req, res) => {
      res.json(await loadRevenueCycleMetrics(deps.db, deps.clock()));
    }),
  );
  return router;
}
