import { ApplicationFailure } from '@temporalio/common';
import { msToNumber as ms } from '@temporalio/common/lib/time';
import { condition, log } from '@temporalio/workflow';
import type {
  REVIEW_REFUSED_FAILURE,
  ReviewDecision,
  ReviewDecisionOutcome,
  ReviewRefusal,
  ReviewRefusalCode,
} from '../../src/visit-billing/messages';
import type { DecisionTaskKind, ReviewAction, ReviewPriority } from '../../src/visit-billing/vocabulary';
import { database } from './activities';
import { afterStaffDecision } from './staff-decisions';
import { continueAsNewIfLong, flush, moveTo, updateSearchAttributes } from './progress';
import { laterPayerRefusal } from './secondary-claims';
import { amended, codingOf, type BillingRun, type OpenReview, type Phase, type StaffQuestion } from './state';

/** What each kind of task accepts; anything else is refused before it reaches the workflow's state. */
export const allowedActions: Record<DecisionTaskKind, readonly ReviewAction[]> = {
  coding_review: ['approve', 'amend', 'reject', 'bill_patient', 'request_documentation'],
  documentation_requested: ['reject'],
  rejection: ['approve', 'amend', 'reject', 'bill_patient'],
  denial: ['approve', 'amend', 'bill_patient'],
  no_payment: ['approve', 'amend', 'reject', 'bill_patient'],
  documentation_amended: ['approve', 'amend'],
};

const REVIEW_REFUSED: typeof REVIEW_REFUSED_FAILURE = 'ReviewDecisionRefused';

function refusal(
  code: ReviewRefusalCode,
  message: string,
  problems: ReviewRefusal['problems'] = [],
): ReviewRefusal {
  return { code, message, problems };
}

/**
 * Everything that can be checked from the workflow's state, synchronously and deterministically:
 * the Update's validator and the signal handler both ask this before a decision is taken in.
 */
export function refusalFor(run: BillingRun, decision: ReviewDecision): ReviewRefusal | undefined {
  const review = run.review;
  if (!review) return refusal('no_open_review', 'this visit has no open review');
  if (review.decision)
    return refusal('already_decided', `task ${review.task.taskId} has already been decided`);
  if (review.deciding)
    return refusal(
      'decision_in_progress',
      `another decision for task ${review.task.taskId} is being applied`,
    );
  if (decision.taskId !== undefined && decision.taskId !== review.task.taskId)
    return refusal(
      'stale_task',
      `task ${decision.taskId} is no longer open (the open task is ${review.task.taskId})`,
    );
  if (!allowedActions[review.question.kind].includes(decision.action))
    return refusal(
      'action_not_allowed',
      `a ${review.question.kind} task takes ${allowedActions[review.question.kind].join(', ')}, not ${decision.action}`,
    );
  const laterPayer = laterPayerRefusal(run, review.question, decision);
  if (laterPayer) return refusal('action_not_allowed', laterPayer);
  return decision.action === 'amend' ? amendmentRefusal(run, decision) : undefined;
}

function amendmentRefusal(run: BillingRun, decision: ReviewDecision): ReviewRefusal | undefined {
  const lines = decision.lines ?? [];
  if (lines.length === 0) return refusal('invalid_amendment', 'an amendment must give the corrected lines');
  const diagnoses = (decision.diagnosisCodes ?? codingOf(run).diagnosisCodes).length;
  const problems = lines.flatMap((line, i) =>
    line.diagnosisPointers.some((p) => p < 1 || p > diagnoses)
      ? [
          {
            path: `lines.${i}.diagnosisPointers`,
            message: `${line.code} points past the ${diagnoses} diagnoses`,
          },
        ]
      : [],
  );
  return problems.length > 0
    ? refusal('invalid_amendment', 'the amendment does not fit the claim', problems)
    : undefined;
}

/** The Update's validator: a refusal is thrown, so the caller hears it and nothing enters the history. */
export function validateDecision(run: BillingRun, decision: ReviewDecision): void {
  const refused = refusalFor(run, decision);
  if (refused)
    throw ApplicationFailure.create({ type: REVIEW_REFUSED, message: refused.message, details: [refused] });
}

/**
 * Takes in a decision that passed the state checks: an amendment's codes are checked against the
 * coding rules first (a local activity), and a refused one leaves the task open and unchanged.
 */
export async function takeDecision(
  run: BillingRun,
  decision: ReviewDecision,
): Promise<ReviewDecisionOutcome> {
  const review = run.review!;
  const taskId = review.task.taskId;
  review.deciding = true;
  try {
    if (decision.action === 'amend') {
      const checked = await database.reviewAmendment({
        visitId: run.visitId,
        revision: run.revision + 1,
        dateOfService: run.visit?.dateOfService ?? '',
        previous: codingOf(run),
        decision,
      });
      if (!checked.accepted)
        return {
          outcome: 'refused',
          taskId,
          refusal: refusal(
            'invalid_amendment',
            'the coding rules reject the amended codes',
            checked.problems,
          ),
        };
      review.amendedCoding = checked.coding;
    }
    review.decision = decision;
    return { outcome: 'applied', taskId, action: decision.action };
  } finally {
    review.deciding = false;
  }
}

