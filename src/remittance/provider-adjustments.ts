import { recordAudit } from '../audit/audit-log';
import type { Database } from '../db/client';
import type { ProviderAdjustmentCategory } from '../db/generated/enums';
import type { ProviderAdjustment } from './types';

export type { ProviderAdjustmentCategory };

type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

/**
 * PLB03-1 reason codes by what they do to the books. WO (overpayment recovery) and 72 (authorized
 * return) take money back; every other code is kept with its code under `other`.
 */
const CATEGORY_OF: Readonly<Record<string, ProviderAdjustmentCategory>> = {
  L6: 'interest',
  FB: 'forward_balance',
  WO: 'takeback',
  '72': 'takeback',
};

export function categoryOf(reasonCode: string): ProviderAdjustmentCategory {
  return CATEGORY_OF[reasonCode] ?? 'other';
}

export interface RemittanceTotals {
  /** BPR02 (signed: a debit is negative). */
  paymentCents: number;
  /** Σ CLP04 of the claims counted (posted ones for the books, all for the 835 itself). */
  claimPaymentsCents: number;
  /** Σ PLB amounts per category, in the X12 sign (interest negative, a takeback positive). */
  byCategory: Record<ProviderAdjustmentCategory, number>;
  providerAdjustmentsCents: number;
  /** Σ claim payments − Σ PLB: what the postings say the payer sent. */
  postedCents: number;
  /** postedCents − paymentCents: 0 when the postings account for the whole payment. */
  differenceCents: number;
  balanced: boolean;
}

/** The X12 payment rule over what was posted: BPR02 = Σ CLP04 − Σ PLB. */
export function remittanceTotals(input: {
  paymentCents: number;
  claimPayments: ReadonlyArray<{ paidCents: number }>;
  providerAdjustments: ReadonlyArray<{ reasonCode: string; amountCents: number }>;
}): RemittanceTotals {
  const byCategory: Record<ProviderAdjustmentCategory, number> = {
    interest: 0,
    forward_balance: 0,
    takeback: 0,
    other: 0,
  };
  for (const a of input.providerAdjustments) byCategory[categoryOf(a.reasonCode)] += a.amountCents;
  const claimPaymentsCents = input.claimPayments.reduce((sum, c) => sum + c.paidCents, 0);
  return totalsOf(input.paymentCents, claimPaymentsCents, byCategory);
}

/** The payment rule over sums already made (by category, in the X12 sign). */
function totalsOf(
  paymentCents: number,
  claimPaymentsCents: number,
  byCategory: Record<ProviderAdjustmentCategory, number>,
): RemittanceTotals {
  const providerAdjustmentsCents =
    byCategory.interest + byCategory.forward_balance + byCategory.takeback + byCategory.other;
  const postedCents = claimPaymentsCents - providerAdjustmentsCents;
  const differenceCents = postedCents - paymentCents;
  return {
    paymentCents,
    claimPaymentsCents,
    byCategory,
    providerAdjustmentsCents,
    postedCents,
    differenceCents,
    balanced: differenceCents === 0,
  };
}

/** A reference that names one of our claims of this payer: our PCN (CLP01) or the payer's claim number. */
async function claimNamedBy(tx: Tx, payerId: string, reference: string | undefined) {
  if (!reference) return null;
  return tx.claim.findFirst({
    where: { payerId, OR: [{ patientControlNumber: reference }, { payerClaimNumber: reference }] },
    orderBy: { createdAt: 'desc' },
    select: { id: true, visitId: true },
  });
}

/**
 * Posts a stored remittance's PLB pairs, once (keyed by remittance and position), in the caller's
 * transaction. A takeback that names one of our claims is linked to it and noted on its audit trail.
 */
