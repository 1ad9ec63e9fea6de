/** An ERA (835) in billing terms. Money in integer cents; negative amounts are allowed (reversals). */

export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export interface ClaimAdjustment {
  group: AdjustmentGroup;
  /** CARC, e.g. "45", "1", "2", "3". */
  reasonCode: string;
  amountCents: number;
  quantity?: number;
}

export interface ServiceLinePayment {
  /** REF*6R line item control number we sent, when the payer echoes it. */
  lineControlNumber?: string;
  procedureCode: string;
  modifiers: string[];
  chargeCents: number;
  paidCents: number;
  units: number;
  adjustments: ClaimAdjustment[];
  /** RARCs from LQ*HE. */
  remarkCodes: string[];
}

export interface ClaimPayment {
  /** CLP01, our patient control number. */
  patientControlNumber: string;
  /** CLP02: 1/2/3 processed, 4 denied, 19-21 forwarded, 22 reversal, 23 not our claim. */
  statusCode: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  /** CLP07. */
  payerClaimNumber: string;
  adjustments: ClaimAdjustment[];
  lines: ServiceLinePayment[];
  /** Claim-level RARCs (MOA/MIA). */
  remarkCodes: string[];
  /** DTM*232 (claim statement period start), else the first line's DTM*472: YYYY-MM-DD. */
  serviceDate?: string;
  /** NM1*QC NM109 when the payer sends it. PHI: stored for matching, never logged. */
  patientMemberId?: string;
  /** NM1*TT (loop 2100): the payer the claim was forwarded to (crossover carrier). */
  crossoverCarrier?: { name: string; payerId?: string };
}

export interface ProviderAdjustment {
  reasonCode: string;
  reference?: string;
  amountCents: number;
}

export interface RemittanceAdvice {
  /** TRN02: check or EFT trace number; with payerId it identifies the payment. */
  traceNumber: string;
  payerId: string;
  payerName: string;
  paymentCents: number;
  paymentMethod: string;
  paymentDate: string;
  payeeNpi?: string;
  claims: ClaimPayment[];
  providerAdjustments: ProviderAdjustment[];
}
