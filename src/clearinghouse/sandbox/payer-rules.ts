import type { ProfessionalClaim } from '../../claims/types';
import { ANATOMIC_MODIFIERS } from '../../coding/modifiers';
import {
  acceptedDistinctModifiers,
  defaultPayerPolicies,
  payerPolicyFor,
  type PayerPolicy,
} from '../../coding/payer-policy';
import type { EligibilityRequest, EligibilityResult } from '../../eligibility/types';
import type {
  ClaimAdjustment,
  ClaimPayment,
  ProviderAdjustment,
  ServiceLinePayment,
} from '../../remittance/types';
import type { ClaimAcknowledgement } from '../types';
import { sandboxMember } from './sandbox-members';
import { insuranceTypeOf } from '../../eligibility/read-271';
import { classifyRejection } from '../../eligibility/rejections';

/**
 * The sandbox payer's documented, deterministic rules (docs/sandbox.md). Pure: no I/O, no clock.
 * Member-ID prefixes pick the scenario, so demos and tests can reach every path without configuration:
 *   INACT…  coverage inactive (271 EB*6)          TERM…  coverage ended: claim denied CO-27
 *   REJ…    front-end rejection (277CA A7:33)     PA…    prior authorization needed for Mohs/phototherapy
 *   DED…    $100.00 deductible remaining (PR-1)   HDHP…  high-deductible plan ($1,000.00 left, 30%)
 *   UNK…    subscriber not found (271 AAA 75)     LATE…  paid late: prompt-pay interest (PLB L6)
 *   anything else: active, deductible met.
 * Claims are read from the 837P, so diagnosis codes arrive without the dot ("L821").
 */
export interface SandboxPlan {
  /** Allowed amount as a share of billed charges, in basis points (CO-45 writes off the rest). */
  allowedBasisPoints: number;
  coinsuranceBasisPoints: number;
  /** Specialist office-visit copay, applied to the E/M line. */
  copayCents: number;
  /** Deductible for the year and what is left of it for this member. */
  deductibleCents: number;
  deductibleRemainingCents: number;
  outOfPocketCents: number;
  outOfPocketRemainingCents: number;
  planName: string;
  /**
   * The payer's coding policy (config/payer-policies.json, shared with coding and denial
   * correction): which distinct-service modifiers it recognises and on which line of an NCCI pair.
   */
  policy: PayerPolicy;
}

/** Payer IDs starting with "MC" behave like Medicare; all others like a commercial PPO. */
export function planFor(payerId: string, memberId = ''): SandboxPlan {
  const medicare = payerId.startsWith('MC');
  const policy = payerPolicyFor(defaultPayerPolicies, {
    payerId,
    payerType: medicare ? 'medicare' : 'commercial',
  });
  const base: SandboxPlan = medicare
    ? {
        allowedBasisPoints: 6000,
        coinsuranceBasisPoints: 2000,
        copayCents: 0,
        deductibleCents: 25700,
        deductibleRemainingCents: 0,
        outOfPocketCents: 800000,
        outOfPocketRemainingCents: 500000,
        planName: 'SANDBOX MEDICARE PART B',
        policy,
      }
    : {
        allowedBasisPoints: 7500,
        coinsuranceBasisPoints: 2000,
        copayCents: 4000,
        deductibleCents: 50000,
        deductibleRemainingCents: 0,
        outOfPocketCents: 800000,
        outOfPocketRemainingCents: 500000,
        planName: 'SANDBOX PPO GOLD',
        policy,
      };
  return withMemberBenefits(prefixPlan(base, memberId), memberId);
}

/** A configured test member's benefits over the plan (config/sandbox-members.json). */
function withMemberBenefits(plan: SandboxPlan, memberId: string): SandboxPlan {
  const member = sandboxMember(memberId);
  const keys = [
    'planName',
    'copayCents',
    'deductibleCents',
    'deductibleRemainingCents',
    'coinsuranceBasisPoints',
    'outOfPocketCents',
    'outOfPocketRemainingCents',
  ] as const;
  const overrides = Object.fromEntries(
    keys.filter((k) => member[k] !== undefined).map((k) => [k, member[k]]),
  );
  return { ...plan, ...overrides };
}

function prefixPlan(base: SandboxPlan, memberId: string): SandboxPlan {
  if (memberId.startsWith('DED')) return { ...base, deductibleRemainingCents: 10000 };
  if (memberId.startsWith('HDHP'))
    return {
      ...base,
      coinsuranceBasisPoints: 3000,
      copayCents: 0,
      deductibleCents: 150000,
      deductibleRemainingCents: 100000,
      planName: `${base.planName} HDHP`,
    };
  return base;
}

