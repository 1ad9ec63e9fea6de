import type { Database } from '../../src/db/client';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { issueCycleStatement } from '../../src/patient-billing/issue-statement';
import { defaultStatementCycles } from '../../src/patient-billing/statement-config';
import { visitWorkflowId } from '../../src/visit-billing/messages';
import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { actinicKeratosisVisit } from '../support/visit-fixture';

/**
 * A visit the payer has paid: $255.00 charged on two lines, $153.00 paid, $63.75 written down by
 * contract (CO-45), $38.25 left to the patient (PR-1). Its own patient id per visit.
 */
export async function paidVisit(db: Database, visitId: string, patientId = `MRN-${visitId}`): Promise<void> {
  const document = VisitCompletedEventSchema.parse({
    ...actinicKeratosisVisit(visitId),
    patient: { ...actinicKeratosisVisit(visitId).patient, id: patientId },
  });
  await db.visit.create({
    data: {
      id: visitId,
      practiceId: document.practiceId,
      dateOfService: new Date(`${document.dateOfService}T00:00:00Z`),
      payerId: 'BCBS1',
      document: document as object,
      workflowId: visitWorkflowId(visitId),
      status: 'paid',
    },
  });
  const claimId = `${visitId}-C1`;
  await db.claim.create({
    data: {
      id: claimId,
      visitId,
      patientControlNumber: `${visitId}A1`,
      attempt: 1,
      payerId: 'BCBS1',
      status: 'paid',
      totalChargeCents: 25500,
      diagnosisCodes: ['L57.0'],
      lines: {
        create: [
          {
            lineNumber: 1,
            lineControlNumber: `${visitId}L1`,
            code: '99213',
            modifiers: ['25'],
            units: 1,
            chargeCents: 13500,
            diagnosisPointers: [1],
            label: 'office visit, established patient',
          },
          {
            lineNumber: 2,
            lineControlNumber: `${visitId}L2`,
            code: '17000',
            modifiers: [],
            units: 1,
            chargeCents: 12000,
            diagnosisPointers: [1],
            label: 'destruction of premalignant lesion',
          },
        ],
      },
    },
  });
  const entry = (suffix: string, account: string, entryType: string, amountCents: number) => ({
    visitId,
    claimId,
    account,
    entryType,
    amountCents,
    memo: entryType,
    idempotencyKey: `seed:${visitId}:${suffix}`,
  });
  await db.ledgerEntry.createMany({
    data: [
      entry('charge', 'INSURANCE_AR', 'charge', 25500),
      entry('paid', 'INSURANCE_AR', 'insurance_payment', -15300),
      entry('adj', 'INSURANCE_AR', 'contractual_adjustment', -6375),
      entry('pr-ins', 'INSURANCE_AR', 'transfer_to_patient', -3825),
      entry('pr-pat', 'PATIENT_AR', 'patient_responsibility', 3825),
    ],
  });
}

export const statementContext = (now: Date) => ({
  practice: demoPracticeProfile,
  howToPay: defaultStatementCycles.howToPay,
  clock: () => now,
});

/** The visit's first statement, as the workflow's first cycle issues it. */
export function issueInitialStatement(db: Database, visitId: string, now = new Date('2026-12-01T12:00:00Z')) {
  return issueCycleStatement(db, statementContext(now), {
    visitId,
    cycle: 1,
    kind: 'initial',
    daysToPay: 30,
  });
}
