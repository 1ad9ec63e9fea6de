import type { ClaimBatch } from '../claims/types';
import type { EligibilityRequest, EligibilityResult } from '../eligibility/types';
import type { ClaimAcknowledgement, ClaimStatusReport, ClaimStatusRequest } from '../claims/tracking';
import type { RemittanceAdvice } from '../remittance/types';

export type { ClaimAcknowledgement, ClaimStatusReport, ClaimStatusRequest } from '../claims/tracking';

/**
 * The seam to a clearinghouse. Shaped to fit real APIs: Stedi/Change Healthcare JSON (synchronous
 * eligibility and status, webhook + polling for reports), Availity (202 then poll) and Claim.MD
 * (incremental cursors). Adapters translate to these billing types; raw X12 is kept for audit.
 */
export interface Clearinghouse {
  readonly name: string;
  checkEligibility(request: EligibilityRequest): Promise<EligibilityResult>;
  /** Must be idempotent on idempotencyKey: a resent batch is never adjudicated twice. */
  submitClaims(batch: ClaimBatch, options: { idempotencyKey: string }): Promise<SubmissionReceipt>;
  getClaimStatus(request: ClaimStatusRequest): Promise<ClaimStatusReport>;
  /** Inbound documents (acknowledgements, remittances) after the cursor, oldest first. */
  listInbound(cursor: string | null): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }>;
  fetchDocument(id: string): Promise<InboundDocument>;
}

export interface SubmissionReceipt {
  /** The clearinghouse's id for the batch (our correlation key). */
  submissionId: string;
  /** False when the clearinghouse recognised the idempotency key and returned the earlier receipt. */
  newlyAccepted: boolean;
  raw?: string;
}

export type InboundDocumentKind = '999' | '277CA' | '835' | 'TA1' | 'unreadable';

export interface InboundDocumentRef {
  id: string;
  kind: InboundDocumentKind;
  receivedAt: string;
}

export interface InboundDocument extends InboundDocumentRef {
  /** The document as received (X12 text for X12 clearinghouses). */
  raw: string;
  acknowledgements: ClaimAcknowledgement[];
  /** The payments of an 835 (one per ST/SE transaction set). */
  remittances: RemittanceAdvice[];
  /**
   * Set when the document could not be read (bad envelope, counts, an 835 that does not
   * balance): nothing in it is posted, and it is kept for billing staff with this explanation.
   */
  problem?: string;
  /**
   * What X12 validation found ("error: …", "warning: …", "unbalanced: …"), bounded; kept with the
   * document. Warnings (an 835 payer loop without PER) do not stop posting.
   */
  findings?: string[];
}
