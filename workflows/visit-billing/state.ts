import type { VisitSummary } from '../../activities/visits';
import type { CodingResult } from '../../src/coding/types';
import type { ClaimRoute } from '../../src/decision/decide-claim-route';
import type { ReviewReasonCode } from '../../src/decision/reasons';
import type { VisitEligibility } from '../../src/eligibility/types';
import type {
  AcknowledgementNotice,
  PathologyResult,
  RemittanceNotice,
  ReviewDecision,
  ReviewTaskView,
  StatusChange,
  VisitBillingInput,
  VisitBillingState,
} from '../../src/visit-billing/messages';
import type { DecisionTaskKind, ReviewPriority } from '../../src/visit-billing/vocabulary';

/** CLM05-3: 1 original, 7 replacement of an adjudicated claim (quoting the payer's claim number). */
export type ClaimFrequencyChoice = { code: '1' | '7'; originalPayerClaimNumber?: string };

/** What a staff task asks, with what the workflow needs to act on the answer. */
export type StaffQuestion =
  | { kind: 'coding_review'; reasons: string[]; reasonCodes?: ReviewReasonCode[] }
  | { kind: 'documentation_requested'; reasons: string[] }
  | { kind: 'rejection'; reasons: string[] }
  | { kind: 'denial'; reasons: string[]; claimId: string; replacement: ClaimFrequencyChoice }
  | { kind: 'no_payment'; reasons: string[] }
  | { kind: 'documentation_amended'; reasons: string[] };

/** Every decision task kind of the database has a question here, and nothing else does. */
type SameUnion<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const everyDecisionTaskHasAQuestion: SameUnion<StaffQuestion['kind'], DecisionTaskKind> = true;

/**
 * The visit's place in the journey: the seven stages, as resumable steps. Each step returns the
 * next one; a run that continues as new starts again at its current step with its state.
 */
export type Phase =
  | { step: 'prepare' }
  | { step: 'staff_review'; question: StaffQuestion }
  | { step: 'submit'; frequency: ClaimFrequencyChoice }
  | { step: 'await_acknowledgement'; inquiries: number }
  | { step: 'await_remittance'; inquiries: number }
  | { step: 'after_submission' }
  /** The settled claim left the patient a share: bill the next coverage in line (./secondary-claims.ts). */
  | { step: 'next_payer' }
  /** The prior payer forwarded the claim: the next payer's 835 quotes the crossed-over claim's CLP01. */
  | { step: 'await_crossover'; crossedOverPcn: string; payerId: string; followUps: number }
  | { step: 'patient_balance' }
  /** statement-cycles: issue cycle `cycle`'s statement, then wait for a payment until `until` (epoch ms). */
  | { step: 'statement_cycle'; cycle: number }
  | { step: 'await_patient_payment'; cycle: number; until: number }
  | { step: 'finished'; status: 'closed' | 'cancelled'; note: string };

export interface OpenReview {
  task: ReviewTaskView & {
    openedAt: string;
    priority: ReviewPriority;
    assignedRole: 'biller' | 'supervisor';
  };
  question: StaffQuestion;
  /** The accepted decision, waiting for the staff-review step to act on it. */
  decision?: ReviewDecision;
  /** For an accepted amendment: the codes, already checked against the coding rules and priced. */
  amendedCoding?: CodingResult;
  /** A decision is being checked (an Update or signal handler is running): others are refused. */
  deciding: boolean;
}

/** Everything one visit's workflow knows: one typed state, carried over when it continues as new. */
export interface BillingRun {
  visitId: string;
  timers: VisitBillingInput['timers'];
  historyLimit: number;
  phase: Phase;
  /** What the claimState query returns. */
  view: VisitBillingState;
  visit?: VisitSummary;
  coding?: CodingResult;
  eligibility: VisitEligibility | null;
  route?: ClaimRoute;
  /** Coding runs so far (the idempotency key of each stored coding run). */
  revision: number;
  tasksOpened: number;
  automaticCorrections: number;
  lastPayerClaimNumber?: string;
  frequency: ClaimFrequencyChoice;
  claimIdsByPcn: Record<string, string>;
  inbox: {
    acknowledgements: AcknowledgementNotice[];
    remittances: RemittanceNotice[];
    /** Document keys already taken in (signals are delivered at least once). */
    seen: string[];
    posted: string[];
    recorded: string[];
  };
  pathologyResults: PathologyResult[];
  pendingRevisions: number[];
  /** Patient payments signalled (payment ids); absent in runs continued from before statement cycles. */
  patientPayments?: string[];
  review?: OpenReview;
  /** A prior authorization number staff entered on approving (REF*G1 when the EHR sent none). */
  priorAuthorizationNumber?: string;
  pathologyOverdueTaskId?: string;
  /** Progress not yet written to the database (recorded in one local activity before each wait). */
  outbox: {
    changes: Array<StatusChange & { sequence: number }>;
    acknowledgements: Array<{ claimId: string; notice: AcknowledgementNotice }>;
    sequence: number;
  };
}

export interface VisitBillingRunInput extends VisitBillingInput {
  /** Continue as new once the history has this many events (the server may suggest it sooner). */
  historyLimit?: number;
  /** Set when the run continues as new: where the previous run stopped. */
  continued?: BillingRun;
}

export const DEFAULT_HISTORY_LIMIT = 2_000;

export function newRun(input: VisitBillingRunInput): BillingRun {
  return {
    visitId: input.visitId,
    timers: input.timers,
    historyLimit: input.historyLimit ?? DEFAULT_HISTORY_LIMIT,
    phase: { step: 'prepare' },
    view: {
      visitId: input.visitId,
      status: 'received',
      attempt: 0,
      lines: [],
      selfPayLines: [],
      diagnosisCodes: [],
      findings: [],
      pendingPathologyLesionIds: [],
      history: [],
    },
    eligibility: null,
    revision: 0,
    tasksOpened: 0,
    automaticCorrections: 0,
    frequency: { code: '1' },
    claimIdsByPcn: {},
    inbox: { acknowledgements: [], remittances: [], seen: [], posted: [], recorded: [] },
    pathologyResults: [],
    pendingRevisions: [],
    patientPayments: [],
    outbox: { changes: [], acknowledgements: [], sequence: 0 },
  };
}

export function applyCoding(run: BillingRun, coding: CodingResult): void {
  run.coding = coding;
  run.view.lines = coding.lines;
  run.view.selfPayLines = coding.selfPayLines;
  run.view.diagnosisCodes = coding.diagnosisCodes;
  run.view.findings = coding.findings;
  run.view.confidence = coding.confidence.score;
}

export function codingOf(run: BillingRun): CodingResult {
  if (!run.coding) throw new Error('the visit has not been coded yet');
  return run.coding;
}

export function amended(run: BillingRun): boolean {
  return run.pendingRevisions.length > 0;
}

/** The newest amended documentation, taken off the queue (older ones are superseded by it). */
export function takeLatestRevision(run: BillingRun): number | undefined {
  if (!amended(run)) return undefined;
  const latest = Math.max(...run.pendingRevisions);
  run.pendingRevisions = [];
  return latest;
}

/** Makes a compile error of a union member that a `switch` forgot. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
