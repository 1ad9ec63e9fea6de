import type { Duration } from '@temporalio/common';
import { DEFAULT_STATEMENT_CYCLES, type StatementCycleTimer } from '../patient-billing/cycle-timers';
import type { ClaimRecordStatus, ReviewTaskKind, ReviewTaskStatus, VisitStatus } from '../db/generated/enums';

/**
 * The billing vocabulary shared by the workflow, the activities, the API and the database. The
 * statuses the database stores are its Prisma enums (prisma/schema.prisma), so a new value is one
 * schema change that every `switch` over it must then handle.
 */
export type { ClaimRecordStatus, ReviewTaskKind, ReviewTaskStatus, VisitStatus };

/** Where a visit is on its way to cash; also the ClaimStatus search attribute. */
export type ClaimStatus = VisitStatus;

export const reviewActions = ['approve', 'amend', 'reject', 'bill_patient', 'request_documentation'] as const;
/** What staff can decide on a task (which actions a task accepts depends on its kind). */
export type ReviewAction = (typeof reviewActions)[number];

/**
 * Tasks that wait for a staff decision of the visit's workflow; a pathology_overdue task closes by
 * itself when the report arrives, a timely_filing task (the sweep's, not a workflow's) when the claim
 * is accepted or paid, and a late_reversal comes after the workflow closed.
 */
export type DecisionTaskKind = Exclude<
  ReviewTaskKind,
  'pathology_overdue' | 'timely_filing' | 'late_reversal' | PatientAccountTaskKind
>;

/** Tasks about a patient's account, opened after the visit's workflow is done with it: staff work them. */
export type PatientAccountTaskKind = 'patient_collections' | 'patient_refund';

/** Review priority (the ReviewPriority search attribute): raised while a task waits untouched. */
export const ReviewPriority = { normal: 0, raised: 1, supervisor: 2 } as const;
export type ReviewPriority = (typeof ReviewPriority)[keyof typeof ReviewPriority];

export interface BillingTimers {
  /** How often an open review task reminds staff. */
  reviewReminder: Duration;
  /**
   * A review untouched this long raises its priority (and records a reminder); after a second
   * period it is escalated to a supervisor.
   */
  reviewEscalation: Duration;
  /** How long to wait for a pathology report before raising a staff task. */
  pathologyDeadline: Duration;
  /** Without a 999/277CA after this long, ask the payer (276/277). */
  acknowledgementTimeout: Duration;
  /** Without an 835 after this long, ask the payer (276/277) and, after maxStatusInquiries, flag staff. */
  remittanceFollowUp: Duration;
  maxStatusInquiries: number;
  /**
   * How long eligibility may stay unconfirmed (the payer not answering, retried with backoff)
   * before the visit goes to review instead of waiting. Optional: runs started before it use 4 hours.
   */
  eligibilityDeadline?: Duration;
  /**
   * Patient statement cycles (config/statement-cycles.json): each issues a statement and waits
   * for a payment. Optional: runs started before them use DEFAULT_STATEMENT_CYCLES.
   */
  statementCycles?: readonly StatementCycleTimer[];
}

export const DEFAULT_ELIGIBILITY_DEADLINE: Duration = '4 hours';

export const defaultBillingTimers: BillingTimers = {
  reviewReminder: '24 hours',
  reviewEscalation: '3 days',
  pathologyDeadline: '14 days',
  acknowledgementTimeout: '2 days',
  remittanceFollowUp: '15 days',
  maxStatusInquiries: 3,
  eligibilityDeadline: DEFAULT_ELIGIBILITY_DEADLINE,
  statementCycles: DEFAULT_STATEMENT_CYCLES,
};
