import { createHash } from 'node:crypto';
import type { ClaimBatch } from '../claims/types';
import { readEligibility271 } from '../eligibility/read-271';
import type { EligibilityRequest, EligibilityResult } from '../eligibility/types';
import type { PracticeProfile } from '../practice/practice-profile';
import type { EnvelopeOptions } from '../x12';
import {
  claimAcknowledgementsFrom999,
  detectTransaction,
  findingLines,
  parseX12,
  read277,
  read277CA,
  read835,
  read837P,
  read999,
  readTA1,
  transactionsOf,
  validateX12,
  write270,
  write276,
  write837P,
  X12Error,
} from '../x12';
import type {
  ClaimAcknowledgement,
  ClaimStatusReport,
  ClaimStatusRequest,
  Clearinghouse,
  InboundDocument,
  InboundDocumentKind,
  InboundDocumentRef,
  SubmissionReceipt,
} from './types';

/** A delivered inbound document: X12 text, plus the submission it answers when the clearinghouse says. */
export interface X12InboundDocument extends InboundDocumentRef {
  raw: string;
  submissionId?: string;
}

/**
 * How X12 text travels to and from a clearinghouse: in process (the sandbox) or over HTTP. The
 * transport never sees billing objects, only text.
 */
export interface X12Transport {
  /** Sends an 837P interchange; idempotent on the key. `ack999` when the clearinghouse answers at once. */
  send837(
    x12: string,
    idempotencyKey: string,
  ): Promise<{ submissionId: string; newlyAccepted: boolean; ack999?: string }>;
  /** 270 out, 271 back (real time). */
  exchange270(x12: string): Promise<string>;
  /** 276 out, 277 back (real time). */
  exchange276(x12: string): Promise<string>;
  listInbound(cursor: string | null): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }>;
  fetchInbound(id: string): Promise<X12InboundDocument>;
  /** The 837P of a submission as the clearinghouse received it (to match a 999 to its claims). */
  fetchSubmission(submissionId: string): Promise<string>;
}

/** Who we are on the envelope: the practice's submitter and the clearinghouse it is enrolled with. */
export type X12Identity = Pick<PracticeProfile, 'submitter' | 'receiver' | 'billingProvider'>;

export interface X12ClearinghouseOptions {
  name: string;
  identity: X12Identity;
  clock?: () => Date;
  /** ISA15. Default T. */
  usage?: 'T' | 'P';
  /** First control number of 270/276 interchanges (default 1); 837s derive theirs from the idempotency key. */
  firstControlNumber?: number;
}

/** ISA13 of an 837 from its idempotency key: a resend is byte-for-byte the same interchange. */
export function controlNumberForKey(idempotencyKey: string): number {
  const hash = createHash('sha256').update(idempotencyKey).digest();
  return (hash.readUInt32BE(0) % 999_999_999) + 1;
}

/**
 * The Clearinghouse seam over an X12 transport: billing objects become X12 with the X12 layer on
 * the way out, and X12 text is read back into billing objects on the way in.
 */
export class X12Clearinghouse implements Clearinghouse {
  readonly name: string;
  private readonly clock: () => Date;
  private nextNumber: number;

  constructor(
    protected readonly transport: X12Transport,
    private readonly options: X12ClearinghouseOptions,
  ) {
    this.name = options.name;
    this.clock = options.clock ?? (() => new Date());
    this.nextNumber = options.firstControlNumber ?? 1;
  }

  private envelope(
    controlNumber: number,
    parties: Pick<X12Identity, 'submitter' | 'receiver'> = this.options.identity,
  ): EnvelopeOptions {
    return {
      senderId: parties.submitter.id,
      receiverId: parties.receiver.id,
      interchangeControlNumber: controlNumber,
      groupControlNumber: controlNumber,
      createdAt: this.clock(),
      usage: this.options.usage ?? 'T',
    };
  }

  private takeNumber(): number {
    const n = this.nextNumber;
    this.nextNumber = n >= 999_999_999 ? 1 : n + 1;
    return n;
  }

  async checkEligibility(request: EligibilityRequest): Promise<EligibilityResult> {
    const x12 = write270(request, {
      envelope: this.envelope(this.takeNumber()),
      providerName: this.options.identity.billingProvider.organizationName,
    });
    const results = readEligibility271(await this.transport.exchange270(x12));
    const result = results[0];
    if (!result) throw new X12Error('MISSING_SEGMENT', 'the 271 answers no subscriber', { segmentId: 'ST' });
    return result;
  }

  async submitClaims(batch: ClaimBatch, options: { idempotencyKey: string }): Promise<SubmissionReceipt> {
    const number = controlNumberForKey(options.idempotencyKey);
    const x12 = write837P(batch, { envelope: this.envelope(number, batch) });
    const receipt = await this.transport.send837(x12, options.idempotencyKey);
    return {
      submissionId: receipt.submissionId,
      newlyAccepted: receipt.newlyAccepted,
      ...(receipt.ack999 ? { raw: receipt.ack999 } : {}),
    };
  }

