import { createHash } from 'node:crypto';
import type { ClaimBatch, ProfessionalClaim } from '../../claims/types';
import type { Database } from '../../db/client';
import type { ClaimPayment, RemittanceAdvice } from '../../remittance/types';
import type { ClaimStatusDetail, X12Transaction } from '../../x12';
import {
  acknowledgeInterchange,
  el,
  IMPLEMENTATION_270_271,
  IMPLEMENTATION_276_277,
  IMPLEMENTATION_837P,
  parseX12,
  read270,
  read276,
  read837P,
  transactionsOf,
  write271,
  write277,
  write277CA,
  write835,
  write999,
  X12Error,
} from '../../x12';
import type {
  ClaimAcknowledgement,
  ClaimStatusRequest,
  InboundDocumentKind,
  InboundDocumentRef,
} from '../types';
import {
  acknowledgeClaim,
  adjudicateClaim,
  answerEligibility,
  duplicateFingerprint,
  needsReversal,
  paidLate,
  providerAdjustmentsFor,
  reversalOf,
} from './payer-rules';
import type { CorrectionProblem } from './payer-rules';
import { carryForwardBalances } from './forward-balance';
import { adjudicateSecondaryClaim, crossOver, type CrossoverPayment } from './secondary-rules';
import type { RejectionDocuments } from './sandbox-x12';
import {
  implementationErrors,
  rejectionFor,
  requireKind,
  SANDBOX_CLEARINGHOUSE_ID,
  SANDBOX_CLEARINGHOUSE_NAME,
  sandboxEnvelope,
} from './sandbox-x12';

export interface SandboxTiming {
  /** Delay before the 277CA acknowledgement is available (the 999 is available at once). */
  acknowledgementDelayMs: number;
  /** Delay before an adjudicated claim is paid in the payer's next 835 run. */
  paymentDelayMs: number;
}

/** Instant timing for tests; `{ acknowledgementDelayMs: 4 * HOUR, paymentDelayMs: 14 * DAY }` is realistic. */
export const INSTANT_TIMING: SandboxTiming = { acknowledgementDelayMs: 0, paymentDelayMs: 0 };

export interface SandboxReceipt {
  submissionId: string;
  newlyAccepted: boolean;
  /** The 999 answering the interchange. */
  ack999: string;
}

export interface SandboxInboundDocument extends InboundDocumentRef {
  raw: string;
  /** For 999 and 277CA: the submission they answer. */
  submissionId?: string;
}

/** What the payer keeps per claim (SandboxAdjudication.claimPayment). No names or member ids. */
interface StoredClaim {
  accepted: boolean;
  acknowledgement: ClaimAcknowledgement;
  payment?: ClaimPayment;
  fingerprint: string;
  frequencyCode: string;
  paidLate: boolean;
  payeeNpi: string;
  submitterId: string;
  chargeCents: number;
  dateOfService: string;
  /** Frequency 7/8: REF*F8, the payer claim number of the claim replaced or voided. */
  originalPayerClaimNumber?: string;
  /** Frequency 7/8: the reversal (CLP02 22) of the original's payment, remitted just before `payment`. */
  reversal?: ClaimPayment;
  /** On an original: the PCN of the replacement or void that corrected it (at most one). */
  correctedBy?: string;
  /** Crossed over: the next payer's payment, remitted in its own 835 after this claim's. */
  crossover?: CrossoverPayment;
}

/** A claim as the payer holds it while a batch is processed: stored already, or decided in this batch. */
interface HeldClaim {
  pcn: string;
  payerId: string;
  stored: StoredClaim;
  /** Decided in this batch, not yet stored. */
  inBatch: boolean;
}

interface StoredSubmission {
  x12: string;
  ack999Id: string;
}

const DOCUMENT_LOCK = 'SELECT pg_advisory_xact_lock(724001)';
const TX = { timeout: 60_000, maxWait: 30_000 };
type Tx = Parameters<Parameters<Database['$transaction']>[0]>[0];

