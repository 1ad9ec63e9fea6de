import type { StaffActor } from '../auth/roles';
import type { ClaimAcknowledgement } from '../claims/tracking';
import type { PayerSequence } from '../claims/types';
import type { ClaimLine, CodingFinding } from '../coding/types';
import type { DecisionReasonCode, ReviewReasonCode } from '../decision/reasons';
import type { PatientEstimate } from '../eligibility/patient-estimate';
import type { BillingTimers, ClaimStatus, ReviewAction, ReviewPriority, ReviewTaskKind } from './vocabulary';

/**
 * What the API, the inbox and the visit workflow say to each other, by name, with payload and
 * result types. The workflow defines its signals, updates and queries from this map
 * (workflows/messages.ts); code outside the workflow sends them by name through
 * src/temporal/visit-workflows.ts, so nothing in src/ imports workflow code.
 */
export interface VisitMessages {
  /** Staff decision sent from the Temporal UI; validated like the Update, refused ones recorded. */
  reviewDecision: { kind: 'signal'; args: [ReviewDecision] };
  /** Staff decision from the API: the caller gets the outcome or the refusal at once. */
  decideReview: { kind: 'update'; args: [ReviewDecision]; result: ReviewDecisionOutcome };
  pathologyResult: { kind: 'signal'; args: [PathologyResult] };
  /** The EHR sent changed documentation for the visit; `revision` is stored in VisitRevision. */
  documentationAmended: { kind: 'signal'; args: [{ revision: number }] };
  claimAcknowledged: { kind: 'signal'; args: [AcknowledgementNotice] };
  remittanceReceived: { kind: 'signal'; args: [RemittanceNotice] };
  /** A patient payment was posted (src/payments/patient-payments.ts): ids and cents only, no PHI. */
  patientPaymentReceived: { kind: 'signal'; args: [PatientPaymentNotice] };
  claimState: { kind: 'query'; args: []; result: VisitBillingState };
}

type NamesOfKind<K> = {
  [N in keyof VisitMessages]: VisitMessages[N] extends { kind: K } ? N : never;
}[keyof VisitMessages];
export type VisitSignalName = NamesOfKind<'signal'>;
export type VisitUpdateName = NamesOfKind<'update'>;
export type VisitQueryName = NamesOfKind<'query'>;

/** Workflow type names. v1 stays registered while runs started before the v2 release are open. */
export const visitWorkflowTypes = {
  current: 'visitBillingWorkflowV2',
  legacyV1: 'visitBillingWorkflow',
  inbox: 'clearinghouseInboxWorkflow',
} as const;

export type AmendedLine = Pick<ClaimLine, 'code' | 'modifiers' | 'units' | 'diagnosisPointers'>;

export interface ReviewDecision {
  action: ReviewAction;
  /** Who decided, for notes and memos: the actor's username, or an automatic rule's name. */
  reviewer: string;
  /**
   * The signed-in user who decided (from the API credential; the audit trail and resolvedBy use it).
   * Absent for automatic decisions and in histories recorded before users existed.
   */
  actor?: StaffActor;
  /** The task this decision answers; a decision naming another task is refused as stale. */
  taskId?: string;
  note?: string;
  /** For "amend": the corrected claim lines and, optionally, diagnosis codes in claim order. */
  lines?: AmendedLine[];
  diagnosisCodes?: string[];
  /** For "approve": the payer's prior authorization number, sent on the claim as REF*G1. */
  priorAuthorizationNumber?: string;
}

/** Who decided, for the audit trail: the authenticated actor when the API knows one. */
export function decidedBy(decision: Pick<ReviewDecision, 'reviewer' | 'actor'>): string {
  return decision.actor?.username ?? decision.reviewer;
}

/** Why a decision was refused: a conflict (someone else decided, nothing open) or a bad decision. */
export type ReviewRefusalCode =
  | 'no_open_review'
  | 'already_decided'
  | 'stale_task'
  | 'decision_in_progress'
  | 'action_not_allowed'
  | 'invalid_amendment';

export interface ReviewRefusal {
  code: ReviewRefusalCode;
  message: string;
  problems: Array<{ path: string; message: string }>;
}

/** The failure type a refused decision Update carries (its details hold the ReviewRefusal). */
export const REVIEW_REFUSED_FAILURE = 'ReviewDecisionRefused';

export type ReviewDecisionOutcome =
  | { outcome: 'applied'; taskId: string; action: ReviewAction }
  | { outcome: 'refused'; taskId: string; refusal: ReviewRefusal };

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
  /** The paying payer (a crossover payer's 835 quotes the primary claim's CLP01). Absent in older notices. */
  payerId?: string;
}

export interface PatientPaymentNotice {
  paymentId: string;
  amountCents: number;
  /** PATIENT_AR on the visit after the payment (negative: a credit). */
  balanceCents: number;
}

export interface AcknowledgementNotice {
  documentId: string;
  source: '999' | '277CA';
  acknowledgement: ClaimAcknowledgement;
}

export interface ReviewTaskView {
  taskId: string;
  kind: ReviewTaskKind;
  reasons: string[];
  /** The decision policy's stable reason codes (coding reviews opened since the policy existed). */
  reasonCodes?: ReviewReasonCode[];
  remindersSent: number;
  /** When the task was opened (workflow time, ISO 8601); escalation counts from here. */
  openedAt?: string;
  priority?: ReviewPriority;
  assignedRole?: 'biller' | 'supervisor';
}

export interface StatusChange {
  at: string;
  status: ClaimStatus;
  note: string;
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
  decision?: { action: string; reasons: string[]; reasonCodes?: DecisionReasonCode[] };
  /** What the patient is estimated to owe for the visit (set with the decision). */
  patientEstimate?: PatientEstimate;
  openReview?: ReviewTaskView;
  pendingPathologyLesionIds: string[];
  paidCents?: number;
  patientResponsibilityCents?: number;
  /** Which payer the claim in flight bills: P primary, S secondary, T tertiary. */
  payerSequence?: PayerSequence;
  history: StatusChange[];
  /** Decisions that were refused (signals from the Temporal UI included), never applied. */
  refusedDecisions?: Array<{
    at: string;
    action: string;
    by: string;
    refusal: ReviewRefusalCode;
    message: string;
  }>;
}

export interface VisitBillingInput {
  visitId: string;
  timers: BillingTimers;
}

export function visitWorkflowId(visitId: string): string {
  return `visit-${visitId}`;
}

export const INBOX_WORKFLOW_ID = 'clearinghouse-inbox';
