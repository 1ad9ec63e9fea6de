import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import type { PracticeProfile } from '../practice/practice-profile';
import type { StatementKind } from './cycle-timers';
import { ensurePatientAccount } from './patient-accounts';
import type { HowToPay } from './statement-config';
import { statementFacts, type StatementSnapshot } from './statement-snapshot';

export interface StatementContext {
  practice: PracticeProfile;
  howToPay: HowToPay;
  clock: () => Date;
}

export interface IssuedStatement {
  statementId: string;
  amountDueCents: number;
  cycle: number;
  kind: StatementKind;
}

/** One statement per visit and cycle: the key a retried or replayed issue finds again. */
export const statementKey = (visitId: string, cycle: number) => `${visitId}:cycle-${cycle}`;

const DAY_MS = 86_400_000;

const issuedOf = (row: Omit<IssuedStatement, 'statementId'> & { id: string }): IssuedStatement => ({
  statementId: row.id,
  amountDueCents: row.amountDueCents,
  cycle: row.cycle,
  kind: row.kind,
});

/**
 * Issues the cycle's statement when the patient owes something (null when nothing is owed),
 * with the snapshot the HTML and PDF render from. Issuing a cycle twice returns the first.
 */
export async function issueCycleStatement(
  db: Database,
  context: StatementContext,
  input: { visitId: string; cycle: number; kind: StatementKind; daysToPay: number },
): Promise<IssuedStatement | null> {
  const key = statementKey(input.visitId, input.cycle);
  const existing = await db.patientStatement.findUnique({ where: { idempotencyKey: key } });
  if (existing) return issuedOf(existing);
  const facts = await statementFacts(db, input.visitId, context);
  if (facts.snapshot.amountDueCents <= 0) return null;
  await ensurePatientAccount(db, input.visitId);
  const now = context.clock();
  const statementId = `ST-${randomUUID()}`;
  const snapshot: StatementSnapshot = {
    ...facts.snapshot,
    statementId,
    cycle: input.cycle,
    kind: input.kind,
    issuedOn: now.toISOString().slice(0, 10),
    payByDate: new Date(now.getTime() + input.daysToPay * DAY_MS).toISOString().slice(0, 10),
  };
  const amountDueCents = snapshot.amountDueCents;
  const created = await db.$transaction(async (tx) => {
    const rows = await tx.patientStatement.createMany({
      data: [
        {
          id: statementId,
          visitId: input.visitId,
          idempotencyKey: key,
          amountDueCents,
          cycle: input.cycle,
          kind: input.kind,
          lines: facts.entries,
          snapshot: snapshot as unknown as object,
          issuedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (rows.count === 0) return false;
    await recordAudit(tx, {
      visitId: input.visitId,
      actor: 'system',
      action: 'statement.issued',
      detail: { statementId, amountDueCents, cycle: input.cycle, kind: input.kind },
      eventKey: `statement:${key}`,
    });
    return true;
  });
  if (created) return { statementId, amountDueCents, cycle: input.cycle, kind: input.kind };
  // Another attempt issued it between our read and write: that one is the statement.
  return issuedOf(await db.patientStatement.findUniqueOrThrow({ where: { idempotencyKey: key } }));
}

/** What the patient owes on the visit now (negative: a credit). */
export async function patientBalanceCents(
  db: Pick<Database, 'ledgerEntry'>,
  visitId: string,
): Promise<number> {
  const sum = await db.ledgerEntry.aggregate({
    where: { visitId, account: 'PATIENT_AR' },
    _sum: { amountCents: true },
  });
  return sum._sum.amountCents ?? 0;
}
