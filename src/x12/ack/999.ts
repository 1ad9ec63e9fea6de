import type { ClaimAcknowledgement } from '../../claims/tracking';
import type { X12Interchange } from '../document';
import { parseX12, transactionsOf } from '../document';
import { X12Error } from '../errors';
import type { Segment } from '../segment';
import { components, el, required } from '../segment';
import type { EnvelopeOptions } from '../writer';
import { writeInterchange } from '../writer';

export const IMPLEMENTATION_999 = '005010X231A1';

/** IK5/AK9 codes: A accepted, E accepted with errors, R rejected, P partially accepted (AK9), M/W/X rejected variants. */
export type AcknowledgementStatus = 'A' | 'E' | 'R' | 'P' | 'M' | 'W' | 'X';

export interface ElementError {
  /** IK401-1, 1-based element position in the segment. */
  elementPosition: number;
  /** IK401-2. */
  componentPosition?: number;
  /** IK402 data element reference number. */
  dataElementReference?: string;
  /** IK403 (1 mandatory missing, 2 conditional missing, 3 too many, 4 too short, 5 too long, 6 invalid character, 7 invalid code, 8 invalid date...). */
  errorCode: string;
  /** IK404 copy of the bad value; never filled with PHI by our writers. */
  badValue?: string;
}

export interface SegmentError {
  /** IK301. */
  segmentId: string;
  /** IK302: position in the transaction set, ST = 1. */
  segmentPosition: number;
  /** IK303 loop id, e.g. "2300". */
  loopId?: string;
  /** IK304 (1 unrecognized, 2 unexpected, 3 mandatory missing, 4 loop too many, 5 too many, 8 has data element errors...). */
  errorCode?: string;
  elementErrors: ElementError[];
}

export interface TransactionSetResponse {
  /** AK201, e.g. "837". */
  setId: string;
  /** AK202 (ST02). */
  controlNumber: string;
  /** AK203 (ST03). */
  implementation?: string;
  /** IK501. */
  status: AcknowledgementStatus;
  /** IK502-IK506 syntax error codes. */
  errorCodes: string[];
  segmentErrors: SegmentError[];
}

/** One 999 transaction set: the acknowledgement of one functional group. */
export interface FunctionalAcknowledgement {
  /** AK101 (GS01), e.g. "HC". */
  functionalId: string;
  /** AK102 (GS06). */
  groupControlNumber: string;
  /** AK103 (GS08). */
  version: string;
  transactions: TransactionSetResponse[];
  /** AK901. */
  status: AcknowledgementStatus;
  /** AK902-AK904. */
  includedSets: number;
  receivedSets: number;
  acceptedSets: number;
  /** AK905-AK909. */
  errorCodes: string[];
}

/** Reads every 999 transaction set of a text. */
export function read999(text: string): FunctionalAcknowledgement[] {
  const out: FunctionalAcknowledgement[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '999') {
      throw new X12Error('UNSUPPORTED', 'not a 999 transaction set', {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        elementPosition: 1,
        expected: '999',
        found: transaction.setId,
      });
    }
    out.push(readOne(transaction.segments, transaction.header));
  }
  return out;
}

function readOne(segments: Segment[], st: Segment): FunctionalAcknowledgement {
  let ack: FunctionalAcknowledgement | null = null;
  let set: TransactionSetResponse | null = null;
  let segmentError: SegmentError | null = null;
  for (const segment of segments) {
    switch (segment.id) {
      case 'AK1':
        ack = {
          functionalId: required(segment, 1),
          groupControlNumber: required(segment, 2),
          version: el(segment, 3),
          transactions: [],
          status: 'A',
          includedSets: 0,
          receivedSets: 0,
          acceptedSets: 0,
          errorCodes: [],
        };
        break;
      case 'AK2':
        set = {
          setId: required(segment, 1),
          controlNumber: required(segment, 2),
          status: 'A',
          errorCodes: [],
          segmentErrors: [],
        };
        if (el(segment, 3)) set.implementation = el(segment, 3);
        need(ack, segment, 'AK1').transactions.push(set);
        segmentError = null;
        break;
      case 'IK3':
        segmentError = {
          segmentId: required(segment, 1),
          segmentPosition: Number(required(segment, 2)),
          elementErrors: [],
        };
        if (el(segment, 3)) segmentError.loopId = el(segment, 3);
        if (el(segment, 4)) segmentError.errorCode = el(segment, 4);
        need(set, segment, 'AK2').segmentErrors.push(segmentError);
        break;
      case 'IK4': {
        const position = components(segment, 1);
        const error: ElementError = {
          elementPosition: Number(position[0] ?? '0'),
          errorCode: required(segment, 3),
        };
        if (position[1]) error.componentPosition = Number(position[1]);
        if (el(segment, 2)) error.dataElementReference = el(segment, 2);
        if (el(segment, 4)) error.badValue = el(segment, 4);
        need(segmentError, segment, 'IK3').elementErrors.push(error);
        break;
      }
      case 'IK5': {
        const current = need(set, segment, 'AK2');
        current.status = required(segment, 1) as AcknowledgementStatus;
        current.errorCodes = [2, 3, 4, 5, 6].map((n) => el(segment, n)).filter((code) => code !== '');
        segmentError = null;
        break;
      }
      case 'AK9': {
        const current = need(ack, segment, 'AK1');
        current.status = required(segment, 1) as AcknowledgementStatus;
        current.includedSets = Number(required(segment, 2));
        current.receivedSets = Number(required(segment, 3));
        current.acceptedSets = Number(required(segment, 4));
        current.errorCodes = [5, 6, 7, 8, 9].map((n) => el(segment, n)).filter((code) => code !== '');
        break;
      }
    }
  }
  if (!ack)
    throw new X12Error('MISSING_SEGMENT', '999 without AK1', {
      segmentPosition: st.position,
      segmentId: 'AK1',
      expected: 'AK1',
    });
  return ack;
}