export const AUTH_REQUIRED = /^(1731[1-5]|9690[0-9]|9691[0-2]|9692[0-2])$/;
export const COSMETIC = /^(1578[89]|1579[0-3]|J0585|64650|17380)$/;
const EM = /^992\d\d$/;
/** Benign destruction (17110/17111): medically necessary only with a supporting diagnosis. */
const BENIGN_DESTRUCTION = /^1711[01]$/;
/** Diagnoses that alone do not support benign destruction: L82.1 "other seborrheic keratosis". */
const NOT_SUPPORTING_BENIGN_DESTRUCTION = new Set(['L821']);

/**
 * The sandbox's NCCI procedure-to-procedure pairs (illustrative, not CMS data): the column-2 line
 * is denied CO-236 when both are billed for the same day without an NCCI-associated modifier.
 */
export const SANDBOX_NCCI_PAIRS: ReadonlyArray<{ column1: string; column2: string }> = [
  { column1: '17000', column2: '11200' },
  { column1: '17110', column2: '11055' },
];

export function normaliseDiagnosis(code: string): string {
  return code.replace('.', '').toUpperCase();
}

/**
 * Active unless INACT…; UNK… is a subscriber the payer cannot find (AAA*75). A configured test
 * member (config/sandbox-members.json) may answer a rejection, be inactive, or carry its own benefits.
 */
export function answerEligibility(request: EligibilityRequest): EligibilityResult {
  const plan = planFor(request.payerId, request.memberId);
  const member = sandboxMember(request.memberId);
  const rejection = member.rejection ?? (request.memberId.startsWith('UNK') ? '75' : undefined);
  if (rejection) {
    const classified = classifyRejection(rejection);
    return {
      status: 'error',
      priorAuthRequiredFor: [],
      errors: [{ code: rejection, message: classified.message }],
    };
  }
  if (member.inactive || request.memberId.startsWith('INACT')) {
    // Inactive coverage is an answer (EB*6), not an error: no AAA segment.
    return {
      status: 'inactive',
      planName: plan.planName,
      coverageEnd: '2025-12-31',
      priorAuthRequiredFor: [],
      errors: [],
    };
  }
  return {
    status: 'active',
    planName: plan.planName,
    ...(member.insuranceType ? { insuranceType: insuranceTypeOf(member.insuranceType) } : {}),
    coverageStart: '2026-01-01',
    inNetwork: true,
    deductibleCents: plan.deductibleCents,
    deductibleRemainingCents: plan.deductibleRemainingCents,
    coinsuranceBasisPoints: plan.coinsuranceBasisPoints,
    copayCents: plan.copayCents,
    outOfPocketCents: plan.outOfPocketCents,
    outOfPocketRemainingCents: plan.outOfPocketRemainingCents,
    ...(member.limitations ? { limitations: member.limitations } : {}),
    ...(member.referralRequired ? { referralRequired: true } : {}),
    ...(member.otherPayers ? { otherPayers: member.otherPayers } : {}),
    priorAuthRequiredFor: request.memberId.startsWith('PA')
      ? request.procedureCodes.filter((c) => AUTH_REQUIRED.test(c))
      : [],
    errors: [],
  };
}

/**
 * Front-end edits a clearinghouse applies before the payer sees the claim (277CA). Reasons are
 * "<category>/<status code> <words>" ("/": ":" is the X12 component separator) with X12 code list 507/508 codes.
 */
export function acknowledgeClaim(
  claim: ProfessionalClaim,
  options: { alreadyAdjudicated?: boolean; correction?: CorrectionProblem } = {},
): ClaimAcknowledgement {
  const reasons: string[] = [];
  if (options.alreadyAdjudicated)
    reasons.push('A3/78 duplicate of a previously processed claim (patient control number)');
  if (options.correction === 'original-not-found')
    reasons.push(
      `A7/35 claim/encounter not found, no adjudicated claim ${claim.originalPayerClaimNumber || '(no REF*F8)'} to ${claim.frequencyCode === '8' ? 'void' : 'replace'}`,
    );
  if (options.correction === 'original-already-corrected')
    reasons.push(
      `A3/78 claim ${claim.originalPayerClaimNumber ?? ''} was already replaced or voided; correct its latest version`,
    );
  if (claim.subscriber.memberId.startsWith('REJ'))
    reasons.push('A7/33 subscriber and subscriber id not found');
  if (claim.diagnosisCodes.length === 0) reasons.push('A7/255 diagnosis code missing');
  claim.lines.forEach((line, i) => {
    if (line.chargeCents <= 0) reasons.push(`A7/178 line ${i + 1} submitted charge is missing or zero`);
    if (
      line.diagnosisPointers.length === 0 ||
      line.diagnosisPointers.some((p) => p > claim.diagnosisCodes.length)
    )
      reasons.push(`A7/255 line ${i + 1} diagnosis pointer invalid`);
  });
  const accepted = reasons.length === 0;
  const [category, status] = accepted ? ['A2', '20'] : reasons[0]!.split(' ')[0]!.split('/');
  return {
    patientControlNumber: claim.patientControlNumber,
    accepted,
    categoryCode: category ?? 'A7',
    statusCode: status ?? '21',
    payerClaimNumber: accepted ? payerClaimNumberFor(claim.patientControlNumber) : undefined,
    reasons,
  };
}

