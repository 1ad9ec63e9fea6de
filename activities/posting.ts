import type { ActivityDependencies } from './dependencies';
import { recordAudit } from '../src/audit/audit-log';
import type { ClaimLine } from '../src/coding/types';
import {
  allAdjustments,
  denialCodes,
  remittancePostings,
  selfPayPostings,
  type LedgerPosting,
} from '../src/posting/ledger-entries';
import type { ClaimPayment } from '../src/remittance/types';
import { writePostings } from './claims';
import { invalidData } from './errors';

export interface PostingSummary {
  statusCode: string;
  /** CLP07: what a replacement claim must quote in REF*F8. */
  payerClaimNumber: string;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Open insurance receivable on the claim after posting (0 when fully adjudicated). */
  insuranceBalanceCents: number;
  /** CARC codes of non-contractual denials, e.g. "CO-4", for the denial worklist. */
  denialReasons: string[];
}

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
      const remittanceClaim = await deps.db.remittanceClaim.findUnique({
        where: { id: input.remittanceClaimId },
      });
      if (!remittanceClaim) throw invalidData(`remittance claim ${input.remittanceClaimId} not found`);
      const claim = await deps.db.claim.findUniqueOrThrow({ where: { id: input.claimId } });
      const payment = remittanceClaim.detail as unknown as ClaimPayment;
      const denied = payment.statusCode === '4';
      await deps.db.$transaction(async (tx) => {
        const posted = await tx.payment.findUnique({ where: { remittanceClaimId: remittanceClaim.id } });
        if (posted) return;
        await tx.payment.create({
          data: { remittanceClaimId: remittanceClaim.id, claimId: claim.id, amountCents: payment.paidCents },
        });
        await tx.adjustment.createMany({
          data: allAdjustments(payment).map((a) => ({
            claimId: claim.id,
            remittanceClaimId: remittanceClaim.id,
            groupCode: a.group,
            reasonCode: a.reasonCode,
            amountCents: a.amountCents,
            lineControlNumber: a.lineControlNumber,
          })),
        });
        await writePostings(tx, claim.visitId, claim.id, remittancePostings(remittanceClaim.id, payment));
        await tx.remittanceClaim.update({
          where: { id: remittanceClaim.id },
          data: { postedAt: deps.clock(), claimId: claim.id },
        });
        await tx.claim.update({
          where: { id: claim.id },
          data: {
            status: denied ? 'denied' : payment.statusCode === '22' ? 'reversed' : 'paid',
            paidAt: deps.clock(),
            payerClaimNumber: payment.payerClaimNumber,
            // Estimate accuracy (the dashboard's metric): what the 835 made the patient owe, less the estimate.
            ...(claim.patientEstimateCents !== null && payment.statusCode !== '22'
              ? { estimateVarianceCents: payment.patientResponsibilityCents - claim.patientEstimateCents }
              : {}),
          },
        });
        await recordAudit(tx, {
          visitId: claim.visitId,
          claimId: claim.id,
          actor: 'system',
          action: 'remittance.posted',
          detail: {
            remittanceClaimId: remittanceClaim.id,
            statusCode: payment.statusCode,
            paidCents: payment.paidCents,
            patientResponsibilityCents: payment.patientResponsibilityCents,
          },
          eventKey: `remittance-posted:${remittanceClaim.id}`,
        });
      });
      const denialReasons = denialCodes(payment);
      return {
        statusCode: payment.statusCode,
        payerClaimNumber: payment.payerClaimNumber,
        paidCents: payment.paidCents,
        patientResponsibilityCents: payment.patientResponsibilityCents,
        insuranceBalanceCents: await insuranceBalance(claim.id),
        denialReasons,
      };
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
