import type { Database } from '../../db/client';
import { cents, formatDollars, type Discrepancy, type LedgerCheck } from '../discrepancy';

/**
 * BPR02 = Σ CLP04 − Σ PLB posted (ProviderAdjustmentPosting), for every stored remittance; and every
 * PLB pair of the 835 is posted.
 */
async function unbalancedRemittances(db: Database): Promise<Discrepancy[]> {
  const rows = await db.$queryRaw<
    Array<{
      id: string;
      paymentCents: number;
      claimsPaid: bigint | null;
      plb: bigint | null;
      plbPairs: number;
      plbPosted: bigint;
    }>
  >`
    SELECT r.id, r."paymentCents",
      (SELECT SUM(rc."paidCents") FROM "RemittanceClaim" rc WHERE rc."remittanceId" = r.id) AS "claimsPaid",
      (SELECT SUM(p."amountCents") FROM "ProviderAdjustmentPosting" p WHERE p."remittanceId" = r.id) AS plb,
      jsonb_array_length(r."providerAdjustments") AS "plbPairs",
      (SELECT COUNT(*) FROM "ProviderAdjustmentPosting" p WHERE p."remittanceId" = r.id) AS "plbPosted"
    FROM "Remittance" r ORDER BY r.id`;
  return rows.flatMap((r) => {
    const found: Discrepancy[] = [];
    if (Number(r.plbPosted) !== r.plbPairs)
      found.push({
        check: 'remittance-balance',
        subject: r.id,
        message: `${r.plbPairs} provider-level adjustments in the 835, ${Number(r.plbPosted)} posted`,
      });
    if (cents(r.claimsPaid) - cents(r.plb) !== r.paymentCents)
      found.push({
        check: 'remittance-balance',
        subject: r.id,
        message:
          `claim payments ${formatDollars(cents(r.claimsPaid))} − provider adjustments posted ${formatDollars(cents(r.plb))} ` +
          `≠ BPR payment ${formatDollars(r.paymentCents)}`,
      });
    return found;
  });
}

/** Claim payments whose claim we know but that were never posted. */
async function unpostedClaimPayments(db: Database): Promise<Discrepancy[]> {
  const rows = await db.$queryRaw<Array<{ remittanceId: string; id: string; claimId: string }>>`
    SELECT rc."remittanceId", rc.id, COALESCE(rc."claimId", c.id) AS "claimId"
    FROM "RemittanceClaim" rc LEFT JOIN "Claim" c ON c."patientControlNumber" = rc."patientControlNumber"
    WHERE rc."postedAt" IS NULL AND (rc."claimId" IS NOT NULL OR c.id IS NOT NULL)
    ORDER BY rc."remittanceId", rc.sequence`;
  return rows.map((r) => ({
    check: 'remittance-posted',
    subject: r.remittanceId,
    message: `claim payment ${r.id} matches claim ${r.claimId} but is not posted`,
  }));
}

export const remittanceBalanceCheck: LedgerCheck = {
  name: 'remittance-balance',
  description: 'per remittance: Σ CLP04 − Σ PLB = BPR payment',
  run: unbalancedRemittances,
};

export const remittancePostedCheck: LedgerCheck = {
  name: 'remittance-posted',
  description: 'every claim payment matched to a claim is posted',
  run: unpostedClaimPayments,
};
