import { createHash } from 'node:crypto';
import type { ClaimBatch, ProfessionalClaim } from '../../claims/types';
import type { Database } from '../../db/client';
import type { EligibilityRequest, EligibilityResult } from '../../eligibility/types';
import type { ClaimPayment, RemittanceAdvice } from '../../remittance/types';
import type {
  ClaimAcknowledgement,
  ClaimStatusReport,
  ClaimStatusRequest,
  Clearinghouse,
  InboundDocument,
  InboundDocumentKind,
  InboundDocumentRef,
  SubmissionReceipt,
} from '../types';
import { acknowledgeClaim, adjudicateClaim, answerEligibility } from './payer-rules';

export interface SandboxTiming {
  /** Delay before the 277CA acknowledgement is available. */
  acknowledgementDelayMs: number;
  /** Delay before an adjudicated claim is paid in the payer's next 835 run. */
  paymentDelayMs: number;
}

interface StoredDocument {
  acknowledgements: ClaimAcknowledgement[];
  remittance?: RemittanceAdvice;
}

/**
 * An in-process sandbox clearinghouse and payer, persisted in PostgreSQL so a restart loses
 * nothing. Deterministic by payer-rules.ts; time comes from the injected clock.
 */
export class SandboxClearinghouse implements Clearinghouse {
  readonly name = 'sandbox';

