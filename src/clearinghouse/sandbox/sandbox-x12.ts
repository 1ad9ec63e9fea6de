import type { ClaimBatch } from '../../claims/types';
import type {
  EnvelopeOptions,
  InterchangeAcknowledgement,
  SegmentError,
  X12Document,
  X12Interchange,
  X12Transaction,
} from '../../x12';
import {
  acknowledgeInterchange,
  acknowledgeInterchangeEnvelope,
  centsAt,
  el,
  inspectX12,
  write999,
  writeTA1,
  X12Error,
} from '../../x12';

/** The sandbox clearinghouse's interchange id (ISA06 of what it sends). */
export const SANDBOX_CLEARINGHOUSE_ID = 'SANDBOXCH';
export const SANDBOX_CLEARINGHOUSE_NAME = 'DERMCLAIMS SANDBOX CLEARINGHOUSE';

/** Envelope of a document the sandbox sends: usage T, control numbers from its sequence. */
export function sandboxEnvelope(
  receiverId: string,
  controlNumber: number,
  createdAt: Date,
  senderId = SANDBOX_CLEARINGHOUSE_ID,
): EnvelopeOptions {
  return {
    senderId: senderId.slice(0, 15),
    receiverId: receiverId.slice(0, 15) || 'UNKNOWN',
    interchangeControlNumber: controlNumber,
    groupControlNumber: controlNumber,
    createdAt,
    usage: 'T',
  };
}

/** Claim-level balancing the 837P guide requires: CLM02 = Σ SV102 (checked by the 999). */
export function implementationErrors(transaction: X12Transaction): SegmentError[] {
  const errors: SegmentError[] = [];
  let clm: X12Transaction['segments'][number] | null = null;
  let lines = 0;
  const close = () => {
    if (clm && centsAt(clm, 2) !== lines) {
      errors.push({
        segmentId: 'CLM',
        segmentPosition: clm.position - transaction.header.position + 1,
        loopId: '2300',
        errorCode: '8',
        elementErrors: [{ elementPosition: 2, dataElementReference: '782', errorCode: 'I12' }],
      });
    }
  };
  for (const segment of transaction.segments) {
    if (segment.id === 'CLM') {
      close();
      clm = segment;
      lines = 0;
    } else if (segment.id === 'HL') {
      close();
      clm = null;
    } else if (segment.id === 'SV1' && clm) {
      lines += centsAt(segment, 2);
    }
  }
  close();
  return errors;
}

/** Does the interchange carry exactly what the /x12/837 endpoint accepts (837P 005010X222A1)? */
export function requireKind(document: X12Document, setId: string, implementation: string): X12Interchange {
  const interchange = document.interchanges[0];
  if (!interchange || document.interchanges.length !== 1)
    throw new X12Error('UNSUPPORTED', 'expected exactly one interchange (ISA/IEA)', {
      found: String(document.interchanges.length),
    });
  for (const group of interchange.groups) {
    for (const transaction of group.transactions) {
      if (transaction.setId !== setId || !transaction.implementation.includes(implementation))
        throw new X12Error('UNSUPPORTED', `this endpoint accepts ${setId} (${implementation}) only`, {
          segmentPosition: transaction.header.position,
          segmentId: 'ST',
          elementPosition: 1,
          expected: `${setId} ${implementation}`,
          found: `${transaction.setId} ${transaction.implementation}`,
        });
    }
  }
  if (interchange.groups.length === 0 || interchange.groups.every((g) => g.transactions.length === 0))
    throw new X12Error('MISSING_SEGMENT', 'the interchange holds no transaction set', {
      segmentId: 'ST',
      expected: 'ST',
    });
  return interchange;
}

export interface RejectionDocuments {
  /** Interchange-level rejection (envelope errors). */
  ta1?: string;
  /** Transaction-set-level rejection (errors inside an ST/SE). */
  ack999?: string;
}

const TA1_NOTE_FOR: Partial<Record<string, string>> = {
  CONTROL_NUMBER: '001',
  DELIMITERS: '026',
  TRUNCATED: '023',
};

/**
 * The acknowledgements a clearinghouse returns for X12 it cannot accept: a 999 rejecting the
 * transaction set the error is in, or else a TA1 rejecting the interchange. Undefined fields
 * when the ISA itself could not be read (nothing to acknowledge).
 */
export function rejectionFor(
  text: string,
  error: X12Error,
  controlNumber: number,
  createdAt: Date,
): RejectionDocuments {
  const { document } = inspectX12(text);
  const interchange = document.interchanges[0];
  if (!interchange) return {};
  const envelope = sandboxEnvelope(interchange.senderId, controlNumber, createdAt, interchange.receiverId);
  const position = error.segmentPosition;
  for (const group of interchange.groups) {
    for (const transaction of group.transactions) {
      const end = transaction.trailer?.position ?? Number.MAX_SAFE_INTEGER;
      if (position === undefined || position < transaction.header.position || position > end) continue;
      const inSet = position - transaction.header.position + 1;
      const segmentErrors: SegmentError[] =
        error.segmentId === 'SE' || error.segmentId === 'ST'
          ? []
          : [
              {
                segmentId: error.segmentId ?? el(transaction.header, 0),
                segmentPosition: inSet,
                errorCode: '8',
                elementErrors:
                  error.elementPosition === undefined
                    ? []
                    : [{ elementPosition: error.elementPosition, errorCode: '7' }],
              },
            ];
      const acks = acknowledgeInterchange({
        ...interchange,
        groups: [{ ...group, transactions: [transaction] }],
      });
      const set = acks[0]!.transactions[0]!;
      set.status = 'R';
      set.errorCodes = [error.code === 'SEGMENT_COUNT' ? '4' : error.code === 'CONTROL_NUMBER' ? '3' : '5'];
      set.segmentErrors = segmentErrors.filter((e) => e.segmentId !== '');
      acks[0]!.status = 'R';
      acks[0]!.acceptedSets = 0;
      return { ack999: write999(acks, { envelope }) };
    }
  }
  const ta1: InterchangeAcknowledgement = acknowledgeInterchangeEnvelope(
    interchange,
    'R',
    TA1_NOTE_FOR[error.code] ?? (error.segmentId === 'GS' || error.segmentId === 'GE' ? '024' : '022'),
  );
  return { ta1: writeTA1(ta1, { envelope }) };
}

/** Claims of a batch keyed by patient control number. */
export function claimIndex(batch: ClaimBatch) {
  return new Map(batch.claims.map((c) => [c.patientControlNumber, c] as const));
}
