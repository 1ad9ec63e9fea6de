import type { CodingResult } from '../coding/types';
import type { EligibilityResult } from '../eligibility/types';

export interface DecisionPolicy {
  /** Claims coded with less confidence than this go to staff review. */
  autoSubmitMinConfidence: number;
}

export type ClaimRoute =
  /** Clean claim: submit the 837P now. */
  | { action: 'submit'; reasons: string[] }
  /** Hold for billing staff, with every reason spelled out. */
  | { action: 'review'; reasons: string[] }
  /** Nothing to bill to insurance (self-pay visit or only cosmetic services). */
  | { action: 'self_pay'; reasons: string[] };

/**
 * Auto-submit only when edits pass, coverage is active, no prior authorization is open and
 * confidence is high enough (domain brief §9.2). Pathology holds are resolved before this runs.
 */
export function decideClaimRoute(
  coding: CodingResult,
  eligibility: EligibilityResult | null,
  policy: DecisionPolicy,
): ClaimRoute {
  const codingErrors = coding.findings.filter((f) => f.severity === 'error');
  if (codingErrors.length === 0 && (eligibility === null || coding.lines.length === 0)) {
    const why = eligibility === null ? 'visit has no insurance coverage' : 'no insurance-billable services';
    return { action: 'self_pay', reasons: [why] };
  }
  const reasons = codingErrors.map((f) => `coding error ${f.ruleId}: ${f.message}`);
  if (eligibility && eligibility.status !== 'active') {
    const detail = eligibility.errors.map((e) => `${e.code} ${e.message}`).join('; ');
    reasons.push(`coverage is ${eligibility.status}${detail ? ` (${detail})` : ''}`);
  }
  const billed = new Set(coding.lines.map((l) => l.code));
  const needsAuth = (eligibility?.priorAuthRequiredFor ?? []).filter((code) => billed.has(code));
  if (needsAuth.length > 0) reasons.push(`prior authorization required for ${needsAuth.join(', ')}`);
  if (coding.confidence.score < policy.autoSubmitMinConfidence) {
    reasons.push(
      `coding confidence ${coding.confidence.score.toFixed(2)} is below ${policy.autoSubmitMinConfidence.toFixed(2)}`,
    );
  }
  if (coding.lines.some((l) => l.chargeCents <= 0))
    reasons.push('a claim line has no charge in the fee schedule');
  if (coding.lines.some((l) => l.diagnosisPointers.length === 0))
    reasons.push('a claim line has no diagnosis pointer');
  return reasons.length > 0
    ? { action: 'review', reasons }
    : { action: 'submit', reasons: ['all edits passed, coverage active, no prior authorization needed'] };
}
