import type { ProfessionalClaim } from '../../claims/types';
import type { ClaimAdjustment, ClaimPayment, ServiceLinePayment } from '../../remittance/types';
import { payerClaimNumberFor } from './payer-rules';
import { sandboxMember } from './sandbox-members';

/**
 * How the sandbox payer adjudicates a claim it pays after another payer (docs/sandbox.md): per
 * line, it takes what the prior payer left to the patient (that payer's PR adjustments), keeps its
 * own cost sharing (the member's secondaryCostSharing: deductible, then coinsurance) with the
 * patient as PR, and pays the rest. What the prior payer covered (its payment and contractual
 * write-down) is OA-23, so each line balances: charge = paid + OA-23 + PR.
 */
export interface SecondaryCostSharing {
  deductibleRemainingCents: number;
  coinsuranceBasisPoints: number;
}

const NO_COST_SHARING: SecondaryCostSharing = { deductibleRemainingCents: 0, coinsuranceBasisPoints: 0 };

export function secondaryCostSharingFor(memberId: string): SecondaryCostSharing {
  return sandboxMember(memberId).secondaryCostSharing ?? NO_COST_SHARING;
}

/** One line as the prior payer left it: our charge and that payer's line adjustments. */
export interface PriorAdjudicatedLine {
  lineControlNumber?: string;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  priorAdjustments: ClaimAdjustment[];
}

function sum(adjustments: ClaimAdjustment[]): number {
  return adjustments.reduce((total, a) => total + a.amountCents, 0);
}

/** Pays each line what the prior payer left to the patient, less this payer's own cost sharing. */
export function adjudicateAfterPriorPayer(
  lines: PriorAdjudicatedLine[],
  sharing: SecondaryCostSharing,
): ServiceLinePayment[] {
  let deductibleLeft = sharing.deductibleRemainingCents;
  return lines.map((line) => {
    const patientShare = sum(line.priorAdjustments.filter((a) => a.group === 'PR'));
    const deductible = Math.min(deductibleLeft, patientShare);
    deductibleLeft -= deductible;
    const coinsurance = Math.floor(((patientShare - deductible) * sharing.coinsuranceBasisPoints) / 10000);
    const adjustments: ClaimAdjustment[] = [];
    const priorImpact = line.chargeCents - patientShare;
    if (priorImpact !== 0) adjustments.push({ group: 'OA', reasonCode: '23', amountCents: priorImpact });
    if (deductible > 0) adjustments.push({ group: 'PR', reasonCode: '1', amountCents: deductible });
    if (coinsurance > 0) adjustments.push({ group: 'PR', reasonCode: '2', amountCents: coinsurance });
    return {
      ...(line.lineControlNumber ? { lineControlNumber: line.lineControlNumber } : {}),
      procedureCode: line.procedureCode,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      paidCents: patientShare - deductible - coinsurance,
      units: line.units,
      adjustments,
      remarkCodes: [],
    };
  });
}

/** CLP for lines adjudicated after a prior payer: CLP02 2 (as secondary) or 3 (as tertiary). */
function paymentOf(
  pcn: string,
  statusCode: '2' | '3',
  payerClaimNumber: string,
  lines: ServiceLinePayment[],
): ClaimPayment {
  const all = lines.flatMap((l) => l.adjustments);
  return {
    patientControlNumber: pcn,
    statusCode,
    chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    paidCents: lines.reduce((s, l) => s + l.paidCents, 0),
    patientResponsibilityCents: sum(all.filter((a) => a.group === 'PR')),
    payerClaimNumber,
    adjustments: [],
    lines,
    remarkCodes: [],
  };
}

/** A secondary/tertiary 837P: adjudicated against the last prior payer's 2430 figures. */
export function adjudicateSecondaryClaim(claim: ProfessionalClaim): ClaimPayment {
  const prior = claim.priorPayers?.at(-1);
  const lines = claim.lines.map((line, index) => ({
    lineControlNumber: line.lineControlNumber || undefined,
    procedureCode: line.code,
    modifiers: line.modifiers,
    units: line.units,
    chargeCents: line.chargeCents,
    priorAdjustments: prior?.lines.find((l) => l.lineNumber === index + 1)?.adjustments ?? [],
  }));
  const paid = adjudicateAfterPriorPayer(lines, secondaryCostSharingFor(claim.subscriber.memberId));
  const status = claim.payerSequence === 'T' ? '3' : '2';
  return paymentOf(claim.patientControlNumber, status, payerClaimNumberFor(claim.patientControlNumber), paid);
}

/** What the sandbox keeps for a crossed-over claim: the crossover payer's payment, remitted later. */
export interface CrossoverPayment {
  payerId: string;
  payment: ClaimPayment;
  remitted: boolean;
}

/**
 * A member configured to cross over: a paid primary claim is marked forwarded (CLP02 19, MA18,
 * NM1*TT) and the crossover payer adjudicates it at once from the primary's figures. Same CLP01.
 */
export function crossOver(
  payment: ClaimPayment,
  memberId: string,
): { payment: ClaimPayment; crossover?: CrossoverPayment } {
  const config = sandboxMember(memberId).crossover;
  if (!config || payment.statusCode !== '1') return { payment };
  const forwarded: ClaimPayment = {
    ...payment,
    statusCode: '19',
    remarkCodes: [...payment.remarkCodes, 'MA18'],
    crossoverCarrier: { name: config.payerName, payerId: config.payerId },
  };
  const lines = payment.lines.map((line) => ({ ...line, priorAdjustments: line.adjustments }));
  const paid = adjudicateAfterPriorPayer(lines, secondaryCostSharingFor(config.memberId));
  const number = `${payment.payerClaimNumber}X`;
  return {
    payment: forwarded,
    crossover: {
      payerId: config.payerId,
      payment: paymentOf(payment.patientControlNumber, '2', number, paid),
      remitted: false,
    },
  };
}
