import type { Database, Prisma } from '../db/client';
import { isContractualAdjustment } from '../posting/ledger-entries';
import type { AdjustmentGroup } from '../remittance/types';
import { computeClaimBreakdowns, type ClaimBreakdowns, type ClaimMoneyFacts } from './breakdowns';
import { efficiencyScore, type EfficiencyScore } from './efficiency';

/** The figures a practice owner judges the billing by (domain brief §6 definitions). */
export interface RevenueCycleMetrics {
  claimsSubmitted: number;
  /** Share of first-attempt claims accepted by the payer without a rejection (0..1, or null). */
  firstPassAcceptanceRate: number | null;
  /** Share of adjudicated claims denied in whole or in part (0..1, or null). */
  denialRate: number | null;
  /** Mean days from date of service to claim submission. */
  claimLagDays: number | null;
  /** Open receivables divided by average daily charges over the window. */
  daysInAR: number | null;
  openInsuranceARCents: number;
  openPatientARCents: number;
  collectedCents: number;
  openReviewTasks: number;
  /** Patient estimates against the 835's patient responsibility, over paid claims that had one. */
  estimateAccuracy: EstimateAccuracy;
}

export interface EstimateAccuracy {
  claimsCompared: number;
  /** Mean of |835 patient responsibility − estimate|, integer cents (null without claims). */
  meanAbsoluteErrorCents: number | null;
  /** Share of compared claims whose estimate was within $1.00 (0..1, or null). */
  withinOneDollarRate: number | null;
}

export interface ClaimFacts {
  attempt: number;
  dateOfService: Date;
  submittedAt: Date | null;
  acknowledged: boolean;
  rejected: boolean;
  adjudicated: boolean;
  denied: boolean;
  /** 835 patient responsibility minus the estimate (null: no estimate, or not paid yet). */
  estimateVarianceCents?: number | null;
}

function estimateAccuracyOf(claims: ClaimFacts[]): EstimateAccuracy {
  const errors = claims
    .map((c) => c.estimateVarianceCents)
    .filter((v): v is number => typeof v === 'number')
    .map(Math.abs);
  if (errors.length === 0)
    return { claimsCompared: 0, meanAbsoluteErrorCents: null, withinOneDollarRate: null };
  return {
    claimsCompared: errors.length,
    meanAbsoluteErrorCents: Math.round(errors.reduce((a, b) => a + b, 0) / errors.length),
    withinOneDollarRate: errors.filter((e) => e <= 100).length / errors.length,
  };
}

const DAY_MS = 86_400_000;

export function computeRevenueCycleMetrics(input: {
  claims: ClaimFacts[];
  chargesInWindowCents: number;
  windowDays: number;
  openInsuranceARCents: number;
  openPatientARCents: number;
  collectedCents: number;
  openReviewTasks: number;
}): RevenueCycleMetrics {
  const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
  const firstAttempts = input.claims.filter((c) => c.attempt === 1 && c.acknowledged);
  const adjudicated = input.claims.filter((c) => c.adjudicated);
  const submitted = input.claims.filter((c) => c.submittedAt !== null);
  const lags = submitted.map((c) => (c.submittedAt!.getTime() - c.dateOfService.getTime()) / DAY_MS);
  const dailyCharges = input.chargesInWindowCents / input.windowDays;
  const openAR = input.openInsuranceARCents + input.openPatientARCents;
  return {
    claimsSubmitted: submitted.length,
    firstPassAcceptanceRate: ratio(firstAttempts.filter((c) => !c.rejected).length, firstAttempts.length),
    denialRate: ratio(adjudicated.filter((c) => c.denied).length, adjudicated.length),
    claimLagDays: lags.length ? lags.reduce((a, b) => a + b, 0) / lags.length : null,
    daysInAR: dailyCharges > 0 ? openAR / dailyCharges : null,
    openInsuranceARCents: input.openInsuranceARCents,
    openPatientARCents: input.openPatientARCents,
    collectedCents: input.collectedCents,
    openReviewTasks: input.openReviewTasks,
    estimateAccuracy: estimateAccuracyOf(input.claims),
  };
}

/** Everything the dashboard and `GET /v1/metrics` show, as of `asOf`. */
export type RevenueCycleReport = RevenueCycleMetrics &
  ClaimBreakdowns & { asOf: string; windowDays: number; efficiency: EfficiencyScore };

export type ClaimRow = Awaited<ReturnType<typeof readClaims>>[number];

