import type { ActivityDependencies } from './dependencies';
import { recordAudit } from '../src/audit/audit-log';
import { VisitCompletedEventSchema, type VisitCompletedEvent } from '../src/visit/schema';
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

export function createVisitActivities(deps: ActivityDependencies) {
  return {
    /** Stage 1: the visit as the EHR documented it, reduced to what orchestration needs (no PHI). */
    async loadVisit(input: { visitId: string }): Promise<VisitSummary> {
      const visit = await readVisitDocument(deps, input.visitId);
      return {
        visitId: visit.visitId,
        practiceId: visit.practiceId,
        dateOfService: visit.dateOfService,
        payerId: visit.coverage?.payerId ?? null,
        selfPay: !visit.coverage,
      };
    },

    async updateVisitStatus(input: {
      visitId: string;
      status: string;
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
