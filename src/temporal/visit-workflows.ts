import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  INBOX_WORKFLOW_ID,
  REVIEW_REFUSED_FAILURE,
  visitWorkflowId,
  visitWorkflowTypes,
  type ReviewDecision,
  type ReviewDecisionOutcome,
  type RemittanceNotice,
  type ReviewRefusal,
  type VisitBillingInput,
  type VisitBillingState,
} from '../visit-billing/messages';
import type { BillingTimers } from '../visit-billing/vocabulary';
import {
  claimStateQuery,
  decideReviewUpdate,
  remittanceReceivedSignal,
  reviewDecisionSignal,
} from './visit-messages';

export interface StartedVisit {
  workflowId: string;
  runId: string;
}

/**
 * Starts the visit's workflow, or returns the one that exists: the workflow ID is derived from
 * the EHR's opaque visit id, so a repeated trigger never starts a second run (even after the
 * first has closed).
 */
export async function startVisitBilling(
  client: Client,
  taskQueue: string,
  visitId: string,
  timers: BillingTimers,
): Promise<StartedVisit> {
  const workflowId = visitWorkflowId(visitId);
  try {
    const args: [VisitBillingInput] = [{ visitId, timers }];
    const handle = await client.workflow.start(visitWorkflowTypes.current, {
      taskQueue,
      workflowId,
      args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const description = await client.workflow.getHandle(workflowId).describe();
    return { workflowId, runId: description.runId };
  }
}

/** Starts the clearinghouse mailbox poller once per namespace. */
export async function ensureInboxWorkflow(
  client: Client,
  taskQueue: string,
  pollInterval: BillingTimers['reviewReminder'],
) {
  await client.workflow.start(visitWorkflowTypes.inbox, {
    taskQueue,
    workflowId: INBOX_WORKFLOW_ID,
    args: [{ cursor: null, pollInterval }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}

/** How long an API request waits for a workflow's answer (a query waits for a worker to take it). */
export const VISIT_QUERY_DEADLINE_MS = 5_000;

export async function queryVisitState(client: Client, visitId: string): Promise<VisitBillingState> {
  return client.withDeadline(Date.now() + VISIT_QUERY_DEADLINE_MS, () =>
    client.workflow.getHandle(visitWorkflowId(visitId)).query(claimStateQuery),
  );
}

/** A decision the workflow refused before anything changed (its validator or its coding rules). */
export class ReviewDecisionRefusedError extends Error {
  constructor(readonly refusal: ReviewRefusal) {
    super(refusal.message);
    this.name = 'ReviewDecisionRefusedError';
  }
}

/**
 * Sends a staff decision as the workflow's decideReview Update and waits for the outcome: applied,
 * or refused (no open review, another decision won, an action the task does not take, codes the
 * coding rules reject) with the reason, in which case the workflow is unchanged.
 */
export async function decideVisitReview(
  client: Client,
  visitId: string,
  decision: ReviewDecision,
): Promise<Extract<ReviewDecisionOutcome, { outcome: 'applied' }>> {
  const handle = client.workflow.getHandle(visitWorkflowId(visitId));
  let outcome: ReviewDecisionOutcome;
  try {
    outcome = await handle.executeUpdate(decideReviewUpdate, { args: [decision] });
  } catch (error) {
    if (isUnknownUpdate(error)) return decideLegacyReview(client, visitId, decision);
    if (error instanceof WorkflowNotFoundError && (await hasRun(client, visitId)))
      // The run finished (e.g. the decision that won closed it): nothing is open to decide.
      throw new ReviewDecisionRefusedError({
        code: 'no_open_review',
        message: "the visit's billing workflow has finished",
        problems: [],
      });
    const refusal = refusalOf(error);
    if (refusal) throw new ReviewDecisionRefusedError(refusal);
    throw error;
  }
  if (outcome.outcome === 'refused') throw new ReviewDecisionRefusedError(outcome.refusal);
  return outcome;
}

async function hasRun(client: Client, visitId: string): Promise<boolean> {
  return client.workflow
    .getHandle(visitWorkflowId(visitId))
    .describe()
    .then(
      () => true,
      () => false,
    );
}

function refusalOf(error: unknown): ReviewRefusal | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type === REVIEW_REFUSED_FAILURE)
    return cause.details?.[0] as ReviewRefusal;
  return undefined;
}

function isUnknownUpdate(error: unknown): boolean {
  return (
    error instanceof WorkflowUpdateFailedError &&
    /no registered handler for update|unknown update/i.test(error.cause?.message ?? '')
  );
}

/**
 * Runs of the v1 workflow type (started before v2) have no decideReview Update: they take the
 * reviewDecision signal as before. Remove with workflows/legacy/visit-billing-v1.ts.
 */
async function decideLegacyReview(
  client: Client,
  visitId: string,
  decision: ReviewDecision,
): Promise<Extract<ReviewDecisionOutcome, { outcome: 'applied' }>> {
  const state = await queryVisitState(client, visitId);
  if (!state.openReview)
    throw new ReviewDecisionRefusedError({
      code: 'no_open_review',
      message: 'this visit has no open review',
      problems: [],
    });
  await client.workflow.getHandle(visitWorkflowId(visitId)).signal(reviewDecisionSignal, decision);
  return { outcome: 'applied', taskId: state.openReview.taskId, action: decision.action };
}

/**
 * Tells the visit's workflow about a remittance claim when it is still running; false when it has
 * closed or never ran (the caller posts the payment itself then).
 */
export async function signalRemittanceIfRunning(
  client: Client,
  visitId: string,
  notice: RemittanceNotice,
): Promise<boolean> {
  const handle = client.workflow.getHandle(visitWorkflowId(visitId));
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return false;
    await handle.signal(remittanceReceivedSignal, notice);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
