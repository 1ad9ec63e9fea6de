import type { Database } from '../db/client';
import type { Discrepancy, LedgerCheck } from '../ledger/discrepancy';

interface StatementLine {
  entryId?: string;
  amountCents: number;
}

/**
 * Patient accounts against the ledger: each visit's PATIENT_AR balance must be its latest
 * statement's amount due plus what was posted after it (payments minus, patient charges plus),
 * and each patient payment must have its one ledger entry for the same amount.
 */
export async function patientAccountDiscrepancies(db: Database): Promise<Discrepancy[]> {
  return [...(await statementDiscrepancies(db)), ...(await paymentDiscrepancies(db))];
}

async function statementDiscrepancies(db: Database): Promise<Discrepancy[]> {
  const statements = await db.patientStatement.findMany({
    where: { cycle: { gt: 0 } },
    orderBy: [{ visitId: 'asc' }, { cycle: 'desc' }],
    distinct: ['visitId'],
  });
  const found: Discrepancy[] = [];
  for (const statement of statements) {
    const entries = await db.ledgerEntry.findMany({
      where: { visitId: statement.visitId, account: 'PATIENT_AR' },
    });
    const lines = statement.lines as unknown as StatementLine[];
    const onStatement = new Set(lines.map((l) => l.entryId));
    const linesSum = lines.reduce((s, l) => s + l.amountCents, 0);
    if (linesSum !== statement.amountDueCents)
      found.push({
        check: 'statement-lines',
        subject: statement.id,
        message: `statement ${statement.id} says ${statement.amountDueCents} cents due but its lines sum to ${linesSum}`,
      });
    const missing = lines.filter((l) => !entries.some((e) => e.id === l.entryId));
    if (missing.length > 0)
      found.push({
        check: 'statement-entries',
        subject: statement.id,
        message: `${missing.length} ledger entries on statement ${statement.id} are no longer in the ledger`,
      });
    const after = entries.filter((e) => !onStatement.has(e.id));
    const paidAfter = -after
      .filter((e) => e.entryType === 'patient_payment')
      .reduce((s, e) => s + e.amountCents, 0);
    const chargedAfter = after
      .filter((e) => e.entryType !== 'patient_payment')
      .reduce((s, e) => s + e.amountCents, 0);
    const expected = statement.amountDueCents - paidAfter + chargedAfter;
    const balance = entries.reduce((s, e) => s + e.amountCents, 0);
    if (balance !== expected)
      found.push({
        check: 'patient-balance',
        subject: statement.visitId,
        message: `visit ${statement.visitId}: PATIENT_AR is ${balance} cents; the latest statement (${statement.amountDueCents}) less ${paidAfter} paid plus ${chargedAfter} charged after it is ${expected}`,
      });
  }
  return found;
}

async function paymentDiscrepancies(db: Database): Promise<Discrepancy[]> {
  const payments = await db.patientPayment.findMany({ orderBy: { receivedAt: 'asc' } });
  const entries = await db.ledgerEntry.findMany({
    where: { idempotencyKey: { in: payments.map((p) => p.ledgerEntryKey) } },
  });
  const byKey = new Map(entries.map((e) => [e.idempotencyKey, e]));
  return payments.flatMap((payment): Discrepancy[] => {
    const entry = byKey.get(payment.ledgerEntryKey);
    if (!entry)
      return [
        {
          check: 'patient-payment-posted',
          subject: payment.id,
          message: `payment ${payment.id} has no ledger entry`,
        },
      ];
    const right =
      entry.account === 'PATIENT_AR' &&
      entry.entryType === 'patient_payment' &&
      entry.amountCents === -payment.amountCents &&
      entry.visitId === payment.visitId;
    if (right) return [];
    return [
      {
        check: 'patient-payment-posted',
        subject: payment.id,
        message: `payment ${payment.id} of ${payment.amountCents} cents is posted as ${entry.amountCents} cents on ${entry.account}/${entry.entryType}`,
      },
    ];
  });
}

export const patientAccountsCheck: LedgerCheck = {
  name: 'patient-accounts',
  description:
    "per visit: the patient's balance is the last statement less payments since, plus charges since",
  run: patientAccountDiscrepancies,
};
