import type { ClaimStatusRequest } from '../../claims/tracking';
import { fromX12Date, stampParts, toX12Date } from '../dates';
import { parseX12, transactionsOf } from '../document';
import { X12Error } from '../errors';
import { centsAt, formatCents } from '../money';
import { el, required } from '../segment';
import type { EnvelopeOptions, SegmentWriter } from '../writer';
import { freeText, writeInterchange } from '../writer';
import type { ClaimStatusDetail } from './read-277';

export const IMPLEMENTATION_276_277 = '005010X212';

export interface ClaimStatusParties {
  payerName?: string;
  /** 2100B information receiver (the submitter). */
  receiver: { name: string; id: string };
  providerName?: string;
  /** Subscriber names by member id (NM1*IL needs a last name); "UNKNOWN" otherwise. */
  subscriberNames?: Record<string, { firstName: string; lastName: string }>;
}

export interface Write276Options extends ClaimStatusParties {
  envelope: EnvelopeOptions;
  batchReference?: string;
}

function writeParties(
  w: SegmentWriter,
  request: ClaimStatusRequest,
  parties: ClaimStatusParties,
  hl: number,
): number {
  w.add('HL', String(hl), '', '20', '1');
  w.add('NM1', 'PR', '2', parties.payerName ?? 'PAYER', '', '', '', '', 'PI', request.payerId);
  w.add('HL', String(hl + 1), String(hl), '21', '1');
  w.add('NM1', '41', '2', parties.receiver.name, '', '', '', '', '46', parties.receiver.id);
  w.add('HL', String(hl + 2), String(hl + 1), '19', '1');
  w.add('NM1', '1P', '2', parties.providerName ?? 'PROVIDER', '', '', '', '', 'XX', request.providerNpi);
  w.add('HL', String(hl + 3), String(hl + 2), '22', '0');
  return hl + 3;
}

function writeSubscriber(w: SegmentWriter, request: ClaimStatusRequest, parties: ClaimStatusParties): void {
  const name = parties.subscriberNames?.[request.memberId];
  w.add('NM1', 'IL', '1', name?.lastName ?? 'UNKNOWN', name?.firstName, '', '', '', 'MI', request.memberId);
}

/** 276 claim status request (005010X212), one HL chain per request. */
export function write276(requests: ClaimStatusRequest[], options: Write276Options): string {
  if (requests.length === 0) throw new X12Error('INVALID_INPUT', 'a 276 needs at least one request');
  const { ccyymmdd, hhmm } = stampParts(options.envelope.createdAt);
  return writeInterchange(options.envelope, { functionalId: 'HR', version: IMPLEMENTATION_276_277 }, [
    {
      setId: '276',
      implementation: IMPLEMENTATION_276_277,
      build(w) {
        w.add(
          'BHT',
          '0010',
          '13',
          options.batchReference ?? String(options.envelope.interchangeControlNumber),
          ccyymmdd,
          hhmm,
        );
        let hl = 1;
        for (const request of requests) {
          hl = writeParties(w, request, options, hl) + 1;
          writeSubscriber(w, request, options);
          w.add('TRN', '1', request.patientControlNumber);
          w.add('REF', 'EJ', request.patientControlNumber);
          w.add('AMT', 'T3', formatCents(request.chargeCents));
          w.add('DTP', '472', 'D8', toX12Date(request.dateOfService));
        }
      },
    },
  ]);
}

/** 276 → the requests it carries (for a sandbox clearinghouse answering them). */
export function read276(text: string): ClaimStatusRequest[] {
  const out: ClaimStatusRequest[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '276')
      throw new X12Error('UNSUPPORTED', 'not a 276 transaction set', {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        elementPosition: 1,
        expected: '276',
        found: transaction.setId,
      });
    let payerId = '';
    let providerNpi = '';
    let memberId = '';
    let level = '';
    let current: ClaimStatusRequest | null = null;
    for (const segment of transaction.segments) {
      if (segment.id === 'HL') {
        level = el(segment, 3);
        current = null;
      } else if (segment.id === 'NM1') {
        if (level === '20') payerId = el(segment, 9);
        else if (level === '19') providerNpi = el(segment, 9);
        else if (level === '22' && el(segment, 1) === 'IL') memberId = el(segment, 9);
      } else if (segment.id === 'TRN' && el(segment, 1) === '1') {
        current = {
          payerId,
          patientControlNumber: required(segment, 2),
          memberId,
          providerNpi,
          dateOfService: '',
          chargeCents: 0,
        };
        out.push(current);
      } else if (current && segment.id === 'REF' && el(segment, 1) === 'EJ') {
        current.patientControlNumber = el(segment, 2);
      } else if (current && segment.id === 'AMT' && el(segment, 1) === 'T3') {
        current.chargeCents = centsAt(segment, 2);
      } else if (current && segment.id === 'DTP' && el(segment, 1) === '472') {
        current.dateOfService = fromX12Date(el(segment, 3).split('-')[0] ?? '');
      }
    }
  }
  return out;
}

export interface Write277Options extends ClaimStatusParties {
  envelope: EnvelopeOptions;
  batchReference?: string;
}

/** 277 claim status response (005010X212) from the requests and their reports. */
export function write277(
  responses: Array<{ request: ClaimStatusRequest; report: ClaimStatusDetail }>,
  options: Write277Options,
): string {
  if (responses.length === 0) throw new X12Error('INVALID_INPUT', 'a 277 needs at least one response');
  const { ccyymmdd, hhmm } = stampParts(options.envelope.createdAt);
  return writeInterchange(options.envelope, { functionalId: 'HN', version: IMPLEMENTATION_276_277 }, [
    {
      setId: '277',
      implementation: IMPLEMENTATION_276_277,
      build(w) {
        w.add(
          'BHT',
          '0010',
          '08',
          options.batchReference ?? String(options.envelope.interchangeControlNumber),
          ccyymmdd,
          hhmm,
          'DG',
        );
        let hl = 1;
        for (const { request, report } of responses) {
          hl = writeParties(w, request, options, hl) + 1;
          writeSubscriber(w, request, options);
          w.add('TRN', '2', report.patientControlNumber);
          const charge = report.chargeCents ?? request.chargeCents;
          w.add(
            'STC',
            [report.categoryCode, report.statusCode],
            ccyymmdd,
            '',
            formatCents(charge),
            report.paidCents === undefined ? '' : formatCents(report.paidCents),
            '',
            '',
            '',
            '',
            '',
            '',
            freeText(report.message, w.delimiters),
          );
          if (report.payerClaimNumber) w.add('REF', '1K', report.payerClaimNumber);
          w.add('REF', 'EJ', request.patientControlNumber);
          w.add('DTP', '472', 'D8', toX12Date(report.dateOfService ?? request.dateOfService));
          for (const line of report.lines ?? []) {
            w.add(
              'SVC',
              ['HC', line.procedureCode, ...line.modifiers],
              formatCents(line.chargeCents),
              line.paidCents === undefined ? '' : formatCents(line.paidCents),
            );
            w.add('STC', [line.categoryCode, line.statusCode], ccyymmdd);
            if (line.lineControlNumber) w.add('REF', 'FJ', line.lineControlNumber);
          }
        }
      },
    },
  ]);
}
