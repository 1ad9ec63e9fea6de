import express, { Router, type Request, type Response } from 'express';
import { parseVisitEvent, storeVisit, type IntakeResult } from '../../intake/receive-visit';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../intake/webhook-signature';
import { startVisitBilling } from '../../temporal/visit-workflows';
import { visitWorkflowId } from '../../visit-billing/messages';
import { documentationAmendedSignal } from '../../temporal/visit-messages';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { JSON_BODY_LIMIT, readJsonDocument } from '../json-body';

/** The EHR webhook: the raw body is needed to check the HMAC signature. */
export function webhookRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    '/v1/webhooks/visit-completed',
    // Before the signature check: an oversized body is refused (413) whether it is signed or not.
    express.raw({ type: () => true, limit: JSON_BODY_LIMIT }),
    route((req, res) => receiveVisitCompleted(deps, req, res)),
  );
  return router;
}

/** Signature, then strict UTF-8 + JSON, then the visit document: the first failure is the answer. */
function readVisitEvent(deps: ApiDependencies, req: Request, body: Buffer): [number, object] | IntakeResult {
  const signature = verifyWebhookSignature(
    deps.webhook.secret,
    body,
    req.get(SIGNATURE_HEADER),
    Math.floor(deps.clock().getTime() / 1000),
    deps.webhook.toleranceSeconds,
  );
  if (!signature.ok) return [401, { error: 'invalid signature', reason: signature.reason }];
  const charset = req.is('json') ? /charset=([^;]+)/i.exec(req.get('content-type') ?? '')?.[1] : undefined;
  if (charset && !/^"?utf-?8"?$/i.test(charset.trim()))
    return [
      415,
      {
        error: 'only UTF-8 bodies are accepted',
        problems: [{ path: '(body)', message: `charset ${charset}` }],
      },
    ];
  const document = readJsonDocument(body);
  if (!document.ok) return [400, { error: document.error, problems: document.problems }];
  return parseVisitEvent(document.value, { now: deps.clock() });
}

async function receiveVisitCompleted(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const parsed = readVisitEvent(deps, req, body);
  if (Array.isArray(parsed)) {
    res.status(parsed[0]).json(parsed[1]);
    return;
  }
  if (!parsed.ok) {
    res.status(400).json({ error: 'invalid visit-completed event', problems: parsed.problems });
    return;
  }
  const workflowId = visitWorkflowId(parsed.visit.visitId);
  const stored = await storeVisit(deps.db, parsed.visit, body, workflowId);
  if (!stored.ok) {
    // An idempotency key reused for something else: nothing stored, nothing started.
    res.status(409).json({ error: 'eventId already used', reason: stored.conflict });
    return;
  }
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
  // Findings name JSON paths only (never the values), so they may be logged.
  const cleaned = parsed.findings.map((f) => f.path);
  deps.logger.info(
    { visitId: parsed.visit.visitId, workflowId, duplicate, ...(cleaned.length ? { cleaned } : {}) },
    'visit-completed accepted',
  );
  res.status(202).json({
    visitId: parsed.visit.visitId,
    workflowId: started.workflowId,
    runId: started.runId,
    duplicate,
    // What intake cleaned (JSON paths and what was done, never the values): the EHR can fix its data.
    findings: parsed.findings,
    ...(amendment ? { amendment } : {}),
  });
}
