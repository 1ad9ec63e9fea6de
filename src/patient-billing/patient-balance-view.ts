import type { Database } from '../db/client';
import { paymentView, type PatientPaymentView } from '../payments/patient-payments';
import type { StatementKind } from './cycle-timers';
import { visitIdsOfAccount } from './patient-accounts';

export interface StatementLink {
  statementId: string;
  cycle: number;
  kind: StatementKind;
  amountDueCents: number;
  issuedAt: string;
  /** Null for statements issued before documents were stored with them. */
  html: string | null;
  pdf: string | null;
}

export interface VisitPatientBalance {
  visitId: string;
  balanceCents: number;
  statements: StatementLink[];
  payments: PatientPaymentView[];
}

type Reader = Pick<
  Database,
  'visit' | 'patientStatement' | 'patientPayment' | 'ledgerEntry' | 'patientAccount'
>;

/** A visit's statements (with links to their documents), patient payments and balance; null when unknown. */
export async function visitPatientBalance(db: Reader, visitId: string): Promise<VisitPatientBalance | null> {
  const visit = await db.visit.findUnique({ where: { id: visitId }, select: { id: true } });
  if (!visit) return null;
  const [statements, payments, balance] = await Promise.all([
    db.patientStatement.findMany({ where: { visitId }, orderBy: [{ issuedAt: 'asc' }, { cycle: 'asc' }] }),
    db.patientPayment.findMany({ where: { visitId }, orderBy: { receivedAt: 'asc' } }),
    db.ledgerEntry.aggregate({ where: { visitId, account: 'PATIENT_AR' }, _sum: { amountCents: true } }),
  ]);
  return {
    visitId,
    balanceCents: balance._sum.amountCents ?? 0,
    statements: statements.map((s) => ({
      statementId: s.id,
      cycle: s.cycle,
      kind: s.kind,
      amountDueCents: s.amountDueCents,
      issuedAt: s.issuedAt.toISOString(),
      html: s.snapshot ? `/v1/statements/${s.id}` : null,
      pdf: s.snapshot ? `/v1/statements/${s.id}.pdf` : null,
    })),
    payments: payments.map(paymentView),
  };
}

export interface PatientAccountView {
  accountId: string;
  balanceCents: number;
  visits: VisitPatientBalance[];
}

/** Every visit of a patient account, and what is owed across them; null when the account is unknown. */
export async function patientAccountView(db: Reader, accountId: string): Promise<PatientAccountView | null> {
  const account = await visitIdsOfAccount(db, accountId);
  if (!account) return null;
  const visits: VisitPatientBalance[] = [];
  for (const visitId of account.visitIds) {
    const visit = await visitPatientBalance(db, visitId);
    if (visit) visits.push(visit);
  }
  return { accountId, balanceCents: visits.reduce((s, v) => s + v.balanceCents, 0), visits };
}
