import type { ActivityDependencies } from './dependencies';
import { recordAudit } from '../src/audit/audit-log';
import { VisitCompletedEventSchema, type VisitCompletedEvent } from '../src/visit/schema';
import type { VisitStatus } from '../src/visit-billing/vocabulary';
import { invalidData } from './errors';

export interface VisitSummary {
  visitId: string;
  practiceId: string;
  dateOfService: string;
  payerId: string | null;
  selfPay: boolean;
}

export async function readVisitDocument(
  deps: ActivityDependencies,
  visitId: string,
): Promise<VisitCompletedEvent> {
  const visit = await deps.db.visit.findUnique({ where: { id: visitId } });
  if (!visit) throw invalidData(`visit ${visitId} is not on file`);
  const parsed = VisitCompletedEventSchema.safeParse(visit.document);
  if (!parsed.success) {
    throw invalidData(
      `stored visit document is invalid: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  return parsed.data;
}

/** The visit as the EHR documented it, reduced to what orchestration needs (no PHI). */
export function summarizeVisit(visit: VisitCompletedEvent): VisitSummary {
  return {
    visitId: visit.visitId,
    practiceId: visit.practiceId,
    dateOfService: visit.dateOfService,
    payerId: visit.coverage?.payerId ?? null,
    selfPay: !visit.coverage,
  };
}

/** Makes an amended document (a stored revision) the visit's documentation; idempotent. */
export async function applyStoredRevision(
  deps: ActivityDependencies,
  input: { visitId: string; revision: number },
): Promise<void> {
  await deps.db.$transaction(async (tx) => {
    const revision = await tx.visitRevision.findUnique({
      where: { visitId_revision: { visitId: input.visitId, revision: input.revision } },
    });
    if (!revision) throw invalidData(`visit ${input.visitId} has no revision ${input.revision}`);
    if (revision.appliedAt) return;
    const document = VisitCompletedEventSchema.parse(revision.document);
    await tx.visit.update({
      where: { id: input.visitId },
      data: {
        document: revision.document as object,
        payerId: document.coverage?.payerId ?? null,
        dateOfService: new Date(`${document.dateOfService}T00:00:00Z`),
      },
    });
    await tx.visitRevision.update({ where: { id: revision.id }, data: { appliedAt: deps.clock() } });
    await recordAudit(tx, {
      visitId: input.visitId,
      actor: 'system',
      action: 'visit.revision_applied',
      detail: { revision: input.revision },
      eventKey: `revision-applied:${input.visitId}:${input.revision}`,
    });
  });
}

export function createVisitActivities(deps: ActivityDependencies) {
  return {
    /** Stage 1 (v1 workflow only): the visit summary. */
    async loadVisit(input: { visitId: string }): Promise<VisitSummary> {
      return summarizeVisit(await readVisitDocument(deps, input.visitId));
    },

    /** v1 workflow only: v2 applies revisions inside prepareCoding. */
    async applyVisitRevision(input: { visitId: string; revision: number }): Promise<void> {
      await applyStoredRevision(deps, input);
    },

    /** v1 workflow only: v2 records its progress in batches (recordVisitProgress). */
    async updateVisitStatus(input: {
      visitId: string;
      status: VisitStatus;
      note: string;
      eventKey: string;
    }): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        await tx.visit.update({ where: { id: input.visitId }, data: { status: input.status } });
        await recordAudit(tx, {
          visitId: input.visitId,
          actor: 'system',
          action: `visit.${input.status}`,
          detail: { note: input.note },
          eventKey: input.eventKey,
        });
      });
    },
  };
}
