import express, { Router, type Request, type Response } from 'express';
import { parseVisitEvent, storeVisit } from '../../intake/receive-visit';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../intake/webhook-signature';
import { startVisitBilling } from '../../temporal/visit-workflows';
import { visitWorkflowId } from '../../visit-billing/messages';
import { documentationAmendedSignal } from '../../temporal/visit-messages';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';

/** The EHR webhook: the raw body is needed to check the HMAC signature. */
export function webhookRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    '/v1/webhooks/visit-completed',
    express.raw({ type: '*/*', limit: '1mb' }),
    route((req, res) => receiveVisitCompleted(deps, req, res)),
  );
  return router;
}

async function receiveVisitCompleted(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const signature = verifyWebhookSignature(
    deps.webhook.secret,
    body,
    req.get(SIGNATURE_HEADER),
    Math.floor(deps.clock().getTime() / 1000),
    deps.webhook.toleranceSeconds,
  );
  if (!signature.ok) {
    res.status(401).json({ error: 'invalid signature', reason: signature.reason });
    return;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    res
      .status(400)
      .json({ error: 'body is not valid JSON', problems: [{ path: '(body)', message: 'invalid JSON' }] });
    return;
  }
  const parsed = parseVisitEvent(json);
  if (!parsed.ok) {
    res.status(400).json({ error: 'invalid visit-completed event', problems: parsed.problems });
    return;
  }
  const workflowId = visitWorkflowId(parsed.visit.visitId);
  const stored = await storeVisit(deps.db, parsed.visit, body, workflowId);
  const started = await startVisitBilling(deps.temporal, deps.taskQueue, parsed.visit.visitId, deps.timers);
  // Changed documentation for a visit already billing: its workflow decides what to do with it.
  const amendment = stored.amendedRevision
    ? await deps.temporal.workflow
        .getHandle(workflowId)
        .signal(documentationAmendedSignal, { revision: stored.amendedRevision })
        .then(
          () => ({ revision: stored.amendedRevision, delivered: true }),
          () => ({ revision: stored.amendedRevision, delivered: false }),
        )
    : undefined;
  const duplicate = stored.duplicateDelivery || !stored.newVisit;
  deps.logger.info({ visitId: parsed.visit.visitId, workflowId, duplicate }, 'visit-completed accepted');
  res.status(202).json({
    visitId: parsed.visit.visitId,
    workflowId: started.workflowId,
    runId: started.runId,
    duplicate,
    ...(amendment ? { amendment } : {}),
  });
}
