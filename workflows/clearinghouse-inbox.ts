import type { Duration } from '@temporalio/common';
import {
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillingActivities } from '../activities';
import type { InboxNotice } from '../activities/inbox';
import { claimAcknowledgedSignal, remittanceReceivedSignal } from './messages';

const { pullInboundDocuments } = proxyActivities<BillingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

async function deliverInOrder(notices: InboxNotice[]): Promise<void> {
  for (const item of notices) {
    const handle = getExternalWorkflowHandle(item.workflowId);
    try {
      if (item.kind === 'acknowledgement') await handle.signal(claimAcknowledgedSignal, item.notice);
      else await handle.signal(remittanceReceivedSignal, item.notice);
    } catch (error) {
      // The visit's workflow is closed (e.g. cancelled); the document is stored for staff.
      log.warn('could not deliver notice', {
        workflowId: item.workflowId,
        kind: item.kind,
        error: String(error),
      });
    }
  }
}

export interface InboxInput {
  cursor: string | null;
  pollInterval: Duration;
}

/**
 * The practice's single mailbox at the clearinghouse: polls for 999/277CA/835 documents, stores
 * them, and tells each visit's workflow what arrived (signals are deduplicated by the receiver).
 */
export async function clearinghouseInboxWorkflow(input: InboxInput): Promise<void> {
  let cursor = input.cursor;
  // Keep the history short: a mailbox polls forever, so it continues as new when the server suggests.
  while (!workflowInfo().continueAsNewSuggested && workflowInfo().historyLength < 10_000) {
    const batch = await pullInboundDocuments({ cursor });
    // Visits are told in parallel; each visit hears its documents in order (999, 277CA, then 835).
    const byVisit = new Map<string, InboxNotice[]>();
    for (const item of batch.notices)
      byVisit.set(item.workflowId, [...(byVisit.get(item.workflowId) ?? []), item]);
    await Promise.all([...byVisit.values()].map(deliverInOrder));
    if (batch.unreadableDocuments.length > 0) {
      log.warn('inbound documents could not be read; kept for staff', {
        documentIds: batch.unreadableDocuments,
      });
    }
    if (batch.unmatchedClaims > 0)
      log.warn('remittance claims matched no claim', { count: batch.unmatchedClaims });
    cursor = batch.nextCursor;
    if (batch.documentsRead === 0) await sleep(input.pollInterval);
  }
  // Keep the history short: a mailbox polls forever.
  await continueAsNew<typeof clearinghouseInboxWorkflow>({ ...input, cursor });
}
