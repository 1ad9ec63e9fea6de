import { describeRejection } from '../x12/eligibility/codes';
import type { EligibilityRejection, RejectionCategory } from './types';

/**
 * AAA03 reject reason codes (X12 element 901) by what a person must fix. Checked against the
 * 005010X279A1 code list as published by clearinghouses (Change Healthcare/Optum and Stedi AAA
 * guides): 42 unable to respond now and 80 no response received are the payer's side (retry);
 * 43/44/45/50/51/52/97 are about the provider's identity or enrolment; 71 birth date mismatch,
 * 73 subscriber name, 58 date of birth, 65 patient name; 72 subscriber id, 75 subscriber not found.
 */
const CATEGORY_BY_CODE: Record<string, RejectionCategory> = {
  '42': 'payer_not_responding',
  '80': 'payer_not_responding',
  '41': 'provider_not_on_file',
  '43': 'provider_not_on_file',
  '44': 'provider_not_on_file',
  '45': 'provider_not_on_file',
  '50': 'provider_not_on_file',
  '51': 'provider_not_on_file',
  '52': 'provider_not_on_file',
  '97': 'provider_not_on_file',
  '58': 'name_or_birth_date_mismatch',
  '60': 'name_or_birth_date_mismatch',
  '65': 'name_or_birth_date_mismatch',
  '71': 'name_or_birth_date_mismatch',
  '73': 'name_or_birth_date_mismatch',
  '64': 'invalid_member_id',
  '67': 'invalid_member_id',
  '72': 'invalid_member_id',
  '75': 'invalid_member_id',
  '76': 'invalid_member_id',
  '78': 'invalid_member_id',
  '79': 'invalid_member_id',
};

/** The sentence a review task shows for each category. */
export const REJECTION_ACTIONS: Record<RejectionCategory, string> = {
  invalid_member_id:
    'The payer does not recognise the member id: check the insurance card and correct the member id (or the payer) in the EHR.',
  name_or_birth_date_mismatch:
    "The name or date of birth does not match the payer's record: compare them with the insurance card and correct the EHR.",
  provider_not_on_file:
    'The payer does not have the practice or rendering provider on file: check the NPI and the payer enrolment before billing.',
  payer_not_responding:
    'The payer did not answer the eligibility check: it is retried automatically; nothing to correct.',
  request_incomplete:
    'The payer could not process the inquiry as sent (missing or invalid data or dates): check the visit details and resubmit.',
};

export function rejectionCategory(code: string): RejectionCategory {
  return CATEGORY_BY_CODE[code] ?? 'request_incomplete';
}

/** One AAA segment (reject reason AAA03, follow-up AAA04) classified for a person. */
export function classifyRejection(code: string, followUp = ''): EligibilityRejection {
  const category = rejectionCategory(code);
  return { code, message: describeRejection(code), category, action: REJECTION_ACTIONS[category], followUp };
}

/** True when every rejection is the payer's side: the check should simply be asked again later. */
export function onlyPayerNotResponding(rejections: EligibilityRejection[]): boolean {
  return rejections.length > 0 && rejections.every((r) => r.category === 'payer_not_responding');
}