/**
 * Why a replacement (frequency 7) or void (8) cannot be applied: its REF*F8 names no accepted,
 * adjudicated claim of this payer (277CA A7:35), or that claim was already replaced or voided
 * (A3:78; a claim is reversed at most once, the latest version is the one to correct).
 */
export type CorrectionProblem = 'original-not-found' | 'original-already-corrected';

/** A payment to take back: processed (CLP02 1/2/3) with money or adjustments. Denials (4) need none. */
export function needsReversal(payment: ClaimPayment | undefined): payment is ClaimPayment {
  if (!payment || !['1', '2', '3'].includes(payment.statusCode)) return false;
  return (
    payment.paidCents !== 0 ||
    payment.patientResponsibilityCents !== 0 ||
    payment.adjustments.length > 0 ||
    payment.lines.some((l) => l.paidCents !== 0 || l.adjustments.length > 0)
  );
}

/**
 * The reversal of an earlier claim payment (X221A1 1.10.2.8): CLP02 = 22, the original CLP01 and
 * CLP07, every amount negated (CLP03/04/05, claim and line CAS, SVC02/03); codes, remarks, units
 * and line control numbers as originally sent. Balances whenever the original does.
 */
export function reversalOf(original: ClaimPayment): ClaimPayment {
  const neg = (cents: number) => 0 - cents; // never -0
  const negate = (adjustments: ClaimAdjustment[]): ClaimAdjustment[] =>
    adjustments.map((a) => ({ ...a, amountCents: neg(a.amountCents) }));
  return {
    ...original,
    statusCode: '22',
    chargeCents: neg(original.chargeCents),
    paidCents: neg(original.paidCents),
    patientResponsibilityCents: neg(original.patientResponsibilityCents),
    adjustments: negate(original.adjustments),
    lines: original.lines.map((line) => ({
      ...line,
      chargeCents: neg(line.chargeCents),
      paidCents: neg(line.paidCents),
      adjustments: negate(line.adjustments),
    })),
  };
}

export function payerClaimNumberFor(patientControlNumber: string): string {
  return `SBX${patientControlNumber}`;
}

/** Member, date of service and procedure codes: two original claims alike in these are duplicates. */
export function duplicateFingerprint(claim: ProfessionalClaim): string {
  return [
    claim.payer.payerId,
    claim.subscriber.memberId,
    claim.dateOfService,
    ...claim.lines.map((l) => `${l.code}:${l.modifiers.join('')}`),
  ].join('|');
}

function share(amountCents: number, basisPoints: number): number {
  return Math.floor((amountCents * basisPoints) / 10000);
}

/** The column-2 codes of the claim denied CO-236 (pair billed without an NCCI-associated modifier). */
export function ncciDeniedCodes(claim: ProfessionalClaim, plan: SandboxPlan): Set<string> {
  const denied = new Set<string>();
  const byCode = (code: string) => claim.lines.filter((l) => l.code === code);
  const distinct = acceptedDistinctModifiers(plan.policy);
  const bypasses = (m: string) => distinct.has(m) || ANATOMIC_MODIFIERS.has(m);
  const modified = (lines: ProfessionalClaim['lines']) => lines.some((l) => l.modifiers.some(bypasses));
  const eitherCode = plan.policy.ncciModifierLine === 'either';
  for (const pair of SANDBOX_NCCI_PAIRS) {
    const column1 = byCode(pair.column1);
    const column2 = byCode(pair.column2);
    if (column1.length === 0 || column2.length === 0) continue;
    const bypass = modified(column2) || (eitherCode && modified(column1));
    if (!bypass) denied.add(pair.column2);
  }
  return denied;
}

/** CO-11: a benign destruction line whose pointed diagnoses are all L82.1 (reads cosmetic). */
export function diagnosisInconsistent(claim: ProfessionalClaim, line: ProfessionalClaim['lines'][number]) {
  if (!BENIGN_DESTRUCTION.test(line.code)) return false;
  const pointed = line.diagnosisPointers
    .map((p) => claim.diagnosisCodes[p - 1])
    .filter((c): c is string => c !== undefined)
    .map(normaliseDiagnosis);
  return pointed.length > 0 && pointed.every((c) => NOT_SUPPORTING_BENIGN_DESTRUCTION.has(c));
}

