import type { Client } from '@temporalio/client';
import express, { type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { unstorableCharacter } from '../visit/primitives';
import { noticesFor, storeInboundDocument, type InboxNotice } from '../inbox/inbound-documents';
import { postLateRemittance, type RemittancePoster } from '../posting/late-remittance';
import {
  detectTransaction,
  findingLines,
  MAX_RECORDED_FINDINGS,
  read835WithProblems,
  validateX12,
  X12Error,
  x12ErrorBody,
} from '../x12';
import { claimAcknowledgedSignal, remittanceReceivedSignal } from '../temporal/visit-messages';

/**
 * ERA files a practice receives outside the clearinghouse (payer portals, lockbox): uploaded as
 * X12 835 text, read and balanced first, stored once per payment (payer + TRN), then posted by
 * each visit's workflow like any other remittance. A file that does not read or balance is
 * refused with every problem, and nothing is stored.
 */
/** What an upload needs; without `postRemittance` a payment for a closed workflow stays unposted. */
type UploadDependencies = {
  db: Database;
  temporal: Client;
  clock: () => Date;
  postRemittance?: RemittancePoster;
};

export function remittanceUploadHandler(deps: UploadDependencies) {
  const parseBody = express.text({ type: '*/*', limit: '50mb' });
  const handle = async (req: Request, res: Response): Promise<void> => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const unstorable = unstorableCharacter(raw);
    if (unstorable) {
      res
        .status(400)
        .json({ error: 'the file is not X12 text', problems: [{ path: '(body)', message: unstorable }] });
      return;
    }
    let read: ReturnType<typeof read835WithProblems>;
    let findings: string[];
    try {
      const kind = detectTransaction(raw);
      if (kind !== '835') {
        res.status(400).json({ error: `expected an 835 remittance advice, got ${kind}` });
        return;
      }
      // The guide rules of `x12 validate` first: an error refuses the file, warnings are kept with it.
      const report = validateX12(raw);
      if (report.errors.length > 0) {
        const problems = report.errors.slice(0, MAX_RECORDED_FINDINGS).map(x12ErrorBody);
        res.status(400).json({ error: 'the file is not valid X12', problems });
        return;
      }
      findings = findingLines(report);
      read = read835WithProblems(raw);
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
      res.status(400).json({ error: 'the file is not valid X12', problems: [x12ErrorBody(error)] });
      return;
    }
    if (read.problems.length > 0) {
      res
        .status(400)
        .json({ error: 'the remittance does not balance; nothing was posted', problems: read.problems });
      return;
    }
    const document = {
      id: `upload-${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`,
      kind: '835' as const,
      receivedAt: deps.clock().toISOString(),
      raw,
      acknowledgements: [],
      remittances: read.remittances,
      findings,
    };
    await storeInboundDocument(deps.db, document);
    const { notices, unmatched } = await noticesFor(deps.db, document);
    const undelivered = await deliver(deps, notices);
    res.status(202).json({
      documentId: document.id,
      payments: read.remittances.map((r) => ({
        payerId: r.payerId,
        traceNumber: r.traceNumber,
        paymentCents: r.paymentCents,
      })),
      claimsRouted: notices.length,
      unmatchedClaims: unmatched,
      // Notices whose visit's workflow has closed: their payments are posted here, with a staff task.
      undeliveredClaims: undelivered,
    });
  };
  return [parseBody, handle] as const;
}

/**
 * Same delivery as the inbox workflow: each visit hears its notices in order, and a remittance
 * claim whose visit's workflow has closed is posted here with a late_reversal task for staff.
 * Returns how many notices no workflow heard.
 */
async function deliver(deps: UploadDependencies, notices: InboxNotice[]): Promise<number> {
  let undelivered = 0;
  for (const item of notices) {
    const handle = deps.temporal.workflow.getHandle(item.workflowId);
    const heard =
      item.kind === 'acknowledgement'
        ? handle.signal(claimAcknowledgedSignal, item.notice)
        : handle.signal(remittanceReceivedSignal, item.notice);
    if (
      await heard.then(
        () => true,
        () => false,
      )
    )
      continue;
    undelivered += 1;
    if (item.kind === 'remittance' && deps.postRemittance)
      await postLateRemittance(deps.db, deps.postRemittance, item.notice.remittanceClaimId);
  }
  return undelivered;
}
