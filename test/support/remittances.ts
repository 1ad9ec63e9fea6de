import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { InboundDocumentRead } from '../../activities/inbox';
import type { X12Transport } from '../../src/clearinghouse/x12-clearinghouse';
import { X12Clearinghouse } from '../../src/clearinghouse/x12-clearinghouse';
import { sandboxEnvelope } from '../../src/clearinghouse/sandbox/sandbox-x12';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { Database } from '../../src/db/client';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import type { ClaimPayment, ProviderAdjustment, RemittanceAdvice } from '../../src/remittance/types';
import { visitWorkflowId } from '../../src/visit-billing/messages';
import { write835 } from '../../src/x12';

/** A claim payment that balances: what was not paid is a contractual adjustment (CO-45). */
export function claimPayment(
  pcn: string,
  chargeCents: number,
  paidCents: number,
  extra: Partial<ClaimPayment> = {},
): ClaimPayment {
  const adjusted = chargeCents - paidCents;
  return {
    patientControlNumber: pcn,
    statusCode: paidCents < 0 ? '22' : '1',
    chargeCents,
    paidCents,
    patientResponsibilityCents: 0,
    payerClaimNumber: `PCN-${pcn}`,
    adjustments: adjusted === 0 ? [] : [{ group: 'CO', reasonCode: '45', amountCents: adjusted }],
    lines: [],
    remarkCodes: [],
    ...extra,
  };
}

/** An 835 of one payment whose BPR02 follows the X12 rule (Σ CLP04 − Σ PLB). */
export function era(
  traceNumber: string,
  claims: ClaimPayment[],
  providerAdjustments: ProviderAdjustment[] = [],
  payerId = 'BCBS1',
): string {
  const advice: RemittanceAdvice = {
    traceNumber,
    payerId,
    payerName: 'TEST PAYER',
    paymentCents:
      claims.reduce((s, c) => s + c.paidCents, 0) -
      providerAdjustments.reduce((s, a) => s + a.amountCents, 0),
    paymentMethod: 'ACH',
    paymentDate: '2026-11-25',
    payeeNpi: '1679576722',
    claims,
    providerAdjustments,
  };
  return write835([advice], {
    envelope: sandboxEnvelope(demoPracticeProfile.submitter.id, 101, new Date('2026-11-25T10:00:00Z')),
  });
}

/** A mailbox holding X12 files; `deliver` adds one. */
export function testMailbox(): X12Transport & { deliver(id: string, raw: string): void } {
  const documents: Array<{ id: string; raw: string; receivedAt: string }> = [];
  return {
    deliver: (id, raw) => void documents.push({ id, raw, receivedAt: '2026-11-25T10:00:00Z' }),
    send837: () => Promise.reject(new Error('not used')),
    exchange270: () => Promise.reject(new Error('not used')),
    exchange276: () => Promise.reject(new Error('not used')),
    fetchSubmission: () => Promise.reject(new Error('not used')),
    listInbound: async (cursor) => {
      const after = cursor ? Number(cursor) : 0;
      return {
        documents: documents
          .slice(after)
          .map(({ id, receivedAt }) => ({ id, kind: '835' as const, receivedAt })),
        nextCursor: String(documents.length),
      };
    },
    fetchInbound: async (id) => ({ ...documents.find((d) => d.id === id)!, kind: '835' as const }),
  };
}

/** Reads one mailbox document as the inbox's activity does (it heartbeats: an activity context). */
export async function readDocument(
  activities: ReturnType<typeof activitiesOn>,
  id: string,
): Promise<InboundDocumentRead> {
  const ref = { id, kind: '835' as const, receivedAt: '' };
  return new MockActivityEnvironment().run(() => activities.readInboundDocument({ ref }));
}

/** The billing activities on a test mailbox. */
export function activitiesOn(db: Database, transport: X12Transport, clock: () => Date = () => new Date()) {
  return createActivities({
    db,
    clearinghouse: new X12Clearinghouse(transport, { name: 'test-mailbox', identity: demoPracticeProfile }),
    clock,
    practice: demoPracticeProfile,
    feeSchedule: defaultFeeSchedule,
    decisionPolicy: { autoSubmitMinConfidence: 0.85 },
  });
}

/** A visit and its submitted claim, as the workflow leaves them (no workflow runs). */
export async function storeSubmittedClaim(
  db: Database,
  claim: {
    visitId: string;
    pcn: string;
    chargeCents: number;
    payerId?: string;
    dateOfService?: string;
    memberId?: string;
    payerClaimNumber?: string;
  },
): Promise<string> {
  const payerId = claim.payerId ?? 'BCBS1';
  const dateOfService = claim.dateOfService ?? '2026-11-02';
  await db.visit.create({
    data: {
      id: claim.visitId,
      practiceId: 'PRACTICE-1',
      dateOfService: new Date(`${dateOfService}T00:00:00Z`),
      payerId,
      document: { coverage: { payerId, memberId: claim.memberId ?? `M-${claim.visitId}` } },
      workflowId: visitWorkflowId(claim.visitId),
      status: 'submitted',
    },
  });
  const id = `CLAIM-${claim.pcn}`;
  await db.claim.create({
    data: {
      id,
      visitId: claim.visitId,
      patientControlNumber: claim.pcn,
      attempt: 1,
      payerId,
      status: 'submitted',
      totalChargeCents: claim.chargeCents,
      payerClaimNumber: claim.payerClaimNumber ?? null,
    },
  });
  return id;
}
