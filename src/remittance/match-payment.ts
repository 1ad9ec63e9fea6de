import type { Client } from '@temporalio/client';
import { auditActor, recordAudit } from '../audit/audit-log';
import type { StaffActor } from '../auth/roles';
import type { Database } from '../db/client';
import type { RemittancePoster } from '../posting/late-remittance';
import { signalRemittanceIfRunning } from '../temporal/visit-workflows';

export interface MatchDependencies {
  db: Database;
  temporal: Client;
  clock: () => Date;
  postRemittance: RemittancePoster;
}

export type MatchOutcome =
  | { outcome: 'not_found' }
  | { outcome: 'invalid'; problems: Array<{ path: string; message: string }> }
  | { outcome: 'conflict'; message: string }
  | {
      outcome: 'matched';
      remittanceClaimId: string;
      claimId: string;
      /** The same match asked again: nothing changed (the payment is delivered again, idempotently). */
      replay: boolean;
      /** Signalled: the visit's workflow was waiting and posts it; posted: posted here. */
      delivery: 'signalled' | 'posted';
    };

/** A claim still waiting for the payer: its workflow posts the payment (and what follows from it). */
const WAITING = new Set(['submitted', 'accepted']);

/**
 * Staff attach an unmatched 835 claim payment to one of our claims (same payer), once: asking
 * again for the same claim changes nothing, for another claim is a conflict. Then the visit's
 * workflow is told if it waits for this payment; otherwise the payment is posted here.
 */
export async function matchUnmatchedPayment(
  deps: MatchDependencies,
  input: { remittanceClaimId: string; claimId: string; actor: StaffActor },
): Promise<MatchOutcome> {
  const payment = await deps.db.remittanceClaim.findUnique({
    where: { id: input.remittanceClaimId },
    include: { remittance: { select: { payerId: true, documentId: true } } },
  });
  if (!payment) return { outcome: 'not_found' };
  const claim = await deps.db.claim.findUnique({ where: { id: input.claimId } });
  if (!claim) return { outcome: 'invalid', problems: [{ path: 'claimId', message: 'no such claim' }] };
  if (claim.payerId !== payment.remittance.payerId)
    return {
      outcome: 'invalid',
      problems: [{ path: 'claimId', message: 'the claim is billed to another payer than the one that paid' }],
    };
  const attached = await attach(deps, payment.id, claim, input.actor);
  if (attached === 'conflict')
    return { outcome: 'conflict', message: 'the payment is already attached to another claim' };
  const notice = {
    documentId: payment.remittance.documentId,
    remittanceClaimId: payment.id,
    patientControlNumber: claim.patientControlNumber,
    statusCode: payment.statusCode,
  };
  const signalled =
    WAITING.has(claim.status) && (await signalRemittanceIfRunning(deps.temporal, claim.visitId, notice));
  if (!signalled) await deps.postRemittance({ claimId: claim.id, remittanceClaimId: payment.id });
  return {
    outcome: 'matched',
    remittanceClaimId: payment.id,
    claimId: claim.id,
    replay: attached === 'replay',
    delivery: signalled ? 'signalled' : 'posted',
  };
}

/** Sets the claim on a payment that has none, in one statement (two staff at once: one wins). */
async function attach(
  deps: MatchDependencies,
  remittanceClaimId: string,
  claim: { id: string; visitId: string },
  actor: StaffActor,
): Promise<'attached' | 'replay' | 'conflict'> {
  return deps.db.$transaction(async (tx) => {
    const updated = await tx.remittanceClaim.updateMany({
      where: { id: remittanceClaimId, claimId: null },
      data: { claimId: claim.id, matchedAt: deps.clock(), matchedBy: actor.username },
    });
    if (updated.count === 0) {
      const current = await tx.remittanceClaim.findUniqueOrThrow({ where: { id: remittanceClaimId } });
      return current.claimId === claim.id ? 'replay' : 'conflict';
    }
    await recordAudit(tx, {
      visitId: claim.visitId,
      claimId: claim.id,
      ...auditActor(actor, 'staff'),
      action: 'unmatched-payment.matched',
      resourceType: 'remittance-claim',
      resourceId: remittanceClaimId,
      detail: { remittanceClaimId, claimId: claim.id },
      eventKey: `unmatched-payment-matched:${remittanceClaimId}`,
    });
    return 'attached';
  });
}
