import type { ProfessionalClaim } from '../../claims/types';
import type { EligibilityRequest, EligibilityResult } from '../../eligibility/types';
import type { ClaimAdjustment, ClaimPayment, ServiceLinePayment } from '../../remittance/types';
import type { ClaimAcknowledgement } from '../types';

/**
 * The sandbox payer's documented, deterministic rules (docs/sandbox.md). Member-ID prefixes pick
 * the scenario, so demos and tests can reach every path without configuration:
 *   INACT…  coverage inactive (271 EB*6)        TERM…  coverage ended: claim denied CO-27
 *   REJ…    front-end rejection (277CA A7)      PA…    prior authorization needed for Mohs/phototherapy
 *   DED…    $100.00 deductible remaining (PR-1) anything else: active, deductible met
 */
export interface SandboxPlan {
  /** Allowed amount as a share of billed charges, in basis points (CO-45 writes off the rest). */
  allowedBasisPoints: number;
  coinsuranceBasisPoints: number;
  /** Specialist office-visit copay, applied to the E/M line. */
  copayCents: number;
  planName: string;
}

const plans: Record<string, SandboxPlan> = {
  medicare: {
    allowedBasisPoints: 6000,
    coinsuranceBasisPoints: 2000,
    copayCents: 0,
    planName: 'SANDBOX MEDICARE PART B',
  },
  commercial: {
    allowedBasisPoints: 7500,
    coinsuranceBasisPoints: 2000,
    copayCents: 4000,
    planName: 'SANDBOX PPO GOLD',
  },
};

/** Payer IDs starting with "MC" behave like Medicare; all others like a commercial PPO. */
export function planFor(payerId: string): SandboxPlan {
  return payerId.startsWith('MC') ? plans.medicare! : plans.commercial!;
}

const AUTH_REQUIRED = /^(1731[1-5]|9690[0-9]|9691[0-2]|9692[0-2])$/;
const COSMETIC = /^(1578[89]|1579[0-3]|J0585|64650|17380)$/;
const EM = /^992\d\d$/;

export function deductibleRemainingCents(memberId: string): number {
  return memberId.startsWith('DED') ? 10000 : 0;
}

export function answerEligibility(request: EligibilityRequest): EligibilityResult {
  const plan = planFor(request.payerId);
  if (request.memberId.startsWith('INACT')) {
    return {
      status: 'inactive',
      planName: plan.planName,
      coverageEnd: '2025-12-31',
      priorAuthRequiredFor: [],
      errors: [{ code: 'EB6', message: 'coverage inactive on the date of service' }],
    };
  }
  return {
    status: 'active',
    planName: plan.planName,
    coverageStart: '2026-01-01',
    inNetwork: true,
    deductibleCents: 25700,
    deductibleRemainingCents: deductibleRemainingCents(request.memberId),
    coinsuranceBasisPoints: plan.coinsuranceBasisPoints,
    copayCents: plan.copayCents,
    outOfPocketRemainingCents: 500000,
    priorAuthRequiredFor: request.memberId.startsWith('PA')
      ? request.procedureCodes.filter((c) => AUTH_REQUIRED.test(c))
      : [],
    errors: [],
  };
}

/** Front-end edits a clearinghouse applies before the payer sees the claim (277CA). */
export function acknowledgeClaim(claim: ProfessionalClaim): ClaimAcknowledgement {
  const reasons: string[] = [];
  if (claim.subscriber.memberId.startsWith('REJ'))
    reasons.push('A7:33 subscriber and subscriber id not found');
  if (claim.diagnosisCodes.length === 0) reasons.push('A7:255 diagnosis code missing');
  claim.lines.forEach((line, i) => {
    if (line.chargeCents <= 0) reasons.push(`A7:178 line ${i + 1} submitted charge is missing or zero`);
    if (
      line.diagnosisPointers.length === 0 ||
      line.diagnosisPointers.some((p) => p > claim.diagnosisCodes.length)
    )
      reasons.push(`A7:255 line ${i + 1} diagnosis pointer invalid`);
  });
  const accepted = reasons.length === 0;
  return {
    patientControlNumber: claim.patientControlNumber,
    accepted,
    categoryCode: accepted ? 'A2' : 'A7',
    statusCode: accepted ? '20' : (reasons[0]!.split(' ')[0]!.split(':')[1] ?? '21'),
    payerClaimNumber: accepted ? `SBX${claim.patientControlNumber}` : undefined,
    reasons,
  };
}

