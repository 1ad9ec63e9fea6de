import type { ActivityDependencies } from './dependencies';
import { noticesFor, storeInboundDocument, type InboxNotice } from '../src/inbox/inbound-documents';

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

export function createInboxActivities(deps: ActivityDependencies) {
  return {
    /** Reads what the clearinghouse has for us since the cursor, stores it, and says whom to tell. */
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
