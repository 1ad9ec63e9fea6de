import type { InboundDocument } from '../clearinghouse/types';
import type { Database } from '../db/client';
import {
  visitWorkflowId,
  type AcknowledgementNotice,
  type RemittanceNotice,
} from '../visit-billing/messages';
import { boundFreeText } from '../temporal/free-text';
import { postProviderAdjustments } from '../remittance/provider-adjustments';

/** What a visit's workflow must hear about an inbound document. */
export type InboxNotice =
  | { workflowId: string; kind: 'acknowledgement'; notice: AcknowledgementNotice }
  | { workflowId: string; kind: 'remittance'; notice: RemittanceNotice };

/** Claim payments per INSERT: a payer's run can hold thousands. */
const STORE_CHUNK = 2000;
/** A 10,000-claim 835 is stored in one transaction (all of it or none): Prisma's 5 s default is too short. */
const STORE_TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** Stores the document and what it says, once; a repeated file or retry adds nothing. */
export async function storeInboundDocument(db: Database, document: InboundDocument): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.inboundDocument.createMany({
      data: [
        {
          id: document.id,
          kind: document.kind,
          raw: document.raw,
          problem: document.problem,
          findings: document.findings ?? [],
          receivedAt: new Date(document.receivedAt),
        },
      ],
      skipDuplicates: true,
    });
    for (const remittance of document.remittances) {
      const known = await tx.remittance.findUnique({
        where: {
          payerId_traceNumber: { payerId: remittance.payerId, traceNumber: remittance.traceNumber },
        },
      });
      if (known) continue; // the same payment delivered in another file: never posted twice
      const pcns = remittance.claims.map((c) => c.patientControlNumber);
      const claims = await tx.claim.findMany({
        where: { patientControlNumber: { in: pcns } },
        select: { id: true, patientControlNumber: true },
      });
      const claimIdOf = new Map(claims.map((k) => [k.patientControlNumber, k.id]));
      const stored = await tx.remittance.create({
        data: {
          documentId: document.id,
          payerId: remittance.payerId,
          traceNumber: remittance.traceNumber,
          paymentCents: remittance.paymentCents,
          paymentMethod: remittance.paymentMethod,
          paymentDate: new Date(`${remittance.paymentDate}T00:00:00Z`),
          providerAdjustments: remittance.providerAdjustments as object,
        },
      });
      const rows = remittance.claims.map((c, sequence) => ({
        remittanceId: stored.id,
        sequence,
        patientControlNumber: c.patientControlNumber,
        claimId: claimIdOf.get(c.patientControlNumber),
        statusCode: c.statusCode,
        chargeCents: c.chargeCents,
        paidCents: c.paidCents,
        patientResponsibilityCents: c.patientResponsibilityCents,
        payerClaimNumber: c.payerClaimNumber,
        // The member id is kept in its own column only (PHI: compared in SQL, never echoed).
        detail: { ...c, patientMemberId: undefined } as object,
        serviceDate: c.serviceDate ? new Date(`${c.serviceDate}T00:00:00Z`) : null,
        patientMemberId: c.patientMemberId ?? null,
      }));
      for (let from = 0; from < rows.length; from += STORE_CHUNK)
        await tx.remittanceClaim.createMany({ data: rows.slice(from, from + STORE_CHUNK) });
      // PLB is posted with the remittance: it belongs to the payment, not to any visit's workflow.
      await postProviderAdjustments(tx, stored, remittance.providerAdjustments);
    }
  }, STORE_TRANSACTION);
}

/** Notices are derived from what is stored, so a retried activity returns the same ones. */
export async function noticesFor(
  db: Database,
  document: InboundDocument,
): Promise<{ notices: InboxNotice[]; unmatched: number }> {
  const notices: InboxNotice[] = [];
  let unmatched = 0;
  const pcns = [
    ...document.acknowledgements.map((a) => a.patientControlNumber),
    ...document.remittances.flatMap((r) => r.claims.map((c) => c.patientControlNumber)),
  ];
  const claims = await db.claim.findMany({ where: { patientControlNumber: { in: pcns } } });
  const visitOf = new Map(claims.map((c) => [c.patientControlNumber, c.visitId]));
  for (const acknowledgement of document.acknowledgements) {
    const visitId = visitOf.get(acknowledgement.patientControlNumber);
    if (!visitId) {
      unmatched += 1;
      continue;
    }
    notices.push({
      workflowId: visitWorkflowId(visitId),
      kind: 'acknowledgement',
      notice: {
        documentId: document.id,
        source: document.kind === '999' ? '999' : '277CA',
        // Payer text goes into the visit's workflow history: bounded (src/temporal/free-text.ts).
        acknowledgement: boundFreeText(acknowledgement),
      },
    });
  }
  for (const remittance of document.remittances) {
    const stored = await db.remittance.findUnique({
      where: { payerId_traceNumber: { payerId: remittance.payerId, traceNumber: remittance.traceNumber } },
      include: { claims: true },
    });
    for (const rc of stored?.claims ?? []) {
      const visitId = visitOf.get(rc.patientControlNumber);
      if (!visitId) {
        unmatched += 1;
        continue;
      }
      notices.push({
        workflowId: visitWorkflowId(visitId),
        kind: 'remittance',
        notice: {
          documentId: document.id,
          remittanceClaimId: rc.id,
          patientControlNumber: rc.patientControlNumber,
          statusCode: rc.statusCode,
          payerId: stored!.payerId,
        },
      });
    }
  }
  return { notices, unmatched };
}
