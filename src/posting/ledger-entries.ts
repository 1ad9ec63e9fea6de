import type { PayerSequence } from '../claims/types';
import type { ClaimLine } from '../coding/types';
import type { ClaimAdjustment, ClaimPayment } from '../remittance/types';

export type LedgerAccount = 'INSURANCE_AR' | 'PATIENT_AR';

export interface LedgerPosting {
  account: LedgerAccount;
  entryType:
    | 'charge'
    | 'insurance_payment'
    | 'contractual_adjustment'
    | 'other_adjustment'
    | 'transfer_to_patient'
    | 'patient_responsibility'
    | 'self_pay_charge'
    /** PATIENT_AR, negative, on the secondary/tertiary claim: what the patient owed goes to that payer. */
    | 'transfer_to_secondary'
    /** INSURANCE_AR, positive, on the secondary/tertiary claim: its opening balance. */
    | 'secondary_billed'
    /** PATIENT_AR, negative: a patient payment. */
    | 'patient_payment';
  /** Signed cents: positive increases what is owed on the account. */
  amountCents: number;
  reasonCode?: string;
  memo: string;
  /** Unique per effect, so posting the same remittance twice writes nothing new. */
  idempotencyKey: string;
}

export function chargePostings(claimId: string, totalChargeCents: number): LedgerPosting[] {
  return [
    {
      account: 'INSURANCE_AR',
      entryType: 'charge',
      amountCents: totalChargeCents,
      memo: 'claim charges',
      idempotencyKey: `charge:${claimId}`,
    },
  ];
}

/**
 * A secondary (or tertiary) claim is created: what the patient owed after the previous payer moves
 * from the patient's account to the new claim's insurance receivable (both on the new claim).
 */
export function secondaryBilledPostings(claimId: string, amountCents: number): LedgerPosting[] {
  return [
    {
      account: 'PATIENT_AR',
      entryType: 'transfer_to_secondary',
      amountCents: -amountCents,
      memo: 'patient responsibility billed to the next payer',
      idempotencyKey: `secondary:${claimId}:patient`,
    },
    {
      account: 'INSURANCE_AR',
      entryType: 'secondary_billed',
      amountCents,
      memo: 'billed to the next payer after the prior payer paid',
      idempotencyKey: `secondary:${claimId}:billed`,
    },
  ];
}

export function selfPayPostings(visitId: string, lines: ClaimLine[]): LedgerPosting[] {
  return lines.map((line, index) => ({
    account: 'PATIENT_AR' as const,
    entryType: 'self_pay_charge' as const,
    amountCents: line.chargeCents,
    memo: `self-pay ${line.code} ${line.label}`,
    idempotencyKey: `selfpay:${visitId}:${index + 1}:${line.code}`,
  }));
}

/** Every CAS on the claim, claim-level and line-level. */
export function allAdjustments(
  payment: ClaimPayment,
): Array<ClaimAdjustment & { lineControlNumber?: string }> {
  return [
    ...payment.adjustments,
    ...payment.lines.flatMap((line) =>
      line.adjustments.map((a) => ({ ...a, lineControlNumber: line.lineControlNumber })),
    ),
  ];
}

/**
 * Adjustments that are the contract working as agreed (market norm: auto-posted as write-offs).
 * Every other CO/OA/PI adjustment is a denial: it is not written off automatically.
 */
export const CONTRACTUAL_ADJUSTMENT_CODES = ['CO-45', 'CO-253', 'OA-23'] as const;
const CONTRACTUAL = new Set<string>(CONTRACTUAL_ADJUSTMENT_CODES);

export function isContractualAdjustment(adj: Pick<ClaimAdjustment, 'group' | 'reasonCode'>): boolean {
  return CONTRACTUAL.has(`${adj.group}-${adj.reasonCode}`);
}

/**
 * The adjustments that write a claim's own receivable down as the contract: on a secondary or
 * tertiary claim OA-23 is the prior payers' share, already settled on their claims (the ledger
 * check reads the same list).
 */
export function contractualCodesFor(payerSequence: PayerSequence): readonly string[] {
  return payerSequence === 'P'
    ? CONTRACTUAL_ADJUSTMENT_CODES
    : CONTRACTUAL_ADJUSTMENT_CODES.filter((code) => code !== 'OA-23');
}

/** CARC codes (e.g. "CO-4") of the denials in a claim payment, claim- and line-level. */
export function denialCodes(payment: ClaimPayment): string[] {
  const codes = allAdjustments(payment)
    .filter((a) => a.group !== 'PR' && !isContractualAdjustment(a))
    .map((a) => `${a.group}-${a.reasonCode}`);
  return [...new Set(codes)];
}

/**
 * Ledger effects of one claim payment from an 835. Contractual adjustments (CO-45…) write the
 * insurance balance down; patient responsibility (PR) moves it to the patient. Denials (CO-4,
 * CO-11, CO-236…) post nothing: their balance stays open until it is corrected, appealed or
 * written off by staff. Reversals (CLP02 = 22) carry negative amounts and undo what they reverse.
 */
export function remittancePostings(
  remittanceClaimId: string,
  payment: ClaimPayment,
  /** The claim's payer sequence: on a secondary or tertiary claim OA-23 posts nothing. */
  claim: { payerSequence?: PayerSequence } = {},
): LedgerPosting[] {
  const postings: LedgerPosting[] = [];
  // On a secondary or tertiary claim the prior payer's share (OA-23) posts nothing: secondary_billed excluded it.
  const contractual = contractualCodesFor(claim.payerSequence ?? 'P');
  const key = (suffix: string) => `era:${remittanceClaimId}:${suffix}`;
  if (payment.paidCents !== 0) {
    postings.push({
      account: 'INSURANCE_AR',
      entryType: 'insurance_payment',
      amountCents: -payment.paidCents,
      memo: `payer paid (claim ${payment.payerClaimNumber})`,
      idempotencyKey: key('paid'),
    });
  }
  allAdjustments(payment).forEach((adj, index) => {
    const code = `${adj.group}-${adj.reasonCode}`;
    if (adj.group === 'PR') {
      postings.push(
        {
          account: 'INSURANCE_AR',
          entryType: 'transfer_to_patient',
          amountCents: -adj.amountCents,
          reasonCode: code,
          memo: `patient responsibility ${code}`,
          idempotencyKey: key(`${index}:ins`),
        },
        {
          account: 'PATIENT_AR',
          entryType: 'patient_responsibility',
          amountCents: adj.amountCents,
          reasonCode: code,
          memo: `patient responsibility ${code}`,
          idempotencyKey: key(`${index}:pat`),
        },
      );
    } else if (contractual.includes(code)) {
      postings.push({
        account: 'INSURANCE_AR',
        entryType: 'contractual_adjustment',
        amountCents: -adj.amountCents,
        reasonCode: code,
        memo: `adjustment ${code}`,
        idempotencyKey: key(`${index}:adj`),
      });
    }
  });
  return postings;
}

export function balanceOf(
  postings: Array<Pick<LedgerPosting, 'account' | 'amountCents'>>,
  account: LedgerAccount,
) {
  return postings.filter((p) => p.account === account).reduce((sum, p) => sum + p.amountCents, 0);
}
