/**
 * Why a claim goes to review or to the patient: stable codes for the dashboard, the review queue
 * filter (ReviewTask.reasonCodes) and the ReviewReasons search attribute, each with a sentence.
 * Codes are never renamed; a new reason is a new code (docs/decision-policy.md lists them).
 */
export const reviewReasonCodes = [
  'low_confidence',
  'coding_error',
  'eligibility_unconfirmed',
  'eligibility_inactive',
  'eligibility_rejected',
  'prior_auth_missing',
  'over_dollar_threshold',
  'unlisted_code',
  'watched_modifier',
  'first_claim_for_payer',
  'first_visit_with_coverage',
  'timely_filing_near',
  'line_without_charge',
  'line_without_diagnosis',
] as const;
export type ReviewReasonCode = (typeof reviewReasonCodes)[number];

export const selfPayReasonCodes = ['no_coverage', 'no_billable_services', 'no_active_coverage'] as const;
export type SelfPayReasonCode = (typeof selfPayReasonCodes)[number];

export type DecisionReasonCode = ReviewReasonCode | SelfPayReasonCode | 'clean_claim';

export interface DecisionReason {
  code: DecisionReasonCode;
  message: string;
}

export function isReviewReasonCode(code: string): code is ReviewReasonCode {
  return (reviewReasonCodes as readonly string[]).includes(code);
}
