import type { ActivityDependencies } from './dependencies';
import type { ClaimLine } from '../src/coding/types';
import { selfPayPostings, type LedgerPosting } from '../src/posting/ledger-entries';
import { postClaimPayment, type PostingSummary } from '../src/posting/post-claim-payments';
import { writePostings } from './claims';
import { invalidData } from './errors';

export type { PostingSummary };

export function createPostingActivities(deps: ActivityDependencies) {
  async function insuranceBalance(claimId: string): Promise<number> {
    const sum = await deps.db.ledgerEntry.aggregate({
      where: { claimId, account: 'INSURANCE_AR' },
      _sum: { amountCents: true },
    });
    return sum._sum.amountCents ?? 0;
  }

  return {
    /** Stage 7: one claim's share of an 835 onto the ledger. Posting twice posts once. */
    async postRemittance(input: { claimId: string; remittanceClaimId: string }): Promise<PostingSummary> {
      const summary = await postClaimPayment(deps.db, deps.clock, input);
      if (!summary) throw invalidData(`remittance claim ${input.remittanceClaimId} not found`);
      return summary;
    },

    /** Staff decided an open insurance balance is final: write it off or move it to the patient. */
    async settleInsuranceBalance(input: {
      claimId: string;
      to: 'write_off' | 'patient';
      reviewer: string;
      key: string;
    }): Promise<number> {
      const claim = await deps.db.claim.findUniqueOrThrow({ where: { id: input.claimId } });
      const open = await insuranceBalance(claim.id);
      if (open === 0) return 0;
      const memo =
        input.to === 'write_off'
          ? `written off by ${input.reviewer}`
          : `billed to patient by ${input.reviewer}`;
      const postings: LedgerPosting[] = [
        {
          account: 'INSURANCE_AR',
          entryType: input.to === 'write_off' ? 'other_adjustment' : 'transfer_to_patient',
          amountCents: -open,
          memo,
          idempotencyKey: `settle:${input.key}:ins`,
        },
      ];
      if (input.to === 'patient') {
        postings.push({
          account: 'PATIENT_AR',
          entryType: 'patient_responsibility',
          amountCents: open,
          memo,
          idempotencyKey: `settle:${input.key}:pat`,
        });
      }
      // One INSERT: both sides land together or not at all.
      await writePostings(deps.db, claim.visitId, claim.id, postings);
      return open;
    },

    /** Cosmetic and non-covered services: charged to the patient, never on an 837. */
    async billSelfPay(input: { visitId: string; lines: ClaimLine[]; key: string }): Promise<number> {
      await writePostings(
        deps.db,
        input.visitId,
        null,
        selfPayPostings(`${input.visitId}:${input.key}`, input.lines),
      );
      return input.lines.reduce((sum, l) => sum + l.chargeCents, 0);
    },
  };
}
