import type { Database } from '../db/client';
import type { PracticeProfile } from '../practice/practice-profile';
import { VisitCompletedEventSchema, type VisitCompletedEvent } from '../visit/schema';
import type { StatementKind } from './cycle-timers';
import type { HowToPay } from './statement-config';

type Reader = Pick<Database, 'visit' | 'claim' | 'codingRun' | 'ledgerEntry' | 'patientPayment'>;

export interface StatementService {
  code: string;
  description: string;
  chargeCents: number;
  /** Billed to the patient directly (cosmetic, non-covered), never to insurance. */
  selfPay: boolean;
}

/**
 * Everything a patient statement says, frozen when it is issued: the HTML and PDF are rendered
 * from this alone, so a statement shown again reads exactly as it was sent.
 */
export interface StatementSnapshot {
  statementId: string;
  cycle: number;
  kind: StatementKind;
  issuedOn: string;
  /** When this statement's cycle ends (the next statement, or collections after a final notice). */
  payByDate: string;
  practice: { name: string; addressLines: string[]; phone: string };
  patient: { name: string; addressLines: string[] };
  visit: { dateOfService: string; provider: string };
  services: StatementService[];
  totalChargesCents: number;
  insurancePaidCents: number;
  insuranceAdjustedCents: number;
  patientPaidCents: number;
  amountDueCents: number;
  howToPay: HowToPay;
}

export interface StatementFacts {
  snapshot: Omit<StatementSnapshot, 'statementId' | 'cycle' | 'kind' | 'issuedOn' | 'payByDate'>;
  /** The PATIENT_AR entries the amount due sums (the ledger check compares later entries). */
  entries: Array<{ entryId: string; memo: string; amountCents: number; reasonCode: string | null }>;
}

type Address = Pick<
  VisitCompletedEvent['patient']['address'],
  'line1' | 'line2' | 'city' | 'state' | 'postalCode'
>;

const addressLines = (a: Address): string[] => [
  a.line1,
  ...(a.line2 ? [a.line2] : []),
  `${a.city}, ${a.state} ${a.postalCode.slice(0, 5)}`,
];

export function practiceOnStatement(practice: PracticeProfile): StatementSnapshot['practice'] {
  const p = practice.billingProvider;
  return {
    name: p.organizationName,
    addressLines: addressLines(p.address),
    phone: practice.submitter.contactPhone,
  };
}

/** What the visit's statement would say now, read from the stored visit, claims and ledger. */
export async function statementFacts(
  db: Reader,
  visitId: string,
  context: { practice: PracticeProfile; howToPay: HowToPay },
): Promise<StatementFacts> {
  const visit = await db.visit.findUniqueOrThrow({ where: { id: visitId } });
  const document = VisitCompletedEventSchema.parse(visit.document);
  const [services, ledger, payments] = await Promise.all([
    servicesOf(db, visitId),
    db.ledgerEntry.findMany({ where: { visitId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.patientPayment.aggregate({ where: { visitId }, _sum: { amountCents: true } }),
  ]);
  const sumOf = (types: string[]) =>
    ledger.filter((e) => types.includes(e.entryType)).reduce((s, e) => s + e.amountCents, 0);
  const patientEntries = ledger.filter((e) => e.account === 'PATIENT_AR');
  const provider = document.renderingProvider;
  return {
    snapshot: {
      practice: practiceOnStatement(context.practice),
      patient: {
        name: `${document.patient.firstName} ${document.patient.lastName}`,
        addressLines: addressLines(document.patient.address),
      },
      visit: {
        dateOfService: document.dateOfService,
        provider: `${provider.firstName} ${provider.lastName}`,
      },
      services,
      totalChargesCents: services.reduce((s, l) => s + l.chargeCents, 0),
      insurancePaidCents: -sumOf(['insurance_payment']),
      insuranceAdjustedCents: -sumOf(['contractual_adjustment', 'other_adjustment']),
      patientPaidCents: payments._sum.amountCents ?? 0,
      amountDueCents: patientEntries.reduce((s, e) => s + e.amountCents, 0),
      howToPay: context.howToPay,
    },
    entries: patientEntries.map((e) => ({
      entryId: e.id,
      memo: e.memo,
      amountCents: e.amountCents,
      reasonCode: e.reasonCode,
    })),
  };
}

/** The latest claim's lines, then the self-pay services of the latest coding. */
async function servicesOf(db: Reader, visitId: string): Promise<StatementService[]> {
  const claim = await db.claim.findFirst({
    where: { visitId },
    orderBy: { attempt: 'desc' },
    include: { lines: { orderBy: { lineNumber: 'asc' } } },
  });
  const coding = await db.codingRun.findFirst({ where: { visitId }, orderBy: { createdAt: 'desc' } });
  const selfPay =
    (coding?.result as { selfPayLines?: Array<{ code: string; label: string; chargeCents: number }> })
      ?.selfPayLines ?? [];
  return [
    ...(claim?.lines ?? []).map((l) => ({
      code: l.code,
      description: l.label,
      chargeCents: l.chargeCents,
      selfPay: false,
    })),
    ...selfPay.map((l) => ({
      code: l.code,
      description: l.label,
      chargeCents: l.chargeCents,
      selfPay: true,
    })),
  ];
}
