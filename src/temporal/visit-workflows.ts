import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { clearinghouseInboxWorkflow, visitBillingWorkflow } from '../../workflows';
import {
  INBOX_WORKFLOW_ID,
  visitWorkflowId,
  type BillingTimers,
  type VisitBillingState,
} from '../../workflows/messages';

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
    const handle = await client.workflow.start<typeof visitBillingWorkflow>('visitBillingWorkflow', {
      taskQueue,
      workflowId,
      args: [{ visitId, timers }],
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
  await client.workflow.start<typeof clearinghouseInboxWorkflow>('clearinghouseInboxWorkflow', {
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
    client.workflow.getHandle(visitWorkflowId(visitId)).query<VisitBillingState>('claimState'),
  );
}
