/** What the payer says about a claim after it is sent: acknowledgements (999/277CA) and status (276/277). */

export interface ClaimStatusRequest {
  payerId: string;
  patientControlNumber: string;
  memberId: string;
  providerNpi: string;
  dateOfService: string;
  chargeCents: number;
}

/** STC category codes per X12 list 507: A* acknowledgements, P* pending, F* finalized. */
export interface ClaimStatusReport {
  patientControlNumber: string;
  categoryCode: string;
  statusCode: string;
  payerClaimNumber?: string;
  message: string;
}

export interface ClaimAcknowledgement {
  patientControlNumber: string;
  accepted: boolean;
  categoryCode: string;
  statusCode: string;
  payerClaimNumber?: string;
  /** Reasons in plain words with their codes, for rejections. */
  reasons: string[];
}
