import type { Database } from '../../db/client';
import { remittanceBalances } from '../../remittance/provider-adjustments';
import { formatDollars, type Discrepancy, type LedgerCheck } from '../discrepancy';

/**
 * Every PLB pair of each 835 is posted; the 835's own figures (Σ CLP04 − Σ PLB) come to its BPR
 * amount; and once all its claim payments are posted, so do the postings (the figures of
 * src/remittance/provider-adjustments.ts, as GET /v1/remittance-balances shows them).
 */
async function unbalancedRemittances(db: Database): Promise<Discrepancy[]> {
  const [balances, pairs] = await Promise.all([
    remittanceBalances(db, { onlyUnbalanced: false }),
    db.$queryRaw<Array<{ id: string; plbPairs: number; plbPosted: bigint }>>`
      SELECT r.id, jsonb_array_length(r."providerAdjustments") AS "plbPairs",
        (SELECT COUNT(*) FROM "ProviderAdjustmentPosting" p WHERE p."remittanceId" = r.id) AS "plbPosted"
      FROM "Remittance" r ORDER BY r.id`,
  ]);
  const unpostedPairs = pairs
    .filter((r) => Number(r.plbPosted) !== r.plbPairs)
    .map((r) => ({
      check: 'remittance-balance',
      subject: r.id,
      message: `${r.plbPairs} provider-level adjustments in the 835, ${Number(r.plbPosted)} posted`,
    }));
  const unbalanced = balances.flatMap((b) => {
    const plb = `provider adjustments posted ${formatDollars(b.providerAdjustmentsCents)}`;
    const bpr = `BPR payment ${formatDollars(b.paymentCents)}`;
    const found: Discrepancy[] = [];
    if (b.statedClaimPaymentsCents - b.providerAdjustmentsCents !== b.paymentCents)
      found.push({
        check: 'remittance-balance',
        subject: b.remittanceId,
        message: `the 835's claim payments ${formatDollars(b.statedClaimPaymentsCents)} − ${plb} ≠ ${bpr}`,
      });
    else if (b.unpostedClaims === 0 && !b.balanced)
      found.push({
        check: 'remittance-balance',
        subject: b.remittanceId,
        message: `claim payments posted ${formatDollars(b.claimPaymentsCents)} − ${plb} ≠ ${bpr}`,
      });
    return found;
  });
  return [...unpostedPairs, ...unbalanced];
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
  description: 'per remittance: every PLB posted, and Σ claim payments posted − Σ PLB posted = BPR payment',
  run: unbalancedRemittances,
};

export const remittancePostedCheck: LedgerCheck = {
  name: 'remittance-posted',
  description: 'every claim payment matched to a claim is posted',
  run: unpostedClaimPayments,
};