function share(amountCents: number, basisPoints: number): number {
  return Math.floor((amountCents * basisPoints) / 10000);
}

/**
 * Adjudicates an accepted claim line by line: CO-45 above the fee schedule, then deductible (PR-1),
 * copay on the E/M (PR-3) and coinsurance (PR-2); denials CO-4 (E/M with a same-day procedure and
 * no modifier 25), CO-96 (cosmetic), CO-27 (coverage ended), CO-18 (exact duplicate).
 */
export function adjudicateClaim(claim: ProfessionalClaim, options: { duplicate: boolean }): ClaimPayment {
  const plan = planFor(claim.payer.payerId);
  let deductibleLeft = deductibleRemainingCents(claim.subscriber.memberId);
  const hasProcedure = claim.lines.some((l) => !EM.test(l.code));
  const lines: ServiceLinePayment[] = claim.lines.map((line) => {
    const deny = (reasonCode: string): ServiceLinePayment => ({
      lineControlNumber: line.lineControlNumber,
      procedureCode: line.code,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      paidCents: 0,
      units: line.units,
      adjustments: [{ group: 'CO', reasonCode, amountCents: line.chargeCents }],
      remarkCodes: reasonCode === '4' ? ['N519'] : [],
    });
    if (options.duplicate) return deny('18');
    if (claim.subscriber.memberId.startsWith('TERM')) return deny('27');
    if (COSMETIC.test(line.code)) return deny('96');
    if (EM.test(line.code) && hasProcedure && !line.modifiers.includes('25')) return deny('4');
    const allowed = share(line.chargeCents, plan.allowedBasisPoints);
    const adjustments: ClaimAdjustment[] = [];
    if (line.chargeCents > allowed)
      adjustments.push({ group: 'CO', reasonCode: '45', amountCents: line.chargeCents - allowed });
    let remaining = allowed;
    const deductible = Math.min(deductibleLeft, remaining);
    if (deductible > 0) {
      adjustments.push({ group: 'PR', reasonCode: '1', amountCents: deductible });
      deductibleLeft -= deductible;
      remaining -= deductible;
    }
    if (EM.test(line.code) && plan.copayCents > 0) {
      const copay = Math.min(plan.copayCents, remaining);
      if (copay > 0) adjustments.push({ group: 'PR', reasonCode: '3', amountCents: copay });
      remaining -= copay;
    } else {
      const coinsurance = share(remaining, plan.coinsuranceBasisPoints);
      if (coinsurance > 0) adjustments.push({ group: 'PR', reasonCode: '2', amountCents: coinsurance });
      remaining -= coinsurance;
    }
    return {
      lineControlNumber: line.lineControlNumber,
      procedureCode: line.code,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      paidCents: remaining,
      units: line.units,
      adjustments,
      remarkCodes: [],
    };
  });
  const paidCents = lines.reduce((s, l) => s + l.paidCents, 0);
  const patientResponsibilityCents = lines
    .flatMap((l) => l.adjustments)
    .filter((a) => a.group === 'PR')
    .reduce((s, a) => s + a.amountCents, 0);
  return {
    patientControlNumber: claim.patientControlNumber,
    statusCode: paidCents === 0 && patientResponsibilityCents === 0 ? '4' : '1',
    chargeCents: claim.totalChargeCents,
    paidCents,
    patientResponsibilityCents,
    payerClaimNumber: `SBX${claim.patientControlNumber}`,
    adjustments: [],
    lines,
    remarkCodes: [],
  };
}
