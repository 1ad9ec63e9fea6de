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
    | 'self_pay_charge';
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
 * Ledger effects of one claim payment from an 835. Contractual (CO/OA/PI/CR) adjustments write
 * the insurance balance down; patient responsibility (PR) moves it to the patient. A denial
 * (CLP02 = 4) posts nothing but its patient share: the open balance stays for staff to work.
 */
export function remittancePostings(remittanceClaimId: string, payment: ClaimPayment): LedgerPosting[] {
  const postings: LedgerPosting[] = [];
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
  const denied = payment.statusCode === '4';
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
    } else if (!denied) {
      postings.push({
        account: 'INSURANCE_AR',
        entryType: adj.group === 'CO' ? 'contractual_adjustment' : 'other_adjustment',
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
