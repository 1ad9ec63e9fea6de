import type { ClaimLine } from '../coding/types';

/** Who the claim is from and to: the envelope-level parties of an 837P. */
export interface BillingProvider {
  organizationName: string;
  npi: string;
  /** Employer identification number (REF*EI), 9 digits. */
  taxId: string;
  taxonomy: string;
  address: PostalAddress;
}

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
}

export interface ClaimPerson {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: 'F' | 'M' | 'U';
  address: PostalAddress;
}

export type ClaimFrequency = '1' | '7' | '8';

/** One professional claim, ready to be written as a 2000B/2300 loop of an 837P. */
export interface ProfessionalClaim {
  /** Patient control number (CLM01); comes back in 277CA and 835 CLP01. */
  patientControlNumber: string;
  frequencyCode: ClaimFrequency;
  /** Payer claim number of the claim being replaced or voided (REF*F8). */
  originalPayerClaimNumber?: string;
  placeOfService: string;
  dateOfService: string;
  /** REF*G1 in the claim loop (2300): the payer's prior authorization number. */
  priorAuthorizationNumber?: string;
  /** payerType decides the claim filing indicator (SBR09): MB Medicare Part B, 16 Medicare Advantage, MC Medicaid, CI commercial. */
  payer: {
    payerId: string;
    name: string;
    payerType?: 'medicare' | 'medicare_advantage' | 'commercial' | 'medicaid';
  };
  subscriber: ClaimPerson & { memberId: string; groupNumber?: string };
  /** Present when the patient is not the subscriber. */
  patient?: ClaimPerson & { relationship: 'spouse' | 'child' | 'other' };
  renderingProvider: { npi: string; firstName: string; lastName: string; taxonomy: string };
  diagnosisCodes: string[];
  lines: Array<ClaimLine & { lineControlNumber: string }>;
  totalChargeCents: number;
}

/** Which coverage the claim bills and as what, after eligibility (coverage fallback, 271 plan type). */
export interface ClaimBilling {
  /** Index into the visit's coverages on file (0 = primary). */
  coverageIndex?: number;
  payerType?: ProfessionalClaim['payer']['payerType'];
  priorAuthorizationNumber?: string;
}

export interface ClaimBatch {
  billingProvider: BillingProvider;
  submitter: { name: string; id: string; contactName: string; contactPhone: string };
  receiver: { name: string; id: string };
  claims: ProfessionalClaim[];
}

const FILING_INDICATORS = {
  medicare: 'MB',
  medicare_advantage: '16',
  medicaid: 'MC',
  commercial: 'CI',
} as const;

/** SBR09 for the claim's payer; commercial when the payer type is unknown. */
export function claimFilingIndicator(claim: Pick<ProfessionalClaim, 'payer'>): string {
  return FILING_INDICATORS[claim.payer.payerType ?? 'commercial'];
}
