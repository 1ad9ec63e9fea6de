import { recordAudit } from '../src/audit/audit-log';
import type { ActivityDependencies } from './dependencies';
import type { StatementKind } from '../src/patient-billing/cycle-timers';
import {
  issueCycleStatement,
  patientBalanceCents,
  type IssuedStatement,
} from '../src/patient-billing/issue-statement';
import { defaultStatementCycles } from '../src/patient-billing/statement-config';

/** The patient-balance step's database work: statements per cycle, and the balance between them. */
export function createPatientBillingActivities(deps: ActivityDependencies) {
  return {
    /** This cycle's statement (null when nothing is owed); issuing a cycle twice issues it once. */
    async issueCycleStatement(input: {
      visitId: string;
      cycle: number;
      kind: StatementKind;
      daysToPay: number;
    }): Promise<IssuedStatement | null> {
      return issueCycleStatement(
        deps.db,
        {
          practice: deps.practice,
          howToPay: deps.howToPay ?? defaultStatementCycles.howToPay,
          clock: deps.clock,
        },
        input,
      );
    },

    /** What the patient owes on the visit now, in cents (negative: a credit). */
    async patientBalance(input: { visitId: string }): Promise<number> {
      return patientBalanceCents(deps.db, input.visitId);
    },

    /**
     * Runs started before statement cycles (no `statement-cycles` patch): one statement, once per
     * statement key, without a snapshot. Moved here from activities/posting.ts unchanged.
     */
    async issuePatientStatement(input: {
      visitId: string;
      statementKey: string;
    }): Promise<{ statementId: string; amountDueCents: number } | null> {
      const existing = await deps.db.patientStatement.findUnique({
        where: { idempotencyKey: input.statementKey },
      });
      if (existing) return { statementId: existing.id, amountDueCents: existing.amountDueCents };
      const entries = await deps.db.ledgerEntry.findMany({
        where: { visitId: input.visitId, account: 'PATIENT_AR' },
        orderBy: { createdAt: 'asc' },
      });
      const amountDueCents = entries.reduce((sum, e) => sum + e.amountCents, 0);
      if (amountDueCents <= 0) return null;
      const statement = await deps.db.patientStatement.create({
        data: {
          visitId: input.visitId,
          idempotencyKey: input.statementKey,
          amountDueCents,
          lines: entries.map((e) => ({ memo: e.memo, amountCents: e.amountCents, reasonCode: e.reasonCode })),
        },
      });
      await recordAudit(deps.db, {
        visitId: input.visitId,
        actor: 'system',
        action: 'statement.issued',
        detail: { statementId: statement.id, amountDueCents },
        eventKey: `statement:${input.statementKey}`,
      });
      return { statementId: statement.id, amountDueCents };
    },
  };
}