  constructor(
    private readonly db: Database,
    private readonly timing: SandboxTiming,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async checkEligibility(request: EligibilityRequest): Promise<EligibilityResult> {
    return answerEligibility(request);
  }

  async submitClaims(batch: ClaimBatch, options: { idempotencyKey: string }): Promise<SubmissionReceipt> {
    const submissionId = `SBX-${createHash('sha256').update(options.idempotencyKey).digest('hex').slice(0, 16)}`;
    const now = this.clock();
    return this.db.$transaction(async (tx) => {
      const existing = await tx.sandboxSubmission.findUnique({
        where: { idempotencyKey: options.idempotencyKey },
      });
      if (existing) return { submissionId: existing.submissionId, newlyAccepted: false };
      await tx.sandboxSubmission.create({
        data: { idempotencyKey: options.idempotencyKey, submissionId, batch: batch as object },
      });
      const acknowledgements = batch.claims.map(acknowledgeClaim);
      await tx.sandboxDocument.create({
        data: {
          id: `${submissionId}-277CA`,
          kind: '277CA',
          raw: JSON.stringify({ acknowledgements } satisfies StoredDocument),
          availableAt: new Date(now.getTime() + this.timing.acknowledgementDelayMs),
        },
      });
      for (const claim of batch.claims) {
        const ack = acknowledgements.find((a) => a.patientControlNumber === claim.patientControlNumber);
        if (!ack?.accepted) continue;
        const duplicate = await this.isDuplicate(tx as unknown as Database, claim);
        await tx.sandboxAdjudication.create({
          data: {
            patientControlNumber: claim.patientControlNumber,
            submissionId,
            payerId: claim.payer.payerId,
            claimPayment: adjudicateClaim(claim, { duplicate }) as object,
            dueAt: new Date(now.getTime() + this.timing.paymentDelayMs),
          },
        });
      }
      return { submissionId, newlyAccepted: true };
    });
  }

  /** Same member, date of service and codes already adjudicated under another claim number. */
  private async isDuplicate(db: Database, claim: ProfessionalClaim): Promise<boolean> {
    const earlier = await db.sandboxSubmission.findMany({ select: { batch: true } });
    const fingerprint = (c: ProfessionalClaim) =>
      [
        c.subscriber.memberId,
        c.dateOfService,
        ...c.lines.map((l) => `${l.code}:${l.modifiers.join('')}`),
      ].join('|');
    const mine = fingerprint(claim);
    return earlier.some((row) =>
      (row.batch as unknown as ClaimBatch).claims.some(
        (c) =>
          c.patientControlNumber !== claim.patientControlNumber &&
          c.frequencyCode === '1' &&
          fingerprint(c) === mine,
      ),
    );
  }

  async getClaimStatus(request: ClaimStatusRequest): Promise<ClaimStatusReport> {
    const adjudication = await this.db.sandboxAdjudication.findUnique({
      where: { patientControlNumber: request.patientControlNumber },
    });
    if (!adjudication) {
      return {
        patientControlNumber: request.patientControlNumber,
        categoryCode: 'A4',
        statusCode: '35',
        message: 'claim not found',
      };
    }
    const payment = adjudication.claimPayment as unknown as ClaimPayment;
    if (!adjudication.remittedDocumentId) {
      return {
        patientControlNumber: request.patientControlNumber,
        categoryCode: 'P1',
        statusCode: '20',
        payerClaimNumber: payment.payerClaimNumber,
        message: 'pending: in process',
      };
    }
    return {
      patientControlNumber: request.patientControlNumber,
      categoryCode: payment.statusCode === '4' ? 'F2' : 'F1',
      statusCode: payment.statusCode === '4' ? '2' : '1',
      payerClaimNumber: payment.payerClaimNumber,
      message: payment.statusCode === '4' ? 'finalized: denied' : 'finalized: paid',
    };
  }

  async listInbound(
    cursor: string | null,
  ): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }> {
    await this.runPaymentCycle();
    const after = cursor ? Number(cursor) : 0;
    const rows = await this.db.sandboxDocument.findMany({
      where: { sequence: { gt: after }, availableAt: { lte: this.clock() } },
      orderBy: { sequence: 'asc' },
      take: 100,
    });
    // A document not yet available must not be skipped: stop the page before the first gap.
    const documents: InboundDocumentRef[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind as InboundDocumentKind,
      receivedAt: r.availableAt.toISOString(),
    }));
    const pending = await this.db.sandboxDocument.findFirst({
      where: { sequence: { gt: after }, availableAt: { gt: this.clock() } },
      orderBy: { sequence: 'asc' },
    });
    const visible = pending ? rows.filter((r) => r.sequence < pending.sequence) : rows;
    const last = visible.at(-1);
    return {
      documents: documents.slice(0, visible.length),
      nextCursor: last ? String(last.sequence) : cursor,
    };
  }

  async fetchDocument(id: string): Promise<InboundDocument> {
    const row = await this.db.sandboxDocument.findUnique({ where: { id } });
    if (!row) throw new Error(`sandbox document ${id} not found`);
    const stored = JSON.parse(row.raw) as StoredDocument;
    return {
      id: row.id,
      kind: row.kind as InboundDocumentKind,
      receivedAt: row.availableAt.toISOString(),
      raw: row.raw,
      acknowledgements: stored.acknowledgements,
      remittance: stored.remittance,
    };
  }

  /** Pays every due claim: one 835 per payer per run, several claims per payment. */
  private async runPaymentCycle(): Promise<void> {
    const now = this.clock();
    await this.db.$transaction(async (tx) => {
      // Serialise payment runs across workers so a claim is never paid in two runs.
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(724001)');
      const due = await tx.sandboxAdjudication.findMany({
        where: { remittedDocumentId: null, dueAt: { lte: now } },
        orderBy: { patientControlNumber: 'asc' },
      });
      const byPayer = new Map<string, typeof due>();
      for (const row of due) byPayer.set(row.payerId, [...(byPayer.get(row.payerId) ?? []), row]);
      for (const [payerId, rows] of byPayer) {
        const claims = rows.map((r) => r.claimPayment as unknown as ClaimPayment);
        const count = await tx.sandboxDocument.count({ where: { kind: '835' } });
        const traceNumber = `SBXEFT${String(count + 1).padStart(8, '0')}`;
        const remittance: RemittanceAdvice = {
          traceNumber,
          payerId,
          payerName: `SANDBOX PAYER ${payerId}`,
          paymentCents: claims.reduce((s, c) => s + c.paidCents, 0),
          paymentMethod: 'ACH',
          paymentDate: now.toISOString().slice(0, 10),
          claims,
          providerAdjustments: [],
        };
        const id = `${payerId}-${traceNumber}-835`;
        await tx.sandboxDocument.create({
          data: {
            id,
            kind: '835',
            raw: JSON.stringify({ acknowledgements: [], remittance }),
            availableAt: now,
          },
        });
        await tx.sandboxAdjudication.updateMany({
          where: { patientControlNumber: { in: rows.map((r) => r.patientControlNumber) } },
          data: { remittedDocumentId: id },
        });
      }
    });
  }
}