  async getClaimStatus(request: ClaimStatusRequest): Promise<ClaimStatusReport> {
    const x12 = write276([request], {
      envelope: this.envelope(this.takeNumber()),
      receiver: { name: this.options.identity.submitter.name, id: this.options.identity.submitter.id },
      providerName: this.options.identity.billingProvider.organizationName,
    });
    const reports = read277(await this.transport.exchange276(x12));
    const report = reports.find((r) => r.patientControlNumber === request.patientControlNumber) ?? reports[0];
    if (!report) throw new X12Error('MISSING_SEGMENT', 'the 277 answers no claim', { segmentId: 'TRN' });
    return {
      patientControlNumber: report.patientControlNumber,
      categoryCode: report.categoryCode,
      statusCode: report.statusCode,
      message: report.message,
      ...(report.payerClaimNumber ? { payerClaimNumber: report.payerClaimNumber } : {}),
    };
  }

  listInbound(
    cursor: string | null,
  ): Promise<{ documents: InboundDocumentRef[]; nextCursor: string | null }> {
    return this.transport.listInbound(cursor);
  }

  /** Reads the X12 text: 999 and 277CA give acknowledgements, 835 the remittance, TA1 interchange rejections. */
  async fetchDocument(id: string): Promise<InboundDocument> {
    const delivered = await this.transport.fetchInbound(id);
    const { raw } = delivered;
    const report = validateX12(raw);
    const findings = findingLines(report);
    const base = { id: delivered.id, receivedAt: delivered.receivedAt, raw, findings };
    const firstError = report.errors[0];
    if (firstError) {
      // A guide rule broken (dates, separators, HL, required segments…): nothing of it is posted.
      const more = report.errors.length > 1 ? ` (and ${report.errors.length - 1} more errors)` : '';
      return {
        ...base,
        kind: 'unreadable',
        acknowledgements: [],
        remittances: [],
        problem: firstError.message + more,
      };
    }
    try {
      const kind = detectTransaction(raw);
      switch (kind) {
        case '999': {
          const claimsBySet = delivered.submissionId ? await this.claimsBySet(delivered.submissionId) : {};
          const acknowledgements = claimAcknowledgementsFrom999(read999(raw), claimsBySet);
          return { ...base, kind: '999', acknowledgements, remittances: [] };
        }
        case '277CA':
          return {
            ...base,
            kind: '277CA',
            acknowledgements: read277CA(raw).map(plainAcknowledgement),
            remittances: [],
          };
        case '835':
          return { ...base, kind: '835', acknowledgements: [], remittances: read835(raw) };
        case 'TA1': {
          const acknowledgements = await this.fromTA1(raw, delivered.submissionId);
          return { ...base, kind: 'TA1', acknowledgements, remittances: [] };
        }
        default:
          throw new X12Error('UNSUPPORTED', 'not an inbound document kind (999, 277CA, 835, TA1)', {
            found: kind,
          });
      }
    } catch (error) {
      // A document we cannot read must not block the mailbox: it is kept, unposted, for staff.
      if (!(error instanceof X12Error)) throw error;
      return { ...base, kind: 'unreadable', acknowledgements: [], remittances: [], problem: error.message };
    }
  }

  /** ST02 → patient control numbers of the 837P we sent under the submission. */
  private async claimsBySet(submissionId: string): Promise<Record<string, string[]>> {
    const x12 = await this.transport.fetchSubmission(submissionId);
    const batches = read837P(x12);
    const out: Record<string, string[]> = {};
    transactionsOf(parseX12(x12)).forEach(({ transaction }, index) => {
      out[transaction.controlNumber] = (batches[index]?.claims ?? []).map((c) => c.patientControlNumber);
    });
    return out;
  }

  private async fromTA1(raw: string, submissionId?: string): Promise<ClaimAcknowledgement[]> {
    const rejected = readTA1(raw).filter((t) => t.status === 'R');
    if (rejected.length === 0 || !submissionId) return [];
    const claims = Object.values(await this.claimsBySet(submissionId)).flat();
    return claims.map((patientControlNumber) => ({
      patientControlNumber,
      accepted: false,
      categoryCode: 'A3',
      statusCode: '21',
      reasons: rejected.map((t) => `TA1 ${t.noteCode} ${t.note}`),
    }));
  }
}

function plainAcknowledgement(ack: ClaimAcknowledgement): ClaimAcknowledgement {
  return {
    patientControlNumber: ack.patientControlNumber,
    accepted: ack.accepted,
    categoryCode: ack.categoryCode,
    statusCode: ack.statusCode,
    ...(ack.payerClaimNumber ? { payerClaimNumber: ack.payerClaimNumber } : {}),
    reasons: ack.reasons,
  };
}

export type { InboundDocumentKind };