/** Claims with what the figures need (the dashboard's drill-downs read the same rows). */
export function readClaims(db: Database, where: Prisma.ClaimWhereInput = {}) {
  return db.claim.findMany({
    where,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: {
      visit: {
        select: {
          dateOfService: true,
          _count: { select: { reviewTasks: true } },
          patientPayments: { select: { amountCents: true } },
        },
      },
      statusEvents: { select: { source: true, categoryCode: true } },
      payments: {
        select: { amountCents: true, postedAt: true, remittanceClaim: { select: { remittance: true } } },
      },
      adjustments: { select: { groupCode: true, reasonCode: true, amountCents: true } },
    },
  });
}

/** A denial adjustment: not patient responsibility, not a contractual write-down. */
export const isDenial = (a: { groupCode: string; reasonCode: string }) =>
  a.groupCode !== 'PR' &&
  !isContractualAdjustment({ group: a.groupCode as AdjustmentGroup, reasonCode: a.reasonCode });

/** One claim's facts: acknowledgements, denials (claim status or denial adjustments), money, staff touch. */
export function claimFactsOf(c: ClaimRow, insuranceBalanceCents: number): ClaimMoneyFacts {
  const firstPayment = c.payments.map((p) => p.postedAt).sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    claimId: c.id,
    payerId: c.payerId,
    attempt: c.attempt,
    dateOfService: c.visit.dateOfService,
    submittedAt: c.submittedAt,
    acknowledged: c.statusEvents.some((e) => e.source === '999' || e.source === '277CA'),
    rejected: c.statusEvents.some((e) => /^A[3678]/.test(e.categoryCode)),
    adjudicated: c.payments.length > 0,
    estimateVarianceCents: c.estimateVarianceCents,
    denied: c.status === 'denied' || c.adjustments.some(isDenial),
    chargeCents: c.totalChargeCents,
    denialAdjustments: c.adjustments
      .filter(isDenial)
      .map((a) => ({ code: `${a.groupCode}-${a.reasonCode}`, cents: a.amountCents })),
    contractualCents: c.adjustments
      .filter((a) =>
        isContractualAdjustment({ group: a.groupCode as AdjustmentGroup, reasonCode: a.reasonCode }),
      )
      .reduce((s, a) => s + a.amountCents, 0),
    paidCents: c.payments.reduce((s, p) => s + p.amountCents, 0),
    firstPaymentAt: firstPayment ?? null,
    insuranceBalanceCents,
    // An ERA a biller uploaded is stored as an "upload-…" document (src/api/remittance-upload.ts).
    autoPosted: c.payments.every((p) => !p.remittanceClaim.remittance.documentId.startsWith('upload-')),
    touchedByStaff: c.visit._count.reviewTasks > 0,
    payerSequence: c.payerSequence,
    // Counted once per visit: on its primary claim.
    patientPaymentsCents:
      c.payerSequence === 'P' ? c.visit.patientPayments.reduce((s, p) => s + p.amountCents, 0) : 0,
  };
}

/** Reads the facts from the database and computes the metrics as of `now`. */
export async function loadRevenueCycleMetrics(
  db: Database,
  now: Date,
  windowDays = 90,
): Promise<RevenueCycleReport> {
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const [claims, balances, charges, insurance, patient, collected, openReviewTasks] = await Promise.all([
    readClaims(db),
    db.ledgerEntry.groupBy({
      by: ['claimId'],
      where: { account: 'INSURANCE_AR', claimId: { not: null } },
      _sum: { amountCents: true },
    }),
    db.ledgerEntry.aggregate({
      where: {
        entryType: { in: ['charge', 'self_pay_charge'] },
        amountCents: { gt: 0 },
        createdAt: { gte: since },
      },
      _sum: { amountCents: true },
    }),
    db.ledgerEntry.aggregate({ where: { account: 'INSURANCE_AR' }, _sum: { amountCents: true } }),
    db.ledgerEntry.aggregate({ where: { account: 'PATIENT_AR' }, _sum: { amountCents: true } }),
    db.payment.aggregate({ _sum: { amountCents: true } }),
    db.reviewTask.count({ where: { status: 'open' } }),
  ]);
  const balanceOf = new Map(balances.map((b) => [b.claimId, b._sum.amountCents ?? 0]));
  const facts = claims.map((c) => claimFactsOf(c, balanceOf.get(c.id) ?? 0));
  const base = computeRevenueCycleMetrics({
    claims: facts,
    chargesInWindowCents: charges._sum.amountCents ?? 0,
    windowDays,
    openInsuranceARCents: insurance._sum.amountCents ?? 0,
    openPatientARCents: patient._sum.amountCents ?? 0,
    collectedCents: collected._sum.amountCents ?? 0,
    openReviewTasks,
  });
  const breakdowns = computeClaimBreakdowns(facts, now);
  return {
    asOf: now.toISOString(),
    windowDays,
    ...base,
    ...breakdowns,
    efficiency: efficiencyScore({ ...base, ...breakdowns }),
  };
}
