/** The answer to an eligibility inquiry (271) in billing terms. Money in integer cents. */
export interface EligibilityRequest {
  payerId: string;
  memberId: string;
  providerNpi: string;
  subscriber: { firstName: string; lastName: string; dateOfBirth: string };
  dateOfService: string;
  serviceTypeCodes: string[];
  /** Procedure codes we intend to bill, so prior-authorization needs can be reported. */
  procedureCodes: string[];
}

/**
 * What a person must do about an AAA rejection (src/eligibility/rejections.ts): correct the member
 * id, correct the name or date of birth, get the provider enrolled with the payer, wait for the
 * payer (retried automatically), or correct another part of the inquiry.
 */
export type RejectionCategory =
  | 'invalid_member_id'
  | 'name_or_birth_date_mismatch'
  | 'provider_not_on_file'
  | 'payer_not_responding'
  | 'request_incomplete';

/** One AAA segment of a 271, classified. */
export interface EligibilityRejection {
  /** AAA03 reject reason code. */
  code: string;
  /** The code's meaning (X12 element 901). */
  message: string;
  category: RejectionCategory;
  /** What a person does about it, for the review task. */
  action: string;
  /** AAA04: C correct and resubmit, N do not resubmit, R resubmit original, … ('' when absent). */
  followUp: string;
}

/**
 * EB04 of the plan-level benefit, kept as the payer said it. Medicare Advantage (HN, or a Medicare
 * plan run by a commercial payer) and original Medicare (MA, MB) decide SBR09 and the payer to bill.
 */
export interface PlanInsuranceType {
  code: string;
  medicare: 'original' | 'advantage' | null;
}

/** A limitation the payer states (EB*F): visits or units per period, with its message. */
export interface BenefitLimitation {
  serviceTypes: string[];
  procedureCode?: string;
  /** EB09/EB10 quantity (e.g. "VS:12" 12 visits), '' when the limit is only a message. */
  quantity?: string;
  message: string;
}

/** Another payer the 271 names (EB*R, loop 2120C): coordination of benefits. */
export interface OtherPayer {
  payerName?: string;
  payerId?: string;
  memberId?: string;
  insuranceType?: string;
  /** The 271 says this other payer pays first (Medicare secondary payer types, MSG "PRIMARY"). */
  isPrimary: boolean;
}

export interface EligibilityResult {
  status: 'active' | 'inactive' | 'error';
  planName?: string;
  /** REF*18 plan number / REF*6P group number, when the payer gives them. */
  planNumber?: string;
  groupNumber?: string;
  insuranceType?: PlanInsuranceType;
  coverageStart?: string;
  coverageEnd?: string;
  /** Plan-date range (DTP*292 benefit begin/end, or 291 plan dates) for deductible periods. */
  planBegin?: string;
  inNetwork?: boolean;
  deductibleCents?: number;
  deductibleRemainingCents?: number;
  /** Patient coinsurance, in basis points (2000 = 20%), never a float. */
  coinsuranceBasisPoints?: number;
  /** Specialist/office visit copay (service type 98 preferred). */
  copayCents?: number;
  outOfPocketCents?: number;
  outOfPocketRemainingCents?: number;
  limitations?: BenefitLimitation[];
  /** Procedure codes the payer says need prior authorization. */
  priorAuthRequiredFor: string[];
  /** Service types (EB03) whose benefit says authorization/certification is required (EB11 Y). */
  authorizationRequiredServiceTypes?: string[];
  referralRequired?: boolean;
  otherPayers?: OtherPayer[];
  /** AAA rejection reasons or other errors, as code + text. */
  errors: Array<{ code: string; message: string }>;
  /** The AAA rejections, classified into what a person must fix. */
  rejections?: EligibilityRejection[];
}

/** Which of the visit's coverages an answer is for: 0 the primary on file, 1 the next, … */
export interface CoverageAttempt {
  coverageIndex: number;
  payerId: string;
  payerType: 'medicare' | 'medicare_advantage' | 'commercial' | 'medicaid';
  status: EligibilityResult['status'] | 'unconfirmed';
  /** Why this coverage was not used (a sentence), when it was not. */
  skippedBecause?: string;
  /** The answer came from the eligibility cache (same patient, payer and week). */
  fromCache: boolean;
}

/**
 * Eligibility for the visit after coverage fallback: the answer of the coverage the claim goes to
 * (or the last one tried), every coverage tried, and, when none is valid, why the patient is billed.
 */
export interface VisitEligibility extends EligibilityResult {
  coverageIndex?: number;
  /** The payer type to bill as: the 271's Medicare Advantage or original Medicare wins over the EHR's. */
  claimPayerType?: CoverageAttempt['payerType'];
  attempts?: CoverageAttempt[];
  /** Set when no coverage on file is active: the reason the visit goes to the patient. */
  selfPayReason?: string;
  /** The check could not be completed within the configured time (payer not answering). */
  unconfirmed?: boolean;
}
