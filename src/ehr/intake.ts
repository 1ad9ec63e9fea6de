import { createHash } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ApiDependencies } from '../api/dependencies';
import { recordAudit } from '../audit/audit-log';
import { parseVisitEvent, storeVisit } from '../intake/receive-visit';
import { queryVisitState, startVisitBilling } from '../temporal/visit-workflows';
import { documentationAmendedSignal, pathologyResultSignal } from '../temporal/visit-messages';
import { visitWorkflowId, type PathologyResult } from '../visit-billing/messages';
import type { VisitDocumentInput } from '../visit/schema';
import type { EhrConnection } from './connections';
import type { MappingProblem, Provenance } from './mapping';

/** What the EHR intake needs of the running service (the API and the MLLP listener alike). */
export type EhrIntakeDependencies = Pick<
  ApiDependencies,
  'db' | 'temporal' | 'taskQueue' | 'timers' | 'logger' | 'clock'
>;

export type EhrVisitOutcome =
  | {
      kind: 'accepted';
      visitId: string;
      workflowId: string;
      runId: string;
      duplicate: boolean;
      amendment?: { revision: number; delivered: boolean };
    }
  | { kind: 'unmappable'; problems: MappingProblem[] }
  /** The delivery id is on file for another visit or with other content: nothing stored. */
  | { kind: 'conflict'; reason: string };

/** The audit trail's actor for an EHR connection. */
export const connectionActor = (connection: EhrConnection) => `ehr:${connection.id}`;

/**
 * A mapped visit into the same intake as the JSON webhook: the visit schema and cross-checks (each
 * problem reported against the EHR's resource and field), storeVisit's idempotency, one workflow.
 */
export async function receiveEhrVisit(
  deps: EhrIntakeDependencies,
  connection: EhrConnection,
  mapped: { document: VisitDocumentInput; provenance: Provenance },
  rawMessage: Buffer,
): Promise<EhrVisitOutcome> {
  const parsed = parseVisitEvent(mapped.document, { now: deps.clock() });
  if (!parsed.ok)
    return {
      kind: 'unmappable',
      problems: parsed.problems.map((p) => mapped.provenance.problemFor(p.path, p.message)),
    };
  const visit = parsed.visit;
  const workflowId = visitWorkflowId(visit.visitId);
  const stored = await storeVisit(deps.db, visit, rawMessage, workflowId, connectionActor(connection));
  if (!stored.ok) return { kind: 'conflict', reason: stored.conflict };
  const started = await startVisitBilling(deps.temporal, deps.taskQueue, visit.visitId, deps.timers);
  const revision = stored.amendedRevision;
  const amendment = revision
    ? await deps.temporal.workflow
        .getHandle(workflowId)
        .signal(documentationAmendedSignal, { revision })
        .then(
          () => ({ revision, delivered: true }),
          () => ({ revision, delivered: false }),
        )
    : undefined;
  const duplicate = stored.duplicateDelivery || !stored.newVisit;
  deps.logger.info(
    { connection: connection.id, visitId: visit.visitId, workflowId, duplicate },
    'EHR visit accepted',
  );
  return {
    kind: 'accepted',
    visitId: visit.visitId,
    ...started,
    duplicate,
    ...(amendment ? { amendment } : {}),
  };
}

export interface EhrPathologyReport {
  /** The connection's id for this delivery (MSH-10, or the notification's event). */
  messageId: string;
  visitId: string;
  lesionId: string;
  result: PathologyResult['result'];
  diagnosisCode?: string;
}

export type EhrPathologyOutcome =
  | { kind: 'signalled' | 'duplicate' }
  | { kind: 'conflict'; reason: string }
  /** No workflow, or the lesion is not waiting for pathology: a content problem the EHR must look at. */
  | { kind: 'refused'; reason: string }
  | { kind: 'unavailable'; reason: string };

const PATHOLOGY_LOCK = 1_003;

/**
 * A pathology result into the visit workflow's pathologyResult signal, once per message id: the
 * delivery row and the signal go together under an advisory lock on the message id.
 */
export async function deliverEhrPathology(
  deps: EhrIntakeDependencies,
  connection: EhrConnection,
  report: EhrPathologyReport,
): Promise<EhrPathologyOutcome> {
  const { messageId, ...content } = report;
  const contentSha256 = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return deps.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PATHOLOGY_LOCK}::int, hashtext(${`${connection.id}:${messageId}`}))`;
      const key = { connectionId: connection.id, messageId };
      const seen = await tx.ehrPathologyDelivery.findUnique({ where: { connectionId_messageId: key } });
      if (seen)
        return seen.contentSha256 === contentSha256
          ? { kind: 'duplicate' as const }
          : {
              kind: 'conflict' as const,
              reason: `message id ${messageId} was already used for another result`,
            };
      const refused = await signalPathology(deps, connection, report);
      if (refused) return refused;
      await tx.ehrPathologyDelivery.create({
        data: { ...key, visitId: report.visitId, lesionId: report.lesionId, contentSha256 },
      });
      await recordAudit(tx, {
        visitId: report.visitId,
        actor: connectionActor(connection),
        action: 'pathology.record',
        detail: { messageId, lesionId: report.lesionId, result: report.result },
        eventKey: `pathology:${connection.id}:${messageId}`,
      });
      return { kind: 'signalled' as const };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

async function signalPathology(
  deps: EhrIntakeDependencies,
  connection: EhrConnection,
  report: EhrPathologyReport,
): Promise<EhrPathologyOutcome | undefined> {
  let pending: string[];
  try {
    pending = (await queryVisitState(deps.temporal, report.visitId)).pendingPathologyLesionIds;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      return { kind: 'refused', reason: `no billing workflow for visit ${report.visitId}` };
    return { kind: 'unavailable', reason: "the visit's billing workflow did not answer" };
  }
  if (!pending.includes(report.lesionId))
    return { kind: 'refused', reason: `lesion ${report.lesionId} is not waiting for pathology` };
  const signal: PathologyResult = {
    lesionId: report.lesionId,
    result: report.result,
    ...(report.diagnosisCode ? { diagnosisCode: report.diagnosisCode } : {}),
    reportedBy: connectionActor(connection),
  };
  try {
    await deps.temporal.workflow
      .getHandle(visitWorkflowId(report.visitId))
      .signal(pathologyResultSignal, signal);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      return { kind: 'refused', reason: `the billing workflow of visit ${report.visitId} has finished` };
    return { kind: 'unavailable', reason: 'the signal could not be delivered' };
  }
  return undefined;
}
