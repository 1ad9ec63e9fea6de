import type { ClaimLine } from '../coding/types';
import type { ClaimAdjustment } from '../remittance/types';

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

/** SBR01: which payer of the patient a claim bills, in coordination-of-benefits order. */
export type PayerSequence = 'P' | 'S' | 'T';

export const NEXT_PAYER_SEQUENCE: Record<PayerSequence, PayerSequence | null> = { P: 'S', S: 'T', T: null };

/** What one prior payer decided on one service line (837P loop 2430). */
export interface PriorLineAdjudication {
  /** The line of this claim (LX) the payer adjudicated. */
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  paidCents: number;
  adjustments: ClaimAdjustment[];
}

/**
 * A prior payer's adjudication of the claim, as stored on a secondary/tertiary claim (no PHI:
 * the payer and subscriber come from the visit's coverage at `coverageIndex`).
 */
export interface PriorPayerFigures {
  payerSequence: PayerSequence;
  coverageIndex: number;
  paidCents: number;
  /** The payer's remittance date (DTP*573), ISO yyyy-mm-dd. */
  adjudicationDate: string;
  /** Claim-level CAS. */
  adjustments: ClaimAdjustment[];
  lines: PriorLineAdjudication[];
}

/** A prior payer's adjudication with its payer and subscriber: loops 2320, 2330A, 2330B, 2430. */
export interface PriorPayerAdjudication extends Omit<PriorPayerFigures, 'coverageIndex'> {
  payer: { payerId: string; name: string; payerType?: ProfessionalClaim['payer']['payerType'] };
  subscriber: { firstName: string; lastName: string; memberId: string; groupNumber?: string };
  /** The patient's relationship to that payer's subscriber (2320 SBR02). */
  relationship: 'self' | 'spouse' | 'child' | 'other';
}

/** Claim.coordination: what a secondary or tertiary claim carries about the payers before it. */
export interface ClaimCoordination {
  priorPayers: PriorPayerFigures[];
  /** The prior payer forwarded the claim itself: no 837P is sent, its 835 quotes `crossedOverPcn`. */
  crossover?: { crossedOverPcn: string; payerId: string };
}

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
  /** SBR01 of the billed payer; primary when absent. */
  payerSequence?: PayerSequence;
  /** Secondary/tertiary claims: each prior payer's adjudication, in payer order. */
  priorPayers?: PriorPayerAdjudication[];
}

/** Which coverage the claim bills and as what, after eligibility (coverage fallback, 271 plan type). */
export interface ClaimBilling {
  /** Index into the visit's coverages on file (0 = primary). */
  coverageIndex?: number;
  payerType?: ProfessionalClaim['payer']['payerType'];
  priorAuthorizationNumber?: string;
  payerSequence?: PayerSequence;
  priorPayers?: PriorPayerFigures[];
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
