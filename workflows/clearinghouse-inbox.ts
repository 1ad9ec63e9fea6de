import type { Duration } from '@temporalio/common';
import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { BillingActivities } from '../activities';
import type { InboxNotice } from '../activities/inbox';
import type { InboundDocumentRef } from '../src/clearinghouse/types';
import { claimAcknowledgedSignal, remittanceReceivedSignal } from './messages';

/** Before the inbox-per-document patch: one activity read a whole page (see pollByPage). */
const { pullInboundDocuments } = proxyActivities<BillingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/**
 * One request each, sized to it: a failed or slow request is retried alone, and a worker that
 * dies mid-request delays one document by at most its heartbeat timeout (the worker heartbeats
 * while an activity with one runs: src/temporal/heartbeat-interceptor.ts).
 */
const mailbox = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Documents read at the same time; the mailbox lists further pages while they are read. */
const MAX_DOCUMENTS_IN_FLIGHT = 20;

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
      // late-remittance-posting: a payment or reversal nobody is waiting for is posted here and
      // handed to staff. Runs before the patch only logged it (the remittance stayed unposted).
      if (item.kind === 'remittance' && patched('late-remittance-posting'))
        await mailbox.postLateRemittance({ remittanceClaimId: item.notice.remittanceClaimId });
    }
  }
}

export interface InboxInput {
  cursor: string | null;
  pollInterval: Duration;
  /** Documents listed but not yet read when the previous run continued as new. */
  unread?: InboundDocumentRef[];
}

const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= 10_000;

/**
 * The practice's single mailbox at the clearinghouse: polls for 999/277CA/835 documents, stores
 * them, and tells each visit's workflow what arrived (signals are deduplicated by the receiver).
 */
export async function clearinghouseInboxWorkflow(input: InboxInput): Promise<void> {
  // inbox-per-document: runs started before it read whole pages; remove pollByPage (and the
  // pullInboundDocuments activity) once no inbox run older than this patch is open. The inbox
  // continues as new every few thousand events, so that is one run after deployment.
  if (!patched('inbox-per-document')) return pollByPage(input);
  let cursor = input.cursor;
  const inFlight = new Map<string, InboundDocumentRef>();
  const read = (ref: InboundDocumentRef) => {
    if (inFlight.has(ref.id)) return;
    inFlight.set(ref.id, ref);
    void readAndDeliver(ref)
      .catch((error: unknown) =>
        log.error('inbound document not read', { documentId: ref.id, error: String(error) }),
      )
      .finally(() => inFlight.delete(ref.id));
  };
  (input.unread ?? []).forEach(read);
  while (!historyIsLong()) {
    if (inFlight.size >= MAX_DOCUMENTS_IN_FLIGHT) {
      await condition(() => inFlight.size < MAX_DOCUMENTS_IN_FLIGHT);
      continue;
    }
    const page = await mailbox.listInboundDocuments({ cursor });
    // The cursor moves past the listed documents at once: each is tracked until it is read.
    cursor = page.nextCursor;
    page.documents.forEach(read);
    if (page.documents.length === 0) await sleep(input.pollInterval);
  }
  await continueAsNew<typeof clearinghouseInboxWorkflow>({
    ...input,
    cursor,
    unread: [...inFlight.values()],
  });
}

async function readAndDeliver(ref: InboundDocumentRef): Promise<void> {
  const result = await mailbox.readInboundDocument({ ref });
  if (result.problem) log.warn('inbound document could not be read; kept for staff', { documentId: ref.id });
  if (result.unmatchedClaims > 0)
    log.warn('remittance claims matched no claim', { documentId: ref.id, count: result.unmatchedClaims });
  // Visits are told in parallel; each visit hears this document's notices in order.
  const byVisit = new Map<string, InboxNotice[]>();
  for (const item of result.notices)
    byVisit.set(item.workflowId, [...(byVisit.get(item.workflowId) ?? []), item]);
  await Promise.all([...byVisit.values()].map(deliverInOrder));
}

/** The inbox before inbox-per-document, unchanged for the run that was polling when it deployed. */
async function pollByPage(input: InboxInput): Promise<void> {
  let cursor = input.cursor;
  while (!historyIsLong()) {
    const batch = await pullInboundDocuments({ cursor });
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
  await continueAsNew<typeof clearinghouseInboxWorkflow>({ ...input, cursor });
}