export function submissionIdFor(idempotencyKey: string): string {
  return `SBX-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/**
 * The sandbox clearinghouse and payer, X12 in and X12 out: it only ever sees the text we send
 * (837P, 270, 276) and answers in text (999, 277CA, 835, 271, 277, TA1). State in PostgreSQL
 * (SandboxSubmission, SandboxDocument, SandboxAdjudication); decisions by payer-rules.ts; control
 * numbers from the SandboxDocument sequence and dates from the injected clock.
 */
export class SandboxPayer {
  constructor(
    private readonly db: Database,
    private readonly timing: SandboxTiming = INSTANT_TIMING,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Receives an 837P. Throws X12Error (nothing stored) when the text is not a readable 837P;
   * `rejectionFor` gives the TA1/999 for such text. A resent idempotency key returns the
   * earlier receipt and adjudicates nothing.
   */
  async receive837(x12: string, idempotencyKey: string): Promise<SandboxReceipt> {
    if (!idempotencyKey) throw new Error('an idempotency key is required');
    const document = parseX12(x12);
    const interchange = requireKind(document, '837', IMPLEMENTATION_837P);
    const sets = transactionsOf(document).map(({ transaction }) => transaction);
    const batches = read837P(x12);
    const submissionId = submissionIdFor(idempotencyKey);
    const now = this.clock();
    return this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(DOCUMENT_LOCK);
      const existing = await tx.sandboxSubmission.findUnique({ where: { idempotencyKey } });
      if (existing) {
        const stored = existing.batch as unknown as StoredSubmission;
        const ack = await tx.sandboxDocument.findUnique({ where: { id: stored.ack999Id } });
        return { submissionId: existing.submissionId, newlyAccepted: false, ack999: ack?.raw ?? '' };
      }
      // 999: syntax was checked by parseX12/read837P; implementation checks per transaction set.
      const errors: Record<string, ReturnType<typeof implementationErrors>> = {};
      for (const set of sets) {
        const found = implementationErrors(set);
        if (found.length > 0) errors[set.controlNumber] = found;
      }
      const functional = acknowledgeInterchange(interchange, errors);
      const ack999Number = await nextControlNumber(tx);
      const replyTo = interchange.senderId;
      const ack999 = write999(functional, {
        envelope: sandboxEnvelope(replyTo, ack999Number, now, interchange.receiverId),
      });
      const ack999Id = `${submissionId}-999`;
      await tx.sandboxSubmission.create({
        data: {
          idempotencyKey,
          submissionId,
          batch: { x12, ack999Id } satisfies StoredSubmission,
          receivedAt: now,
        },
      });
      await tx.sandboxDocument.create({
        data: { sequence: ack999Number, id: ack999Id, kind: '999', raw: ack999, availableAt: now },
      });
      // 277CA and adjudication for the claims of accepted transaction sets.
      let index = 0;
      for (const [n, batch] of batches.entries()) {
        const set = sets[n] as X12Transaction;
        if (errors[set.controlNumber]) continue;
        await this.acknowledgeAndAdjudicate(tx, batch, {
          submissionId,
          documentId: `${submissionId}-277CA${index === 0 ? '' : `-${index + 1}`}`,
          replyTo,
          now,
        });
        index += 1;
      }
      return { submissionId, newlyAccepted: true, ack999 };
    }, TX);
  }

  private async acknowledgeAndAdjudicate(
    tx: Tx,
    batch: ClaimBatch,
    context: { submissionId: string; documentId: string; replyTo: string; now: Date },
  ): Promise<void> {
    const { now } = context;
    const acknowledgements: ClaimAcknowledgement[] = [];
    const decisions: Array<{ claim: ProfessionalClaim; stored: StoredClaim }> = [];
    for (const claim of batch.claims) {
      const earlier = await tx.sandboxAdjudication.findUnique({
        where: { patientControlNumber: claim.patientControlNumber },
      });
      const earlierAccepted =
        earlier !== null && (earlier.claimPayment as unknown as StoredClaim).accepted === true;
      const seenInBatch = decisions.some((d) => d.claim.patientControlNumber === claim.patientControlNumber);
      const alreadyAdjudicated = earlierAccepted || seenInBatch;
      // Replacement (7) / void (8): the claim named by REF*F8, corrected at most once.
      let original: HeldClaim | undefined;
      let correction: CorrectionProblem | undefined;
      if (!alreadyAdjudicated && claim.frequencyCode !== '1') {
        original = await findOriginal(tx, decisions, claim);
        if (!original) correction = 'original-not-found';
        else if (original.stored.correctedBy) correction = 'original-already-corrected';
      }
      const ack = acknowledgeClaim(claim, { alreadyAdjudicated, correction });
      acknowledgements.push(ack);
      if (alreadyAdjudicated) continue; // the earlier claim stands
      const fingerprint = duplicateFingerprint(claim);
      let payment: ClaimPayment | undefined;
      let reversal: ClaimPayment | undefined;
      let crossover: CrossoverPayment | undefined;
      if (ack.accepted) {
        if (original) {
          // Take back what the original paid (a denial needs no reversal) and mark it corrected.
          if (needsReversal(original.stored.payment)) reversal = reversalOf(original.stored.payment);
          await markCorrected(tx, original, claim.patientControlNumber);
        }
        if (claim.frequencyCode !== '8') {
          // CO-18 compares with the payer's current claims: never a replacement with its own original.
          const duplicate = await isDuplicate(tx, decisions, fingerprint, original?.pcn);
          ({ payment, crossover } = adjudicate(claim, duplicate));
        }
      }
      decisions.push({
        claim,
        stored: {
          accepted: ack.accepted,
          acknowledgement: ack,
          payment,
          fingerprint,
          frequencyCode: claim.frequencyCode,
          paidLate: paidLate(claim.subscriber.memberId),
          payeeNpi: batch.billingProvider.npi,
          submitterId: context.replyTo,
          chargeCents: claim.totalChargeCents,
          dateOfService: claim.dateOfService,
          ...(claim.frequencyCode !== '1' && claim.originalPayerClaimNumber
            ? { originalPayerClaimNumber: claim.originalPayerClaimNumber }
            : {}),
          ...(reversal ? { reversal } : {}),
          ...(crossover ? { crossover } : {}),
        },
      });
    }
    const number = await nextControlNumber(tx);
    const raw = write277CA(batch, acknowledgements, {
      envelope: sandboxEnvelope(context.replyTo, number, now),
      source: { kind: 'clearinghouse', name: SANDBOX_CLEARINGHOUSE_NAME, id: SANDBOX_CLEARINGHOUSE_ID },
    });
    await tx.sandboxDocument.create({
      data: {
        sequence: number,
        id: context.documentId,
        kind: '277CA',
        raw,
        availableAt: new Date(now.getTime() + this.timing.acknowledgementDelayMs),
      },
    });
    for (const { claim, stored } of decisions) {
      const data = {
        submissionId: context.submissionId,
        payerId: claim.payer.payerId,
        claimPayment: stored as object,
        dueAt: new Date(now.getTime() + this.timing.paymentDelayMs),
        remittedDocumentId: null,
      };
      await tx.sandboxAdjudication.upsert({
        where: { patientControlNumber: claim.patientControlNumber },
        create: { patientControlNumber: claim.patientControlNumber, ...data },
        update: data,
      });
    }
  }

  /** 270 in, 271 out (one inquiry per 270). */
  async answer270(x12: string): Promise<string> {
    const document = parseX12(x12);
    const interchange = requireKind(document, '270', IMPLEMENTATION_270_271);
    const requests = read270(x12);
    const request = requests[0];
    if (!request || requests.length !== 1)
      throw new X12Error('UNSUPPORTED', 'the sandbox answers one eligibility inquiry per 270', {
        segmentId: 'NM1',
        expected: '1 subscriber',
        found: String(requests.length),
      });
    const transaction = transactionsOf(document)[0]!.transaction;
    const trn = transaction.segments.find((s) => s.id === 'TRN');
    const payer = transaction.segments.find((s) => s.id === 'NM1' && el(s, 1) === 'PR');
    const provider = transaction.segments.find((s) => s.id === 'NM1' && el(s, 1) === '1P');
    const number = await nextControlNumber(this.db);
    return write271(answerEligibility(request), request, {
      envelope: sandboxEnvelope(interchange.senderId, number, this.clock(), interchange.receiverId),
      traceNumber: trn ? el(trn, 2) : undefined,
      payerName: payer ? el(payer, 3) : undefined,
      providerName: provider ? el(provider, 3) : undefined,
    });
  }

  /** 276 in, 277 out: the status of each claim asked about, from the payer's records. */
  async answer276(x12: string): Promise<string> {
    const document = parseX12(x12);
    const interchange = requireKind(document, '276', IMPLEMENTATION_276_277);
    const requests = read276(x12);
    if (requests.length === 0)
      throw new X12Error('MISSING_SEGMENT', 'the 276 asks about no claim', {
        segmentId: 'TRN',
        expected: 'TRN*1',
      });
    const segments = transactionsOf(document).flatMap(({ transaction }) => transaction.segments);
    const receiver = segments.find((s) => s.id === 'NM1' && el(s, 1) === '41');
    const subscriberNames: Record<string, { firstName: string; lastName: string }> = {};
    for (const s of segments.filter((s) => s.id === 'NM1' && el(s, 1) === 'IL'))
      subscriberNames[el(s, 9)] = { lastName: el(s, 3), firstName: el(s, 4) };
    const responses = [];
    for (const request of requests) responses.push({ request, report: await this.statusOf(request) });
    const number = await nextControlNumber(this.db);
    return write277(responses, {
      envelope: sandboxEnvelope(interchange.senderId, number, this.clock(), interchange.receiverId),
      receiver: {
        name: receiver ? el(receiver, 3) : 'SUBMITTER',
        id: receiver ? el(receiver, 9) : interchange.senderId,
      },
      subscriberNames,
    });
  }

  private async statusOf(request: ClaimStatusRequest): Promise<ClaimStatusDetail> {
    const pcn = request.patientControlNumber;
    const row = await this.db.sandboxAdjudication.findUnique({ where: { patientControlNumber: pcn } });
    if (!row)
      return { patientControlNumber: pcn, categoryCode: 'A4', statusCode: '35', message: 'claim not found' };
    const stored = row.claimPayment as unknown as StoredClaim;
    const base = { patientControlNumber: pcn, chargeCents: stored.chargeCents };
    if (!stored.accepted || !stored.payment) {
      const ack = stored.acknowledgement;
      return {
        ...base,
        categoryCode: ack.categoryCode,
        statusCode: ack.statusCode,
        message: ack.reasons[0] ?? (stored.accepted ? 'accepted: void, nothing adjudicated' : 'rejected'),
      };
    }
    const payment = stored.payment;
    if (!row.remittedDocumentId)
      return {
        ...base,
        categoryCode: 'P1',
        statusCode: '20',
        payerClaimNumber: payment.payerClaimNumber,
        message: 'pending: in process',
      };
    const denied = payment.statusCode === '4';
    return {
      ...base,
      categoryCode: denied ? 'F2' : 'F1',
      statusCode: denied ? '1' : '65',
      payerClaimNumber: payment.payerClaimNumber,
      paidCents: payment.paidCents,
      message: denied ? 'finalized: denied, see remittance advice' : 'finalized: paid',
    };
  }

  /** Inbound documents after the cursor (a sequence number), oldest first; runs due payment runs. */
  async listInbound(
    cursor: string | null,
    limit = 100,
  ): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }> {
    await this.runPaymentCycle();
    await this.remitCrossovers();
    const after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
    const now = this.clock();
    const rows = await this.db.sandboxDocument.findMany({
      where: { sequence: { gt: after }, availableAt: { lte: now } },
      orderBy: { sequence: 'asc' },
      take: limit,
    });
    // A document not yet available must not be skipped: stop the page before the first gap.
    const pending = await this.db.sandboxDocument.findFirst({
      where: { sequence: { gt: after }, availableAt: { gt: now } },
      orderBy: { sequence: 'asc' },
    });
    const visible = pending ? rows.filter((r) => r.sequence < pending.sequence) : rows;
    const last = visible.at(-1);
    return {
      documents: visible.map((r) => ({
        id: r.id,
        kind: r.kind as InboundDocumentKind,
        receivedAt: r.availableAt.toISOString(),
      })),
      nextCursor: last ? String(last.sequence) : cursor,
    };
  }

  /** A delivered document (undefined when unknown or not yet available). */
  async document(id: string): Promise<SandboxInboundDocument | undefined> {
    const row = await this.db.sandboxDocument.findUnique({ where: { id } });
    if (!row || row.availableAt > this.clock()) return undefined;
    const match = /^(SBX-[0-9a-f]{16})-(999|277CA)/.exec(row.id);
    return {
      id: row.id,
      kind: row.kind as InboundDocumentKind,
      receivedAt: row.availableAt.toISOString(),
      raw: row.raw,
      ...(match ? { submissionId: match[1] } : {}),
    };
  }

  /** The 837P of a submission, as received. */
  async submission(
    submissionId: string,
  ): Promise<{ submissionId: string; receivedAt: string; x12: string } | undefined> {
    const row = await this.db.sandboxSubmission.findUnique({ where: { submissionId } });
    if (!row) return undefined;
    return {
      submissionId,
      receivedAt: row.receivedAt.toISOString(),
      x12: (row.batch as unknown as StoredSubmission).x12,
    };
  }

  /** TA1 or 999 rejecting unreadable X12 (nothing is stored; a control number is used up). */
  async rejection(x12: string, error: X12Error): Promise<RejectionDocuments> {
    return rejectionFor(x12, error, await nextControlNumber(this.db), this.clock());
  }

  /** Pays every due claim: one 835 per payer (and payee) per run, several claims per payment. */
  async runPaymentCycle(): Promise<number> {
    const now = this.clock();
    return this.db.$transaction(async (tx) => {
      // Serialise payment runs across workers so a claim is never paid in two runs.
      await tx.$executeRawUnsafe(DOCUMENT_LOCK);
      const due = await tx.sandboxAdjudication.findMany({
        where: {
          remittedDocumentId: null,
          dueAt: { lte: now },
          claimPayment: { path: ['accepted'], equals: true },
        },
        orderBy: { patientControlNumber: 'asc' },
      });
      const groups = new Map<string, Array<{ pcn: string; stored: StoredClaim; payerId: string }>>();
      for (const row of due) {
        const stored = row.claimPayment as unknown as StoredClaim;
        if (!stored.payment && !stored.reversal) continue; // e.g. a void of a denied claim
        const key = [stored.submitterId, row.payerId, stored.payeeNpi].join('|');
        groups.set(key, [
          ...(groups.get(key) ?? []),
          { pcn: row.patientControlNumber, stored, payerId: row.payerId },
        ]);
      }
      let written = 0;
      for (const [runKey, rows] of groups.entries()) {
        const { payerId } = rows[0]!;
        const { submitterId, payeeNpi } = rows[0]!.stored;
        // A reversal (CLP02 22) comes right before the replacement's own CLP, and after the
        // original's payment when both are in this run.
        const claims = orderForRemittance(rows).flatMap((r) => [
          ...(r.stored.reversal ? [r.stored.reversal] : []),
          ...(r.stored.payment ? [r.stored.payment] : []),
        ]);
        const count = await tx.sandboxDocument.count({ where: { kind: '835' } });
        const traceNumber = `SBXEFT${String(count + 1).padStart(8, '0')}`;
        const providerAdjustments = providerAdjustmentsFor(
          rows.flatMap((r) =>
            r.stored.payment ? [{ payment: r.stored.payment, paidLate: r.stored.paidLate }] : [],
          ),
        );
        const net = (adjustments: typeof providerAdjustments) =>
          claims.reduce((s, c) => s + c.paidCents, 0) - adjustments.reduce((s, a) => s + a.amountCents, 0);
        // A run that nets negative is carried forward (PLB FB), never sent as a debit.
        providerAdjustments.push(
          ...(await carryForwardBalances(tx, runKey, net(providerAdjustments), traceNumber)),
        );
        const paymentCents = net(providerAdjustments);
        const remittance: RemittanceAdvice = {
          traceNumber,
          payerId,
          payerName: `SANDBOX PAYER ${payerId}`,
          paymentCents,
          // Nothing to transfer: a notification only (BPR01 H, BPR04 NON).
          paymentMethod: paymentCents === 0 ? 'NON' : 'ACH',
          paymentDate: now.toISOString().slice(0, 10),
          payeeNpi,
          claims,
          providerAdjustments,
        };
        const number = await nextControlNumber(tx);
        const raw = write835([remittance], {
          envelope: sandboxEnvelope(submitterId, number, now),
          payeeName: 'PAYEE',
        });
        const id = `835-${payerId}-${traceNumber}`;
        await tx.sandboxDocument.create({
          data: { sequence: number, id, kind: '835', raw, availableAt: now },
        });
        await tx.sandboxAdjudication.updateMany({
          where: { patientControlNumber: { in: rows.map((r) => r.pcn) } },
          data: { remittedDocumentId: id },
        });
        written += 1;
      }
      return written;
    }, TX);
  }

  /**
   * The crossover payers' 835s: one per crossover payer (and payee) for the claims whose primary
   * payment was remitted already, each quoting the primary claim's CLP01.
   */
  async remitCrossovers(): Promise<number> {
    const now = this.clock();
    return this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(DOCUMENT_LOCK);
      const rows = await tx.sandboxAdjudication.findMany({
        where: {
          remittedDocumentId: { not: null },
          claimPayment: { path: ['crossover', 'remitted'], equals: false },
        },
        orderBy: { patientControlNumber: 'asc' },
      });
      const groups = new Map<string, Array<{ pcn: string; stored: StoredClaim }>>();
      for (const row of rows) {
        const stored = row.claimPayment as unknown as StoredClaim;
        const key = [stored.submitterId, stored.crossover!.payerId, stored.payeeNpi].join('|');
        groups.set(key, [...(groups.get(key) ?? []), { pcn: row.patientControlNumber, stored }]);
      }
      for (const group of groups.values()) {
        await writeCrossoverRemittance(tx, group, now);
        for (const { pcn, stored } of group)
          await tx.sandboxAdjudication.update({
            where: { patientControlNumber: pcn },
            data: {
              claimPayment: { ...stored, crossover: { ...stored.crossover!, remitted: true } } as object,
            },
          });
      }
      return groups.size;
    }, TX);
  }
}

/** One 835 of a crossover payer for its share of crossed-over claims. */
async function writeCrossoverRemittance(
  tx: Tx,
  group: Array<{ pcn: string; stored: StoredClaim }>,
  now: Date,
): Promise<void> {
  const { submitterId, payeeNpi, crossover } = group[0]!.stored;
  const payerId = crossover!.payerId;
  const claims = group.map((g) => g.stored.crossover!.payment);
  const count = await tx.sandboxDocument.count({ where: { kind: '835' } });
  const traceNumber = `SBXEFT${String(count + 1).padStart(8, '0')}`;
  const remittance: RemittanceAdvice = {
    traceNumber,
    payerId,
    payerName: `SANDBOX PAYER ${payerId}`,
    paymentCents: claims.reduce((s, c) => s + c.paidCents, 0),
    paymentMethod: 'ACH',
    paymentDate: now.toISOString().slice(0, 10),
    payeeNpi,
    claims,
    providerAdjustments: [],
  };
  const number = await nextControlNumber(tx);
  const raw = write835([remittance], {
    envelope: sandboxEnvelope(submitterId, number, now),
    payeeName: 'PAYEE',
  });
  await tx.sandboxDocument.create({
    data: { sequence: number, id: `835-${payerId}-${traceNumber}`, kind: '835', raw, availableAt: now },
  });
}

/**
 * A claim billed to this payer as secondary/tertiary (loop 2320 present) pays after the prior
 * payer; a primary one by the plan's rules, crossed over when the member is configured so.
 */
function adjudicate(
  claim: ProfessionalClaim,
  duplicate: boolean,
): { payment: ClaimPayment; crossover?: CrossoverPayment } {
  if (!duplicate && claim.priorPayers?.length) return { payment: adjudicateSecondaryClaim(claim) };
  return crossOver(adjudicateClaim(claim, { duplicate }), claim.subscriber.memberId);
}

/**
 * The claim a replacement or void names in REF*F8: an accepted, not voided claim of the same payer
 * with that payer claim number, decided earlier in this batch or stored.
 */
async function findOriginal(
  tx: Tx,
  decisions: Array<{ claim: ProfessionalClaim; stored: StoredClaim }>,
  claim: ProfessionalClaim,
): Promise<HeldClaim | undefined> {
  const number = claim.originalPayerClaimNumber;
  if (!number) return undefined;
  const correctable = (stored: StoredClaim) => stored.accepted && stored.frequencyCode !== '8';
  for (const d of decisions) {
    if (
      d.stored.acknowledgement.payerClaimNumber === number &&
      d.claim.payer.payerId === claim.payer.payerId &&
      correctable(d.stored)
    )
      return {
        pcn: d.claim.patientControlNumber,
        payerId: d.claim.payer.payerId,
        stored: d.stored,
        inBatch: true,
      };
  }
  const rows = await tx.sandboxAdjudication.findMany({
    where: {
      payerId: claim.payer.payerId,
      claimPayment: { path: ['acknowledgement', 'payerClaimNumber'], equals: number },
    },
  });
  for (const row of rows) {
    const stored = row.claimPayment as unknown as StoredClaim;
    if (correctable(stored))
      return { pcn: row.patientControlNumber, payerId: row.payerId, stored, inBatch: false };
  }
  return undefined;
}

/** Records on the original that it was replaced or voided (so it is reversed once, and never a duplicate). */
async function markCorrected(tx: Tx, original: HeldClaim, correctedBy: string): Promise<void> {
  original.stored.correctedBy = correctedBy; // in-batch decisions are stored later, with this mark
  if (original.inBatch) return;
  await tx.sandboxAdjudication.update({
    where: { patientControlNumber: original.pcn },
    data: { claimPayment: original.stored as object },
  });
}

/**
 * CO-18: an accepted claim, current (not replaced or voided, not itself a void), alike in payer,
 * member, date of service and codes+modifiers; the original a replacement corrects does not count.
 */
async function isDuplicate(
  tx: Tx,
  decisions: Array<{ claim: ProfessionalClaim; stored: StoredClaim }>,
  fingerprint: string,
  originalPcn: string | undefined,
): Promise<boolean> {
  const current = (pcn: string, stored: StoredClaim) =>
    stored.accepted &&
    stored.fingerprint === fingerprint &&
    stored.frequencyCode !== '8' &&
    !stored.correctedBy &&
    pcn !== originalPcn;
  if (decisions.some((d) => current(d.claim.patientControlNumber, d.stored))) return true;
  const rows = await tx.sandboxAdjudication.findMany({
    where: {
      AND: [
        { claimPayment: { path: ['fingerprint'], equals: fingerprint } },
        { claimPayment: { path: ['accepted'], equals: true } },
      ],
    },
  });
  return rows.some((r) => current(r.patientControlNumber, r.claimPayment as unknown as StoredClaim));
}

/**
 * PCN order, except that a claim carrying the reversal of an original paid in the same run comes
 * after that original (payment, then its reversal, then the replacement).
 */
function orderForRemittance<T extends { pcn: string; stored: StoredClaim }>(rows: T[]): T[] {
  const out: T[] = [];
  const emitted = new Set<string>();
  const waiting = new Map<string, T[]>();
  const inRun = new Set(rows.map((r) => r.pcn));
  const emit = (row: T): void => {
    out.push(row);
    emitted.add(row.pcn);
    for (const next of waiting.get(row.pcn) ?? []) emit(next);
    waiting.delete(row.pcn);
  };
  for (const row of rows) {
    const originalPcn = row.stored.reversal?.patientControlNumber;
    if (originalPcn && inRun.has(originalPcn) && !emitted.has(originalPcn))
      waiting.set(originalPcn, [...(waiting.get(originalPcn) ?? []), row]);
    else emit(row);
  }
  return out;
}

/** The next number of the SandboxDocument sequence: ISA13/GS06 of what the sandbox sends. */
async function nextControlNumber(db: Pick<Database, '$queryRawUnsafe'>): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(
    `SELECT nextval(pg_get_serial_sequence('"SandboxDocument"', 'sequence'))::int AS n`,
  );
  const n = Number(rows[0]!.n);
  if (n > 999_999_999) throw new Error('sandbox control numbers exhausted');
  return n;
}
