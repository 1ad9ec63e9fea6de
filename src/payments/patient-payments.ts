import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditActor, recordAudit } from '../audit/audit-log';
import type { StaffActor } from '../auth/roles';
import { Prisma, type Database } from '../db/client';
import type { PatientPayment } from '../db/generated/client';
import { patientBalanceCents } from '../patient-billing/issue-statement';
import { OpaqueIdSchema } from '../visit/schema';
import type { PaymentProcessor } from './types';

export const PatientPaymentRequestSchema = z
  .object({
    visitId: OpaqueIdSchema,
    amountCents: z.number().int('must be whole cents').positive('must be more than 0').max(100_000_000),
    method: z.enum(['card', 'cash', 'check', 'ach']),
    /** Card/ACH: the processor's token; check: the check number; cash: a receipt number. */
    reference: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
      .optional(),
  })
  .strict();
export type PatientPaymentRequest = z.infer<typeof PatientPaymentRequestSchema>;

export interface PatientPaymentView {
  paymentId: string;
  visitId: string;
  amountCents: number;
  method: PatientPayment['method'];
  reference: string | null;
  receivedAt: string;
  receivedBy: string;
}

export type PaymentOutcome =
  | { outcome: 'posted'; payment: PatientPaymentView; balanceCents: number; refundTaskId?: string }
  | { outcome: 'repeated'; payment: PatientPaymentView; balanceCents: number }
  | { outcome: 'key_reused'; message: string }
  | { outcome: 'declined'; declineReason: string }
  | { outcome: 'visit_not_found' };

export interface PaymentContext {
  db: Database;
  processor: PaymentProcessor;
  actor: StaffActor;
  idempotencyKey: string;
}

/** What the key stands for: the same key with another payload is refused, never posted. */
const payloadHash = (request: PatientPaymentRequest) =>
  createHash('sha256')
    .update(JSON.stringify([request.visitId, request.amountCents, request.method, request.reference ?? null]))
    .digest('hex');

export const paymentView = (p: PatientPayment): PatientPaymentView => ({
  paymentId: p.id,
  visitId: p.visitId,
  amountCents: p.amountCents,
  method: p.method,
  reference: p.reference,
  receivedAt: p.receivedAt.toISOString(),
  receivedBy: p.receivedBy,
});

/**
 * Records a patient payment once per Idempotency-Key: card and ACH payments are charged first
 * (a decline posts nothing), then the payment and its PATIENT_AR credit land in one transaction.
 * A payment that leaves a credit opens a patient_refund task.
 */
export async function recordPatientPayment(
  context: PaymentContext,
  request: PatientPaymentRequest,
): Promise<PaymentOutcome> {
  const hash = payloadHash(request);
  const earlier = await answerForKey(context, hash);
  if (earlier) return earlier;
  const visit = await context.db.visit.findUnique({ where: { id: request.visitId }, select: { id: true } });
  if (!visit) return { outcome: 'visit_not_found' };
  let processorReference: string | null = null;
  if (request.method === 'card' || request.method === 'ach') {
    const charge = await context.processor.charge({
      // The payload is part of the key: a retry with another card after a decline is a new charge.
      idempotencyKey: `${context.idempotencyKey}:${hash.slice(0, 16)}`,
      amountCents: request.amountCents,
      method: request.method,
      reference: request.reference,
    });
    if (!charge.approved) return { outcome: 'declined', declineReason: charge.declineReason };
    processorReference = charge.processorReference;
  }
  try {
    return await postPayment(context, request, hash, processorReference);
  } catch (error) {
    // The same key raced us to the unique index: its answer is ours.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const raced = await answerForKey(context, hash);
      if (raced) return raced;
    }
    throw error;
  }
}

async function answerForKey(context: PaymentContext, hash: string): Promise<PaymentOutcome | null> {
  const existing = await context.db.patientPayment.findUnique({
    where: { idempotencyKey: context.idempotencyKey },
  });
  if (!existing) return null;
  if (existing.requestHash !== hash)
    return {
      outcome: 'key_reused',
      message: 'this Idempotency-Key was used for a different payment; use a new key for a new payment',
    };
  return {
    outcome: 'repeated',
    payment: paymentView(existing),
    balanceCents: await patientBalanceCents(context.db, existing.visitId),
  };
}

async function postPayment(
  context: PaymentContext,
  request: PatientPaymentRequest,
  hash: string,
  processorReference: string | null,
): Promise<PaymentOutcome> {
  const paymentId = `PP-${randomUUID()}`;
  return context.db.$transaction(async (tx) => {
    const ledgerEntryKey = `patient-payment:${paymentId}`;
    const payment = await tx.patientPayment.create({
      data: {
        id: paymentId,
        visitId: request.visitId,
        amountCents: request.amountCents,
        method: request.method,
        reference: request.reference ?? null,
        idempotencyKey: context.idempotencyKey,
        requestHash: hash,
        processorReference,
        ledgerEntryKey,
        receivedBy: context.actor.username,
      },
    });
    await tx.ledgerEntry.create({
      data: {
        visitId: request.visitId,
        account: 'PATIENT_AR',
        entryType: 'patient_payment',
        amountCents: -request.amountCents,
        memo: `patient payment (${request.method})`,
        idempotencyKey: ledgerEntryKey,
      },
    });
    const balanceCents = await patientBalanceCents(tx, request.visitId);
    const refundTaskId =
      balanceCents < 0 ? await openRefundTask(tx, paymentId, request.visitId, balanceCents) : undefined;
    await recordAudit(tx, {
      visitId: request.visitId,
      ...auditActor(context.actor, 'system'),
      action: 'patient-payment.posted',
      resourceType: 'patient-payment',
      resourceId: paymentId,
      detail: { amountCents: request.amountCents, method: request.method, balanceCents, refundTaskId },
      eventKey: `patient-payment:${paymentId}`,
    });
    return { outcome: 'posted' as const, payment: paymentView(payment), balanceCents, refundTaskId };
  });
}

type Tx = Prisma.TransactionClient;

async function openRefundTask(
  tx: Tx,
  paymentId: string,
  visitId: string,
  balanceCents: number,
): Promise<string> {
  const taskId = `${visitId}:patient_refund:${paymentId}`;
  await tx.reviewTask.create({
    data: {
      id: taskId,
      visitId,
      kind: 'patient_refund',
      reasons: [`the patient has a credit of ${-balanceCents} cents after payment ${paymentId}: refund it`],
    },
  });
  await recordAudit(tx, {
    visitId,
    actor: 'system',
    action: 'review.opened.patient_refund',
    detail: { taskId, paymentId, creditCents: -balanceCents },
    eventKey: `review-open:${taskId}`,
  });
  return taskId;
}
