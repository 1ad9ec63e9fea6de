import type { Client } from '@temporalio/client';
import express, { type NextFunction, type Request, type Response } from 'express';
import { codeVisit, type FeeSchedule } from '../coding';
import type { Database } from '../db/client';
import { parseVisitEvent, storeVisit } from '../intake/receive-visit';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../intake/webhook-signature';
import type { Logger } from '../logger';
import { loadRevenueCycleMetrics } from '../metrics/revenue-cycle';
import { queryVisitState, startVisitBilling } from '../temporal/visit-workflows';
import {
  documentationAmendedSignal,
  pathologyResultSignal,
  reviewDecisionSignal,
  visitWorkflowId,
  type BillingTimers,
  type ReviewDecision,
} from '../../workflows/messages';
import { buildOpenApiDocument } from './openapi';
import { remittanceUploadHandler } from './remittance-upload';
import { PathologyResultSchema, problemsOf, ReviewDecisionSchema, VisitIdParamSchema } from './schemas';

export interface ApiDependencies {
  db: Database;
  temporal: Client;
  taskQueue: string;
  timers: BillingTimers;
  feeSchedule: FeeSchedule;
  webhook: { secret: string; toleranceSeconds: number };
  /** Bearer token for staff endpoints (review queue, decisions, claim state, metrics). */
  staffToken: string;
  logger: Logger;
  clock: () => Date;
}

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) =>
  handler(req, res).catch(next);

