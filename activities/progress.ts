import type { ActivityDependencies } from './dependencies';
import { recordAudits } from '../src/audit/audit-log';
import type { AcknowledgementNotice, StatusChange } from '../src/visit-billing/messages';
import { storeAcknowledgement } from './claims';

export interface ProgressReport {
  visitId: string;
  /** Status changes since the last report, numbered across the visit (the audit's idempotency key). */
  changes: Array<StatusChange & { sequence: number }>;
  /** Acknowledgements to put on their claims' status histories. */
  acknowledgements: Array<{ claimId: string; notice: AcknowledgementNotice }>;
}

export function createProgressActivities(deps: ActivityDependencies) {
  return {
    /**
     * What the visit's workflow did since it last reported, in one transaction: its status and
     * an audit event per change, and the acknowledgements it read (v2 workflow, local activity).
     */
    async recordVisitProgress(report: ProgressReport): Promise<void> {
      await deps.db.$transaction(async (tx) => {
        for (const { claimId, notice } of report.acknowledgements)
          await storeAcknowledgement(tx, deps.clock, claimId, notice);
        const latest = report.changes.at(-1);
        if (!latest) return;
        await tx.visit.update({ where: { id: report.visitId }, data: { status: latest.status } });
        await recordAudits(
          tx,
          report.changes.map((change) => ({
            visitId: report.visitId,
            actor: 'system',
            action: `visit.${change.status}`,
            detail: { note: change.note, at: change.at },
            eventKey: `visit-progress:${report.visitId}:${change.sequence}`,
          })),
        );
      });
    },
  };
}