function need<T>(value: T | null, segment: Segment, parent: string): T {
  if (value === null) {
    throw new X12Error('UNEXPECTED_SEGMENT', `${segment.id} before ${parent}`, {
      segmentPosition: segment.position,
      segmentId: segment.id,
      expected: parent,
    });
  }
  return value;
}

/**
 * The 999 for a received interchange: one acknowledgement per functional group, each transaction set
 * accepted unless `errors` (keyed by ST02) lists segment errors for it (then rejected).
 */
export function acknowledgeInterchange(
  received: X12Interchange,
  errors: Record<string, SegmentError[]> = {},
): FunctionalAcknowledgement[] {
  return received.groups.map((group) => {
    const transactions = group.transactions.map((transaction): TransactionSetResponse => {
      const segmentErrors = errors[transaction.controlNumber] ?? [];
      const response: TransactionSetResponse = {
        setId: transaction.setId,
        controlNumber: transaction.controlNumber,
        status: segmentErrors.length > 0 ? 'R' : 'A',
        errorCodes: segmentErrors.length > 0 ? ['5'] : [],
        segmentErrors,
      };
      const implementation = transaction.header.elements[3];
      if (implementation) response.implementation = implementation;
      return response;
    });
    const accepted = transactions.filter((t) => t.status === 'A' || t.status === 'E').length;
    return {
      functionalId: group.functionalId,
      groupControlNumber: group.controlNumber,
      version: group.version,
      transactions,
      status: accepted === transactions.length ? 'A' : accepted === 0 ? 'R' : 'P',
      includedSets: transactions.length,
      receivedSets: transactions.length,
      acceptedSets: accepted,
      errorCodes: [],
    };
  });
}

/** Writes 999 (005010X231A1) transaction sets, one per functional acknowledgement, in one interchange. */
export function write999(acks: FunctionalAcknowledgement[], options: { envelope: EnvelopeOptions }): string {
  if (acks.length === 0)
    throw new X12Error('INVALID_INPUT', 'a 999 needs at least one functional acknowledgement');
  return writeInterchange(
    options.envelope,
    { functionalId: 'FA', version: IMPLEMENTATION_999 },
    acks.map((ack) => ({
      setId: '999',
      implementation: IMPLEMENTATION_999,
      build(w) {
        w.add('AK1', ack.functionalId, ack.groupControlNumber, ack.version);
        for (const set of ack.transactions) {
          w.add('AK2', set.setId, set.controlNumber, set.implementation);
          for (const error of set.segmentErrors) {
            w.add('IK3', error.segmentId, String(error.segmentPosition), error.loopId, error.errorCode);
            for (const element of error.elementErrors) {
              w.add(
                'IK4',
                [
                  String(element.elementPosition),
                  element.componentPosition === undefined ? '' : String(element.componentPosition),
                ],
                element.dataElementReference,
                element.errorCode,
                element.badValue,
              );
            }
          }
          w.add('IK5', set.status, ...set.errorCodes.slice(0, 5));
        }
        w.add(
          'AK9',
          ack.status,
          String(ack.includedSets),
          String(ack.receivedSets),
          String(ack.acceptedSets),
          ...ack.errorCodes.slice(0, 5),
        );
      },
    })),
  );
}

/**
 * 999 results in billing terms. A 999 acknowledges transaction sets, not claims: pass the patient
 * control numbers each set (by ST02) carried to get one acknowledgement per claim; otherwise one
 * acknowledgement per set is returned with patientControlNumber "ST:<control number>".
 */
export function claimAcknowledgementsFrom999(
  acks: FunctionalAcknowledgement[],
  claimsBySet: Record<string, string[]> = {},
): ClaimAcknowledgement[] {
  const out: ClaimAcknowledgement[] = [];
  for (const ack of acks) {
    for (const set of ack.transactions) {
      const accepted = set.status === 'A' || set.status === 'E';
      const reasons = accepted
        ? []
        : [
            ...set.errorCodes.map((code) => `IK5 syntax error ${code}`),
            ...set.segmentErrors.map(
              (e) =>
                `segment ${e.segmentId} at position ${e.segmentPosition}${e.loopId ? ` (loop ${e.loopId})` : ''}: error ${e.errorCode ?? '8'}` +
                e.elementErrors
                  .map(
                    (x) =>
                      `; element ${e.segmentId}${String(x.elementPosition).padStart(2, '0')} error ${x.errorCode}`,
                  )
                  .join(''),
            ),
          ];
      const claims = claimsBySet[set.controlNumber] ?? [`ST:${set.controlNumber}`];
      for (const patientControlNumber of claims) {
        out.push({
          patientControlNumber,
          accepted,
          categoryCode: accepted ? 'A1' : 'A3',
          statusCode: accepted ? '19' : '21',
          reasons,
        });
      }
    }
  }
  return out;
}