export function createApiApp(deps: ApiDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');

  const requireStaff = (req: Request, res: Response, next: NextFunction) => {
    if (req.get('authorization') !== `Bearer ${deps.staffToken}`) {
      res.status(401).json({ error: 'staff endpoints need "Authorization: Bearer <STAFF_API_TOKEN>"' });
      return;
    }
    next();
  };

  app.get('/openapi.json', (_req, res) => void res.json(buildOpenApiDocument()));

  app.get(
    '/health',
    route(async (_req, res) => {
      const [database, temporal] = await Promise.all([
        deps.db.$queryRawUnsafe('SELECT 1').then(
          () => ({ ok: true }),
          (e: unknown) => ({ ok: false, error: String(e) }),
        ),
        deps.temporal.connection.workflowService.getSystemInfo({}).then(
          () => ({ ok: true }),
          (e: unknown) => ({ ok: false, error: String(e) }),
        ),
      ]);
      const ok = database.ok && temporal.ok;
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
    }),
  );

  // The EHR webhook: the raw body is needed to check the HMAC signature.
  app.post(
    '/v1/webhooks/visit-completed',
    express.raw({ type: '*/*', limit: '1mb' }),
    route(async (req, res) => {
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
      const started = await startVisitBilling(
        deps.temporal,
        deps.taskQueue,
        parsed.visit.visitId,
        deps.timers,
      );
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
      deps.logger.info(
        {
          visitId: parsed.visit.visitId,
          workflowId,
          duplicate: stored.duplicateDelivery || !stored.newVisit,
        },
        'visit-completed accepted',
      );
      res.status(202).json({
        visitId: parsed.visit.visitId,
        workflowId: started.workflowId,
        runId: started.runId,
        duplicate: stored.duplicateDelivery || !stored.newVisit,
        ...(amendment ? { amendment } : {}),
      });
    }),
  );

  app.use(express.json({ limit: '1mb' }));

  // Integrators preview the coding of a visit document; nothing is stored or started.
  app.post(
    '/v1/coding/preview',
    route(async (req, res) => {
      const parsed = parseVisitEvent(req.body);
      if (!parsed.ok) {
        res.status(400).json({ error: 'invalid visit-completed event', problems: parsed.problems });
        return;
      }
      try {
        res.json(codeVisit(parsed.visit, { feeSchedule: deps.feeSchedule }));
      } catch (error) {
        const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues;
        if (!Array.isArray(issues)) throw error;
        res.status(422).json({ error: 'the documentation cannot be coded', problems: issues });
      }
    }),
  );

  app.get(
    '/v1/review-tasks',
    requireStaff,
    route(async (req, res) => {
      const status = req.query.status === 'resolved' ? 'resolved' : 'open';
      const tasks = await deps.db.reviewTask.findMany({
        where: { status },
        orderBy: { createdAt: 'asc' },
        take: 500,
      });
      res.json({
        tasks: tasks.map((t) => ({
          taskId: t.id,
          visitId: t.visitId,
          kind: t.kind,
          reasons: t.reasons,
          status: t.status,
          remindersSent: t.remindersSent,
          createdAt: t.createdAt,
          resolvedBy: t.resolvedBy,
        })),
      });
    }),
  );

  app.get(
    '/v1/visits/:visitId',
    requireStaff,
    route(async (req, res) => {
      const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
      if (!visitId.success) {
        res.status(400).json({ error: 'invalid visit id' });
        return;
      }
      const visit = await deps.db.visit.findUnique({
        where: { id: visitId.data },
        include: {
          claims: { include: { lines: true, statusEvents: true, payments: true, adjustments: true } },
          ledgerEntries: { orderBy: { createdAt: 'asc' } },
          statements: true,
          reviewTasks: true,
        },
      });
      if (!visit) {
        res.status(404).json({ error: `visit ${visitId.data} not found` });
        return;
      }
      const workflow = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
      const balance = (account: string) =>
        visit.ledgerEntries.filter((e) => e.account === account).reduce((s, e) => s + e.amountCents, 0);
      res.json({
        visitId: visit.id,
        status: visit.status,
        dateOfService: visit.dateOfService.toISOString().slice(0, 10),
        payerId: visit.payerId,
        workflowId: visit.workflowId,
        workflow,
        claims: visit.claims,
        ledger: {
          insuranceBalanceCents: balance('INSURANCE_AR'),
          patientBalanceCents: balance('PATIENT_AR'),
          entries: visit.ledgerEntries,
        },
        statements: visit.statements,
        reviewTasks: visit.reviewTasks,
      });
    }),
  );

  app.post(
    '/v1/visits/:visitId/review-decision',
    requireStaff,
    route(async (req, res) => {
      const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
      const decision = ReviewDecisionSchema.safeParse(req.body);
      if (!visitId.success || !decision.success) {
        res.status(400).json({
          error: 'invalid review decision',
          problems: decision.success
            ? [{ path: 'visitId', message: 'invalid visit id' }]
            : problemsOf(decision.error),
        });
        return;
      }
      const state = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
      if (!state) {
        res.status(404).json({ error: `no running billing workflow for visit ${visitId.data}` });
        return;
      }
      if (!state.openReview) {
        res.status(409).json({ error: 'this visit has no open review', status: state.status });
        return;
      }
      if (decision.data.diagnosisCodes === undefined && decision.data.lines) {
        const tooHigh = decision.data.lines.find((l) =>
          l.diagnosisPointers.some((p) => p > state.diagnosisCodes.length),
        );
        if (tooHigh) {
          res.status(400).json({
            error: 'invalid review decision',
            problems: [
              {
                path: 'lines',
                message: `${tooHigh.code} points past the ${state.diagnosisCodes.length} diagnoses`,
              },
            ],
          });
          return;
        }
      }
      await deps.temporal.workflow
        .getHandle(visitWorkflowId(visitId.data))
        .signal(reviewDecisionSignal, decision.data as ReviewDecision);
      res
        .status(202)
        .json({ visitId: visitId.data, taskId: state.openReview.taskId, action: decision.data.action });
    }),
  );

  app.post(
    '/v1/visits/:visitId/pathology-results',
    requireStaff,
    route(async (req, res) => {
      const visitId = VisitIdParamSchema.safeParse(req.params.visitId);
      const result = PathologyResultSchema.safeParse(req.body);
      if (!visitId.success || !result.success) {
        res.status(400).json({
          error: 'invalid pathology result',
          problems: result.success
            ? [{ path: 'visitId', message: 'invalid visit id' }]
            : problemsOf(result.error),
        });
        return;
      }
      const state = await queryVisitState(deps.temporal, visitId.data).catch(() => null);
      if (!state) {
        res.status(404).json({ error: `no running billing workflow for visit ${visitId.data}` });
        return;
      }
      if (!state.pendingPathologyLesionIds.includes(result.data.lesionId)) {
        res.status(409).json({
          error: `lesion ${result.data.lesionId} is not waiting for pathology`,
          status: state.status,
        });
        return;
      }
      await deps.temporal.workflow
        .getHandle(visitWorkflowId(visitId.data))
        .signal(pathologyResultSignal, result.data);
      res.status(202).json({ visitId: visitId.data, lesionId: result.data.lesionId });
    }),
  );

  const [parseRemittance, uploadRemittance] = remittanceUploadHandler(deps);
  app.post('/v1/remittances', requireStaff, parseRemittance, route(uploadRemittance));

  // Clearinghouse documents as received; `?problem=true` lists the ones that could not be read.
  app.get(
    '/v1/inbound-documents',
    requireStaff,
    route(async (req, res) => {
      const onlyProblems = req.query.problem === 'true';
      const documents = await deps.db.inboundDocument.findMany({
        where: onlyProblems ? { problem: { not: null } } : {},
        select: { id: true, kind: true, problem: true, receivedAt: true, storedAt: true },
        orderBy: { storedAt: 'desc' },
        take: 200,
      });
      res.json({ documents });
    }),
  );

  app.get(
    '/v1/metrics',
    requireStaff,
    route(async (_req, res) => {
      res.json(await loadRevenueCycleMetrics(deps.db, deps.clock()));
    }),
  );

  app.use((_req, res) => void res.status(404).json({ error: 'not found' }));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
