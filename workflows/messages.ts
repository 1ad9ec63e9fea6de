import type { Duration } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { StaffActor } from '../src/auth/roles';
import type { ClaimAcknowledgement } from '../src/clearinghouse/types';
import type { ClaimLine, CodingFinding } from '../src/coding/types';

/** Where a visit is on its way to cash (also the ClaimStatus search attribute). */
export type ClaimStatus =
  | 'received'
  | 'coding'
  | 'pathology_hold'
  | 'eligibility'
  | 'needs_review'
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'paid'
  | 'denied'
  | 'patient_billed'
  | 'closed'
  | 'cancelled';

export type ReviewAction = 'approve' | 'amend' | 'reject' | 'bill_patient';

export interface ReviewDecision {
  action: ReviewAction;
  /** Who decided, for notes and memos: the actor's username, or an automatic rule's name. */
  reviewer: string;
  /**
   * The signed-in user who decided (from the API credential; the audit trail and resolvedBy use it).
   * Absent for automatic decisions and in histories recorded before users existed.
   */
  actor?: StaffActor;
  note?: string;
  /** For "amend": the corrected claim lines and, optionally, diagnosis codes in claim order. */
  lines?: Array<Pick<ClaimLine, 'code' | 'modifiers' | 'units' | 'diagnosisPointers'>>;
  diagnosisCodes?: string[];
}

export interface PathologyResult {
  lesionId: string;
  result: 'benign' | 'premalignant' | 'malignant' | 'atypia' | 'uncertain';
  diagnosisCode?: string;
  /** The signed-in user who recorded the result (from the API credential). */
  actor?: StaffActor;
  /** Histories recorded before users existed carry a free-text name here instead of `actor`. */
  reportedBy?: string;
}

export interface RemittanceNotice {
  documentId: string;
  remittanceClaimId: string;
  patientControlNumber: string;
  statusCode: string;
}

export interface AcknowledgementNotice {
  documentId: string;
  source: '999' | '277CA';
  acknowledgement: ClaimAcknowledgement;
}

export interface ReviewTaskView {
  taskId: string;
  kind:
    'coding_review' | 'rejection' | 'denial' | 'pathology_overdue' | 'no_payment' | 'documentation_amended';
  reasons: string[];
  remindersSent: number;
}

/** The claim's state as the claimState query returns it: codes and amounts, no patient data. */
export interface VisitBillingState {
  visitId: string;
  status: ClaimStatus;
  attempt: number;
  patientControlNumber?: string;
  claimId?: string;
  lines: ClaimLine[];
  selfPayLines: ClaimLine[];
  diagnosisCodes: string[];
  findings: CodingFinding[];
  confidence?: number;
  decision?: { action: string; reasons: string[] };
  openReview?: ReviewTaskView;
  pendingPathologyLesionIds: string[];
  paidCents?: number;
  patientResponsibilityCents?: number;
  history: Array<{ at: string; status: ClaimStatus; note: string }>;
}

export const reviewDecisionSignal = defineSignal<[ReviewDecision]>('reviewDecision');
export const pathologyResultSignal = defineSignal<[PathologyResult]>('pathologyResult');
/** The EHR sent changed documentation for the visit; `revision` is stored in VisitRevision. */
export const documentationAmendedSignal = defineSignal<[{ revision: number }]>('documentationAmended');
export const claimAcknowledgedSignal = defineSignal<[AcknowledgementNotice]>('claimAcknowledged');
export const remittanceReceivedSignal = defineSignal<[RemittanceNotice]>('remittanceReceived');
export const claimStateQuery = defineQuery<VisitBillingState>('claimState');

export interface BillingTimers {
  /** How often an open review task reminds staff. */
  reviewReminder: Duration;
  /** How long to wait for a pathology report before raising a staff task. */
  pathologyDeadline: Duration;
  /** Without a 999/277CA after this long, ask the payer (276/277). */
  acknowledgementTimeout: Duration;
  /** Without an 835 after this long, ask the payer (276/277) and, after maxStatusInquiries, flag staff. */
  remittanceFollowUp: Duration;
  maxStatusInquiries: number;
}

export const defaultBillingTimers: BillingTimers = {
  reviewReminder: '24 hours',
  pathologyDeadline: '14 days',
  acknowledgementTimeout: '2 days',
  remittanceFollowUp: '15 days',
  maxStatusInquiries: 3,
};

export interface VisitBillingInput {
  visitId: string;
  timers: BillingTimers;
}

export function visitWorkflowId(visitId: string): string {
  return `visit-${visitId}`;
}

export const INBOX_WORKFLOW_ID = 'clearinghouse-inbox';