/** A decision signalled from the Temporal UI: validated the same way; a refused one is recorded, never applied. */
export async function receiveSignalledDecision(run: BillingRun, decision: ReviewDecision): Promise<void> {
  const refused = refusalFor(run, decision);
  const outcome = refused ? undefined : await takeDecision(run, decision);
  const reason = refused ?? (outcome?.outcome === 'refused' ? outcome.refusal : undefined);
  if (!reason) return;
  log.warn('review decision refused', { action: decision.action, refusal: reason.code });
  (run.view.refusedDecisions ??= []).push({
    at: new Date().toISOString(),
    action: decision.action,
    by: decision.actor?.username ?? decision.reviewer,
    refusal: reason.code,
    message: reason.message,
  });
}

/** Step: a staff task, opened (or resumed after continue-as-new), waited on, and acted upon. */
export async function staffReview(run: BillingRun, question: StaffQuestion): Promise<Phase> {
  const review = run.review ?? (await openReview(run, question));
  await awaitAnswer(run, review);
  run.review = undefined;
  run.view.openReview = undefined;
  const decision = review.decision;
  if (!decision) {
    // The documentation changed: a coding review no longer stands; a request for it is answered.
    const reason = question.kind === 'coding_review' ? 'superseded' : 'answered';
    if (reason === 'superseded')
      await database.supersedeReviewTask({
        taskId: review.task.taskId,
        reason: 'the EHR amended the documentation',
      });
    else
      await database.closeReviewTask({
        taskId: review.task.taskId,
        reason: 'the EHR sent amended documentation',
      });
    updateSearchAttributes(run);
    return { step: 'prepare' };
  }
  await database.resolveReviewTask({ taskId: review.task.taskId, decision });
  return afterStaffDecision(run, question, decision, review.amendedCoding);
}

async function openReview(run: BillingRun, question: StaffQuestion): Promise<OpenReview> {
  run.tasksOpened += 1;
  const review: OpenReview = {
    task: {
      taskId: `${run.visitId}:${question.kind}:${run.tasksOpened}`,
      kind: question.kind,
      reasons: question.reasons,
      ...(question.kind === 'coding_review' && question.reasonCodes
        ? { reasonCodes: question.reasonCodes }
        : {}),
      remindersSent: 0,
      openedAt: new Date().toISOString(),
      priority: 0,
      assignedRole: 'biller',
    },
    question,
    deciding: false,
  };
  run.review = review;
  run.view.openReview = review.task;
  await database.openReviewTask({ visitId: run.visitId, task: review.task });
  const waitingFor = question.kind === 'documentation_requested' ? 'awaiting_documentation' : 'needs_review';
  moveTo(run, waitingFor, `${question.kind}: ${question.reasons.join('; ')}`);
  return review;
}

/** The documentation changing answers a request for it and makes a coding review moot. */
function answeredByDocumentation(question: StaffQuestion): boolean {
  return question.kind === 'coding_review' || question.kind === 'documentation_requested';
}

/**
 * Waits for a decision (or amended documentation), reminding staff on every reminder period and
 * escalating an untouched task: priority raised after one escalation period, supervisor after two.
 */
async function awaitAnswer(run: BillingRun, review: OpenReview): Promise<void> {
  const answered = () =>
    !review.deciding &&
    (review.decision !== undefined || (answeredByDocumentation(review.question) && amended(run)));
  for (;;) {
    await flush(run);
    if (await condition(answered, untilNextNudge(run, review))) return;
    await nudge(run, review);
    await continueAsNewIfLong(run);
  }
}

function nudgeTimes(run: BillingRun, review: OpenReview): { reminder: number; escalation: number } {
  const opened = Date.parse(review.task.openedAt);
  const reminder = opened + (review.task.remindersSent + 1) * ms(run.timers.reviewReminder);
  const escalation =
    review.task.priority < 2
      ? opened + (review.task.priority + 1) * ms(run.timers.reviewEscalation)
      : Infinity;
  return { reminder, escalation };
}

function untilNextNudge(run: BillingRun, review: OpenReview): number {
  const { reminder, escalation } = nudgeTimes(run, review);
  return Math.max(1, Math.min(reminder, escalation) - Date.now());
}

/** A reminder, and with it an escalation when the task has waited untouched long enough. */
async function nudge(run: BillingRun, review: OpenReview): Promise<void> {
  const escalate = Date.now() >= nudgeTimes(run, review).escalation;
  const task = review.task;
  task.remindersSent += 1;
  if (escalate) {
    task.priority = (task.priority + 1) as ReviewPriority;
    if (task.priority === 2) task.assignedRole = 'supervisor';
  }
  await database.remindReviewTask({
    taskId: task.taskId,
    reminderNumber: task.remindersSent,
    ...(escalate && { escalation: { priority: task.priority, assignedRole: task.assignedRole } }),
  });
  if (escalate) updateSearchAttributes(run);
}
