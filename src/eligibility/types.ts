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

export interface EligibilityResult {
  status: 'active' | 'inactive' | 'error';
  planName?: string;
  coverageStart?: string;
  coverageEnd?: string;
  inNetwork?: boolean;
  deductibleCents?: number;
  deductibleRemainingCents?: number;
  /** Patient coinsurance, in basis points (2000 = 20%), never a float. */
  coinsuranceBasisPoints?: number;
  copayCents?: number;
  outOfPocketRemainingCents?: number;
  /** Procedure codes the payer says need prior authorization. */
  priorAuthRequiredFor: string[];
  /** AAA rejection reasons or other errors, as code + text. */
  errors: Array<{ code: string; message: string }>;
}