const REMARKS: Record<string, string[]> = { '4': ['N519'], '11': ['M76'], '236': ['N20'] };

/**
 * Adjudicates an accepted claim line by line. Denials, first match wins: CO-18 (exact duplicate),
 * CO-27 (coverage ended), CO-96 (cosmetic), CO-236 (NCCI pair without modifier), CO-11 (diagnosis
 * does not support the procedure), CO-4 (E/M with a same-day procedure and no modifier 25). Paid
 * lines: CO-45 above the fee schedule, then deductible (PR-1), copay on the E/M (PR-3) or
 * coinsurance (PR-2).
 */
export function adjudicateClaim(claim: ProfessionalClaim, options: { duplicate: boolean }): ClaimPayment {
  const plan = planFor(claim.payer.payerId, claim.subscriber.memberId);
  let deductibleLeft = plan.deductibleRemainingCents;
  // The patient's share stops at the out-of-pocket left: each PR amount takes at most what is left.
  let outOfPocketLeft = plan.outOfPocketRemainingCents;
  const patientPays = (cents: number) => {
    const paid = Math.min(cents, outOfPocketLeft);
    outOfPocketLeft -= paid;
    return paid;
  };
  const hasProcedure = claim.lines.some((l) => !EM.test(l.code));
  const ncciDenied = ncciDeniedCodes(claim, plan);
  const lines: ServiceLinePayment[] = claim.lines.map((line) => {
    const deny = (reasonCode: string): ServiceLinePayment => ({
      lineControlNumber: line.lineControlNumber || undefined,
      procedureCode: line.code,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      paidCents: 0,
      units: line.units,
      adjustments: [{ group: 'CO', reasonCode, amountCents: line.chargeCents }],
      remarkCodes: REMARKS[reasonCode] ?? [],
    });
    if (options.duplicate) return deny('18');
    if (claim.subscriber.memberId.startsWith('TERM')) return deny('27');
    if (COSMETIC.test(line.code)) return deny('96');
    if (ncciDenied.has(line.code)) return deny('236');
    if (diagnosisInconsistent(claim, line)) return deny('11');
    if (EM.test(line.code) && hasProcedure && !line.modifiers.includes('25')) return deny('4');
    const allowed = share(line.chargeCents, plan.allowedBasisPoints);
    const adjustments: ClaimAdjustment[] = [];
    if (line.chargeCents > allowed)
      adjustments.push({ group: 'CO', reasonCode: '45', amountCents: line.chargeCents - allowed });
    let remaining = allowed;
    const deductible = patientPays(Math.min(deductibleLeft, remaining));
    if (deductible > 0) {
      adjustments.push({ group: 'PR', reasonCode: '1', amountCents: deductible });
      deductibleLeft -= deductible;
      remaining -= deductible;
    }
    if (EM.test(line.code) && plan.copayCents > 0) {
      const copay = patientPays(Math.min(plan.copayCents, remaining));
      if (copay > 0) adjustments.push({ group: 'PR', reasonCode: '3', amountCents: copay });
      remaining -= copay;
    } else {
      const coinsurance = patientPays(share(remaining, plan.coinsuranceBasisPoints));
      if (coinsurance > 0) adjustments.push({ group: 'PR', reasonCode: '2', amountCents: coinsurance });
      remaining -= coinsurance;
    }
    return {
      lineControlNumber: line.lineControlNumber || undefined,
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
    payerClaimNumber: payerClaimNumberFor(claim.patientControlNumber),
    adjustments: [],
    lines,
    remarkCodes: [],
  };
}

/** LATE… members' claims are paid after the prompt-pay deadline (interest is owed). */
export function paidLate(memberId: string): boolean {
  return memberId.startsWith('LATE');
}

/**
 * Provider-level adjustments (PLB) of one payment: prompt-pay interest (L6, a negative PLB amount
 * adds to the payment) of 1% of the paid amount, at least 1 cent, for each paid claim of a LATE…
 * member. The reference is the payer claim number.
 */
export function providerAdjustmentsFor(
  claims: Array<{ payment: ClaimPayment; paidLate: boolean }>,
): ProviderAdjustment[] {
  const out: ProviderAdjustment[] = [];
  for (const { payment, paidLate: late } of claims) {
    if (!late || payment.paidCents <= 0) continue;
    const interest = Math.max(1, Math.floor(payment.paidCents / 100));
    out.push({ reasonCode: 'L6', reference: payment.payerClaimNumber, amountCents: -interest });
  }
  return out;
}
