import { auditActor, recordAudit } from '../audit/audit-log';
import { can } from '../auth/permissions';
import type { StaffActor } from '../auth/roles';
import type { Database } from '../db/client';
import { formatCents } from '../x12/money';

/** Posts one remittance claim to a claim (activities/posting.ts postRemittance: once per remittance claim). */
export type RemittancePoster = (input: {
  claimId: string;
  remittanceClaimId: string;
}) => Promise<{ statusCode: string; paidCents: number }>;

export interface LatePosting {
  /** False when the remittance claim names no claim of ours (it stays in the unmatched queue). */
  posted: boolean;
  taskId: string | null;
}

/** The staff task of a late remittance claim: one per remittance claim, however often it arrives. */
export function lateRemittanceTaskId(remittanceClaimId: string): string {
  return `late-${remittanceClaimId}`;
}

/** What the task says: the claim, what arrived and that it was posted without the workflow. */
function lateReasons(pcn: string, statusCode: string, paidCents: number): string[] {
  const what = statusCode === '22' ? 'reversal (CLP02 22)' : `payment (CLP02 ${statusCode})`;
  return [
    `${what} of claim ${pcn} for ${formatCents(paidCents)} arrived after the visit's workflow closed`,
    'posted to the claim; check the visit balance, the patient statement and any refund or rebill',
  ];
}

/**
 * A remittance claim whose visit's workflow has closed (it can no longer hear the notice): posted
 * to its claim with the workflow's own posting code, and a `late_reversal` task opened for staff.
 * Idempotent: a repeated document posts nothing more and opens no second task.
 */
export async function postLateRemittance(
  db: Database,
  post: RemittancePoster,
  remittanceClaimId: string,
): Promise<LatePosting> {
  const remittanceClaim = await db.remittanceClaim.findUniqueOrThrow({ where: { id: remittanceClaimId } });
  const claim = remittanceClaim.claimId
    ? await db.claim.findUnique({ where: { id: remittanceClaim.claimId } })
    : await db.claim.findUnique({ where: { patientControlNumber: remittanceClaim.patientControlNumber } });
  if (!claim) return { posted: false, taskId: null };
  const posting = await post({ claimId: claim.id, remittanceClaimId });
  const taskId = lateRemittanceTaskId(remittanceClaimId);
  const reasons = lateReasons(claim.patientControlNumber, posting.statusCode, posting.paidCents);
  await db.$transaction(async (tx) => {
    await tx.reviewTask.createMany({
      data: [{ id: taskId, visitId: claim.visitId, kind: 'late_reversal', reasons }],
      skipDuplicates: true,
    });
    await recordAudit(tx, {
      visitId: claim.visitId,
      claimId: claim.id,
      actor: 'system',
      action: 'review.opened.late_reversal',
      detail: { taskId, remittanceClaimId, statusCode: posting.statusCode, paidCents: posting.paidCents },
      eventKey: `review-open:${taskId}`,
    });
  });
  return { posted: true, taskId };
}

export type AccountTaskResolution =
  | { outcome: 'not_found' }
  | { outcome: 'forbidden'; taskId: string }
  | { outcome: 'resolved'; taskId: string; resolvedBy: string; replay: boolean };

/** Tasks opened after the visit's workflow was done with the visit: staff close them themselves. */
export const ACCOUNT_TASK_KINDS = ['late_reversal', 'patient_refund', 'patient_collections'] as const;
export type AccountTaskKind = (typeof ACCOUNT_TASK_KINDS)[number];

/**
 * Staff close a task no workflow owns (a late reversal, a refund, a balance sent to collections)
 * with what they did. Once: closing it again answers the first resolution and changes nothing.
 * A collections task is a supervisor's (src/auth/permissions.ts TASK_CLASS).
 */
export async function resolveAccountTask(
  db: Database,
  input: {
    taskId: string;
    note: string;
    actor: StaffActor;
    now: Date;
    kinds?: readonly AccountTaskKind[];
  },
): Promise<AccountTaskResolution> {
  const kinds: readonly string[] = input.kinds ?? ['late_reversal'];
  return db.$transaction(async (tx) => {
    const task = await tx.reviewTask.findUnique({ where: { id: input.taskId } });
    if (!task || !kinds.includes(task.kind)) return { outcome: 'not_found' };
    if (task.kind === 'patient_collections' && !can(input.actor.role, 'review.decide-escalated'))
      return { outcome: 'forbidden', taskId: task.id };
    const closed = await tx.reviewTask.updateMany({
      where: { id: task.id, status: 'open' },
      data: {
        status: 'resolved',
        resolvedAt: input.now,
        resolvedBy: input.actor.username,
        resolution: { note: input.note },
      },
    });
    if (closed.count === 0)
      return { outcome: 'resolved', taskId: task.id, resolvedBy: task.resolvedBy ?? '', replay: true };
    await recordAudit(tx, {
      visitId: task.visitId,
      ...auditActor(input.actor, 'staff'),
      action: `review.resolved.${task.kind}`,
      detail: { taskId: task.id },
      eventKey: `review-resolved:${task.id}`,
    });
    return { outcome: 'resolved', taskId: task.id, resolvedBy: input.actor.username, replay: false };
  });
}
