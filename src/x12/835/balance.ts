import type { ClaimAdjustment, ClaimPayment, RemittanceAdvice } from '../../remittance/types';
import { formatCents } from '../money';

/** A balancing failure of an 835, located by claim/line index (and segment position when known). */
export interface BalanceProblem {
  level: 'payment' | 'claim' | 'line';
  /** 0-based claim index within the payment. */
  claimIndex?: number;
  /** 0-based service line index within the claim. */
  lineIndex?: number;
  /** Position of the BPR, CLP or SVC segment in the file, when read from X12. */
  segmentPosition?: number;
  segmentId: 'BPR' | 'CLP' | 'SVC';
  expectedCents: number;
  foundCents: number;
  message: string;
}

export function sumAdjustments(adjustments: ClaimAdjustment[]): number {
  return adjustments.reduce((total, adjustment) => total + adjustment.amountCents, 0);
}

/** Claim and line rules: charge − paid = claim CAS + line CAS; per line charge − paid = line CAS. */
export function checkClaimBalance(
  claim: ClaimPayment,
  claimIndex: number,
  positions?: { claim?: number; lines?: number[] },
): BalanceProblem[] {
  const problems: BalanceProblem[] = [];
  let lineAdjustments = 0;
  claim.lines.forEach((line, lineIndex) => {
    const adjusted = sumAdjustments(line.adjustments);
    lineAdjustments += adjusted;
    const expected = line.chargeCents - line.paidCents;
    if (expected !== adjusted) {
      problems.push({
        level: 'line',
        claimIndex,
        lineIndex,
        segmentPosition: positions?.lines?.[lineIndex],
        segmentId: 'SVC',
        expectedCents: expected,
        foundCents: adjusted,
        message:
          `claim ${claimIndex + 1} line ${lineIndex + 1}${at(positions?.lines?.[lineIndex])}: SVC02 charge − SVC03 paid = ${formatCents(expected)}` +
          ` but the line CAS adjustments sum to ${formatCents(adjusted)}`,
      });
    }
  });
  const expected = claim.chargeCents - claim.paidCents;
  const found = sumAdjustments(claim.adjustments) + lineAdjustments;
  if (expected !== found) {
    problems.push({
      level: 'claim',
      claimIndex,
      segmentPosition: positions?.claim,
      segmentId: 'CLP',
      expectedCents: expected,
      foundCents: found,
      message:
        `claim ${claimIndex + 1}${at(positions?.claim)}: CLP03 charge − CLP04 paid = ${formatCents(expected)}` +
        ` but claim and line CAS adjustments sum to ${formatCents(found)}`,
    });
  }
  return problems;
}

/** Payment rule: BPR02 = Σ CLP04 − Σ PLB amounts. */
export function checkPaymentBalance(
  paymentCents: number,
  totalPaidCents: number,
  providerAdjustmentCents: number,
  segmentPosition?: number,
): BalanceProblem[] {
  const expected = totalPaidCents - providerAdjustmentCents;
  if (expected === paymentCents) return [];
  return [
    {
      level: 'payment',
      segmentPosition,
      segmentId: 'BPR',
      expectedCents: expected,
      foundCents: paymentCents,
      message:
        `payment${at(segmentPosition)}: BPR02 is ${formatCents(paymentCents)} but Σ CLP04 ${formatCents(totalPaidCents)}` +
        ` − Σ PLB ${formatCents(providerAdjustmentCents)} = ${formatCents(expected)}`,
    },
  ];
}

/** All balancing rules of one remittance in billing terms. */
export function checkRemittanceBalance(advice: RemittanceAdvice): BalanceProblem[] {
  const problems = advice.claims.flatMap((claim, index) => checkClaimBalance(claim, index));
  const paid = advice.claims.reduce((total, claim) => total + claim.paidCents, 0);
  const plb = advice.providerAdjustments.reduce((total, adjustment) => total + adjustment.amountCents, 0);
  return [...problems, ...checkPaymentBalance(advice.paymentCents, paid, plb)];
}

function at(position: number | undefined): string {
  return position === undefined ? '' : ` (segment #${position})`;
}