export async function postProviderAdjustments(
  tx: Tx,
  remittance: { id: string; payerId: string },
  adjustments: readonly ProviderAdjustment[],
): Promise<void> {
  for (const [sequence, adjustment] of adjustments.entries()) {
    const category = categoryOf(adjustment.reasonCode);
    const claim =
      category === 'takeback' ? await claimNamedBy(tx, remittance.payerId, adjustment.reference) : null;
    const idempotencyKey = `plb:${remittance.id}:${sequence}`;
    await tx.providerAdjustmentPosting.createMany({
      data: [
        {
          remittanceId: remittance.id,
          sequence,
          reasonCode: adjustment.reasonCode,
          reference: adjustment.reference ?? null,
          amountCents: adjustment.amountCents,
          category,
          claimId: claim?.id ?? null,
          idempotencyKey,
        },
      ],
      skipDuplicates: true,
    });
    if (!claim) continue;
    await recordAudit(tx, {
      visitId: claim.visitId,
      claimId: claim.id,
      actor: 'system',
      action: 'remittance.takeback',
      resourceType: 'remittance',
      resourceId: remittance.id,
      detail: { reasonCode: adjustment.reasonCode, amountCents: adjustment.amountCents, sequence },
      eventKey: idempotencyKey,
    });
  }
}

export interface RemittanceBalance extends RemittanceTotals {
  remittanceId: string;
  payerId: string;
  traceNumber: string;
  paymentDate: string;
  /** Claims of the 835 not (yet) posted: unmatched, or waiting for their visit's workflow. */
  unpostedClaims: number;
  /** Σ CLP04 of every claim of the 835, posted or not (the file's own figures). */
  statedClaimPaymentsCents: number;
}

interface BalanceRow {
  remittanceId: string;
  payerId: string;
  traceNumber: string;
  paymentDate: Date;
  paymentCents: number;
  claimPaymentsCents: number;
  statedClaimPaymentsCents: number;
  unpostedClaims: number;
  interest: number;
  forward_balance: number;
  takeback: number;
  other: number;
}

/**
 * Each remittance's postings against its BPR, summed in the database (a payer's run can hold
 * thousands of claims); `onlyUnbalanced` lists those whose postings do not add up.
 */
export async function remittanceBalances(
  db: Database,
  /** Without `take`, every remittance (the ledger check); the API pages. */
  options: { onlyUnbalanced: boolean; skip?: number; take?: number },
): Promise<RemittanceBalance[]> {
  const rows = await db.$queryRaw<BalanceRow[]>`
    SELECT r.id AS "remittanceId", r."payerId", r."traceNumber", r."paymentDate", r."paymentCents",
      c.paid::int AS "claimPaymentsCents", c.stated::int AS "statedClaimPaymentsCents",
      c.unposted::int AS "unpostedClaims",
      a.interest::int AS interest, a.forward_balance::int AS forward_balance,
      a.takeback::int AS takeback, a.other::int AS other
    FROM "Remittance" r
    CROSS JOIN LATERAL (
      SELECT COALESCE(SUM(p."amountCents"), 0) AS paid, COALESCE(SUM(rc."paidCents"), 0) AS stated,
        COUNT(*) FILTER (WHERE p.id IS NULL) AS unposted
      FROM "RemittanceClaim" rc LEFT JOIN "Payment" p ON p."remittanceClaimId" = rc.id
      WHERE rc."remittanceId" = r.id) c
    CROSS JOIN LATERAL (
      SELECT
        COALESCE(SUM("amountCents") FILTER (WHERE category = 'interest'), 0) AS interest,
        COALESCE(SUM("amountCents") FILTER (WHERE category = 'forward_balance'), 0) AS forward_balance,
        COALESCE(SUM("amountCents") FILTER (WHERE category = 'takeback'), 0) AS takeback,
        COALESCE(SUM("amountCents") FILTER (WHERE category = 'other'), 0) AS other,
        COALESCE(SUM("amountCents"), 0) AS total
      FROM "ProviderAdjustmentPosting" WHERE "remittanceId" = r.id) a
    WHERE NOT ${options.onlyUnbalanced} OR c.paid - a.total <> r."paymentCents"
    ORDER BY r."paymentDate", r.id
    OFFSET ${options.skip ?? 0} LIMIT ${options.take ?? null}`;
  return rows.map((row) => ({
    remittanceId: row.remittanceId,
    payerId: row.payerId,
    traceNumber: row.traceNumber,
    paymentDate: row.paymentDate.toISOString().slice(0, 10),
    unpostedClaims: row.unpostedClaims,
    statedClaimPaymentsCents: row.statedClaimPaymentsCents,
    ...totalsOf(row.paymentCents, row.claimPaymentsCents, {
      interest: row.interest,
      forward_balance: row.forward_balance,
      takeback: row.takeback,
      other: row.other,
    }),
  }));
}
