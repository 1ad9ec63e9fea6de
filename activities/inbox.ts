import { heartbeat } from '@temporalio/activity';
import type { ActivityDependencies } from './dependencies';
import type { InboundDocumentRef } from '../src/clearinghouse/types';
import { noticesFor, storeInboundDocument, type InboxNotice } from '../src/inbox/inbound-documents';
import { postLateRemittance, type LatePosting } from '../src/posting/late-remittance';
import { createPostingActivities } from './posting';

export type { InboxNotice } from '../src/inbox/inbound-documents';

export interface InboxBatch {
  nextCursor: string | null;
  documentsRead: number;
  notices: InboxNotice[];
  /** Remittance claims whose CLP01 matches no claim of ours: staff must match them by hand. */
  unmatchedClaims: number;
  /** Documents that could not be read: stored with their problem, nothing posted from them. */
  unreadableDocuments: string[];
}

export interface InboxPage {
  documents: InboundDocumentRef[];
  nextCursor: string | null;
}

export interface InboundDocumentRead {
  notices: InboxNotice[];
  unmatchedClaims: number;
  /** Set when the document could not be read: stored with this problem, nothing posted from it. */
  problem?: string;
}

export function createInboxActivities(deps: ActivityDependencies) {
  const posting = createPostingActivities(deps);
  return {
    /**
     * A remittance claim whose visit's workflow has closed: posted with the workflow's posting code
     * (postRemittance, once per remittance claim) and a late_reversal task opened for staff.
     */
    async postLateRemittance(input: { remittanceClaimId: string }): Promise<LatePosting> {
      return postLateRemittance(deps.db, posting.postRemittance, input.remittanceClaimId);
    },

    /** One request: the mailbox's document list after the cursor (the documents are read one by one). */
    async listInboundDocuments(input: { cursor: string | null }): Promise<InboxPage> {
      return deps.clearinghouse.listInbound(input.cursor);
    },

    /**
     * One document: fetched, stored (once, however often this is retried) and turned into the
     * notices its visits must hear. Retried on its own, so it never holds the other documents.
     */
    async readInboundDocument(input: { ref: InboundDocumentRef }): Promise<InboundDocumentRead> {
      const document = await deps.clearinghouse.fetchDocument(input.ref.id);
      heartbeat();
      await storeInboundDocument(deps.db, document);
      if (document.problem) return { notices: [], unmatchedClaims: 0, problem: document.problem };
      const found = await noticesFor(deps.db, document);
      return { notices: found.notices, unmatchedClaims: found.unmatched };
    },

    /** Whole-page reading, kept for inbox runs started before per-document reading (patch inbox-per-document). */
    async pullInboundDocuments(input: { cursor: string | null }): Promise<InboxBatch> {
      const page = await deps.clearinghouse.listInbound(input.cursor);
      const notices: InboxNotice[] = [];
      let unmatchedClaims = 0;
      const unreadableDocuments: string[] = [];
      for (const ref of page.documents) {
        const document = await deps.clearinghouse.fetchDocument(ref.id);
        await storeInboundDocument(deps.db, document);
        if (document.problem) {
          unreadableDocuments.push(document.id);
          continue;
        }
        const found = await noticesFor(deps.db, document);
        notices.push(...found.notices);
        unmatchedClaims += found.unmatched;
      }
      return {
        nextCursor: page.nextCursor,
        documentsRead: page.documents.length,
        notices,
        unmatchedClaims,
        unreadableDocuments,
      };
    },
  };
}
