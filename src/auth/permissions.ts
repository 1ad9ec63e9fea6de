import type { ReviewTaskView } from '../visit-billing/messages';
import type { ReviewAction } from '../visit-billing/vocabulary';
import type { StaffRole } from './roles';

/**
 * What a signed-in person may do. Every staff route names one permission; review decisions add
 * the permissions of their consequences (see DECISION_RULES). The same table is documented in
 * docs/people.md.
 */
export const PERMISSIONS = {
  'visits.read': "read a visit's billing record (claims, ledger, statements, tasks)",
  'review-tasks.read': 'read the review queue',
  'review.decide': 'decide review, rejection, denial and amended-documentation tasks',
  'review.decide-escalated': 'decide escalations: no payment after follow-ups, overdue pathology',
  'claim.write-off': 'reject a claim: the visit is not billed',
  'balance.write-off': 'write off an open insurance balance (approving a denial)',
  'coding.override': 'approve a claim as coded although the coding engine found errors',
  'pathology.record': 'record a final pathology result',
  'remittances.upload': 'upload an 835 received outside the clearinghouse',
  'patient-payments.record': 'record a payment a patient made (card, cash, check, ACH)',
  'documents.read': 'read the clearinghouse documents as received',
  'payments.match': 'attach an unmatched 835 claim payment to one of our claims (and post it)',
  'metrics.read': 'read revenue-cycle metrics',
  'users.manage': 'create and disable users, set passwords, issue and revoke API keys',
  'audit.read': 'read the audit trail',
  'payloads.decode': 'decode workflow payloads (the Temporal UI codec server)',
  'ledger.read': 'read the ledger check report (books that reconcile)',
  'deposits.record': 'record a bank deposit (EFT reconciliation)',
  'deposits.read': 'read the EFT reconciliation: deposits against ERAs',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const billerPermissions: readonly Permission[] = [
  'visits.read',
  'review-tasks.read',
  'review.decide',
  'pathology.record',
  'remittances.upload',
  'patient-payments.record',
  'documents.read',
  'payments.match',
  'metrics.read',
  'deposits.record',
  'deposits.read',
];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  biller: billerPermissions,
  supervisor: [
    ...billerPermissions,
    'review.decide-escalated',
    'claim.write-off',
    'balance.write-off',
    'coding.override',
    'ledger.read',
  ],
  // Administration, not billing work: an admin cannot decide claims (separation of duties).
  admin: ['users.manage', 'audit.read', 'payloads.decode', 'metrics.read', 'ledger.read'],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Which roles hold a permission (for messages and the docs). */
export function rolesWith(permission: Permission): StaffRole[] {
  return (Object.keys(ROLE_PERMISSIONS) as StaffRole[]).filter((role) => can(role, permission));
}

type TaskKind = ReviewTaskView['kind'];

/** Billers work review, rejection and denial tasks; escalations go to supervisors. */
const TASK_CLASS: Record<TaskKind, 'work' | 'escalation'> = {
  coding_review: 'work',
  rejection: 'work',
  denial: 'work',
  documentation_amended: 'work',
  documentation_requested: 'work',
  late_reversal: 'work',
  no_payment: 'escalation',
  pathology_overdue: 'escalation',
  timely_filing: 'escalation',
  patient_refund: 'work',
  // Sending a balance to collections is a supervisor's call.
  patient_collections: 'escalation',
};

export interface DecisionContext {
  taskKind: TaskKind;
  action: ReviewAction;
  /** Error-severity findings of the coding the decision would release. */
  codingErrors: number;
  /** A review untouched past its second escalation period is assigned to a supervisor. */
  assignedRole?: ReviewTaskView['assignedRole'];
}

interface DecisionRule {
  permission: Permission;
  applies(decision: DecisionContext): boolean;
  because: string;
}

/** Each rule that applies adds a permission the decider must hold. */
const DECISION_RULES: readonly DecisionRule[] = [
  {
    permission: 'review.decide',
    applies: (d) => TASK_CLASS[d.taskKind] === 'work',
    because: 'deciding a review task',
  },
  {
    permission: 'review.decide-escalated',
    applies: (d) => TASK_CLASS[d.taskKind] === 'escalation' || d.assignedRole === 'supervisor',
    because: 'no payment after follow-ups, overdue pathology and escalated reviews are escalations',
  },
  {
    permission: 'claim.write-off',
    applies: (d) => d.action === 'reject',
    because: 'rejecting means the visit is not billed',
  },
  {
    permission: 'balance.write-off',
    applies: (d) => d.taskKind === 'denial' && d.action === 'approve',
    because: 'approving a denial writes off the open insurance balance',
  },
  {
    permission: 'coding.override',
    applies: (d) => d.taskKind === 'coding_review' && d.action === 'approve' && d.codingErrors > 0,
    because: 'approving as coded overrides the coding errors; amend the lines instead',
  },
];

export interface MissingPermission {
  permission: Permission;
  because: string;
  roles: StaffRole[];
}

/** The permissions a decision needs that the role lacks (empty: allowed). */
export function missingDecisionPermissions(role: StaffRole, decision: DecisionContext): MissingPermission[] {
  return DECISION_RULES.filter((rule) => rule.applies(decision) && !can(role, rule.permission)).map(
    (rule) => ({ permission: rule.permission, because: rule.because, roles: rolesWith(rule.permission) }),
  );
}
