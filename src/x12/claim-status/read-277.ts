import type { ClaimAcknowledgement, ClaimStatusReport } from '../../claims/tracking';
import { fromX12Date } from '../dates';
import type { X12Transaction } from '../document';
import { parseX12, transactionsOf } from '../document';
import { X12Error } from '../errors';
import { parseCents } from '../money';
import type { Segment } from '../segment';
import { components, el, required } from '../segment';
import { describeStatus, isAcceptedCategory } from './codes';

/** Status of one service line (2220D/2220E). */
export interface LineStatus {
  procedureCode: string;
  modifiers: string[];
  chargeCents: number;
  paidCents?: number;
  categoryCode: string;
  statusCode: string;
  lineControlNumber?: string;
}

/** ClaimStatusReport plus what a 277 also carries: amounts, service date and per-line statuses. */
export interface ClaimStatusDetail extends ClaimStatusReport {
  chargeCents?: number;
  paidCents?: number;
  dateOfService?: string;
  lines?: LineStatus[];
}

/** ClaimAcknowledgement plus the per-line statuses of a 277CA. */
export interface ClaimAcknowledgementDetail extends ClaimAcknowledgement {
  chargeCents?: number;
  dateOfService?: string;
  lines?: LineStatus[];
}

interface StatusRecord {
  patientControlNumber: string;
  statuses: Segment[];
  payerClaimNumber?: string;
  dateOfService?: string;
  lines: Array<{ svc: Segment; statuses: Segment[]; lineControlNumber?: string }>;
}

/** Walks the HL structure of a 277 (X212 or X214) and collects claim-level records (TRN*2 at HL 22/23/PT). */
function collectClaims(transaction: X12Transaction): StatusRecord[] {
  const records: StatusRecord[] = [];
  let level = '';
  let current: StatusRecord | null = null;
  let line: StatusRecord['lines'][number] | null = null;
  for (const segment of transaction.segments) {
    switch (segment.id) {
      case 'HL':
        level = el(segment, 3);
        current = null;
        line = null;
        break;
      case 'TRN':
        if (el(segment, 1) === '2' && (level === '22' || level === '23' || level === 'PT')) {
          current = { patientControlNumber: required(segment, 2), statuses: [], lines: [] };
          records.push(current);
          line = null;
        }
        break;
      case 'STC':
        if (line) line.statuses.push(segment);
        else current?.statuses.push(segment);
        break;
      case 'REF':
        if (line && el(segment, 1) === 'FJ') line.lineControlNumber = el(segment, 2);
        else if (current && !line && el(segment, 1) === '1K') current.payerClaimNumber = el(segment, 2);
        break;
      case 'DTP':
        if (current && !line && el(segment, 1) === '472')
          current.dateOfService = fromX12Date(el(segment, 3).split('-')[0] ?? '');
        break;
      case 'SVC':
        if (!current)
          throw new X12Error('UNEXPECTED_SEGMENT', 'SVC before the claim TRN', {
            segmentPosition: segment.position,
            segmentId: 'SVC',
            expected: 'TRN',
          });
        line = { svc: segment, statuses: [] };
        current.lines.push(line);
        break;
    }
  }
  return records;
}

function firstStatus(record: StatusRecord, anchor: Segment): Segment {
  const stc = record.statuses[0];
  if (!stc)
    throw new X12Error('MISSING_SEGMENT', 'claim status without STC', {
      segmentPosition: anchor.position,
      segmentId: 'STC',
      expected: 'STC',
    });
  return stc;
}

function amount(segment: Segment, position: number): number | undefined {
  const text = el(segment, position);
  if (text === '') return undefined;
  const cents = parseCents(text);
  if (cents === null) {
    throw new X12Error('INVALID_ELEMENT', 'not a monetary amount', {
      segmentPosition: segment.position,
      segmentId: segment.id,
      elementPosition: position,
      found: JSON.stringify(text),
    });
  }
  return cents;
}

function lineStatuses(record: StatusRecord): LineStatus[] {
  return record.lines.map(({ svc, statuses, lineControlNumber }) => {
    const procedure = components(svc, 1);
    const stc = statuses[0];
    const codes = stc ? components(stc, 1) : [];
    const status: LineStatus = {
      procedureCode: procedure[1] ?? '',
      modifiers: procedure.slice(2, 6).filter((m) => m !== ''),
      chargeCents: amount(svc, 2) ?? 0,
      categoryCode: codes[0] ?? '',
      statusCode: codes[1] ?? '',
    };
    const paid = amount(svc, 3);
    if (paid !== undefined) status.paidCents = paid;
    if (lineControlNumber) status.lineControlNumber = lineControlNumber;
    return status;
  });
}

function transactionsWith(
  text: string,
  implementation: (impl: string) => boolean,
  what: string,
): X12Transaction[] {
  const out: X12Transaction[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '277' || !implementation(transaction.implementation)) {
      throw new X12Error('UNSUPPORTED', `not a ${what} transaction set`, {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        expected: what,
        found: `${transaction.setId} ${transaction.implementation}`,
      });
    }
    out.push(transaction);
  }
  return out;
}

/** 277 claim status response (005010X212) → one report per claim. */
export function read277(text: string): ClaimStatusDetail[] {
  const out: ClaimStatusDetail[] = [];
  for (const transaction of transactionsWith(text, (impl) => impl.includes('X212'), '277 (005010X212)')) {
    for (const record of collectClaims(transaction)) {
      const stc = firstStatus(record, transaction.header);
      const [category = '', status = ''] = components(stc, 1);
      const report: ClaimStatusDetail = {
        patientControlNumber: record.patientControlNumber,
        categoryCode: category,
        statusCode: status,
        message: el(stc, 12) || describeStatus(category, status),
      };
      if (record.payerClaimNumber) report.payerClaimNumber = record.payerClaimNumber;
      const charge = amount(stc, 4);
      if (charge !== undefined) report.chargeCents = charge;
      const paid = amount(stc, 5);
      if (paid !== undefined) report.paidCents = paid;
      if (record.dateOfService) report.dateOfService = record.dateOfService;
      const lines = lineStatuses(record);
      if (lines.length > 0) report.lines = lines;
      out.push(report);
    }
  }
  return out;
}

/** 277CA claim acknowledgement (005010X214) → one acknowledgement per claim. */
export function read277CA(text: string): ClaimAcknowledgementDetail[] {
  const out: ClaimAcknowledgementDetail[] = [];
  for (const transaction of transactionsWith(text, (impl) => impl.includes('X214'), '277CA (005010X214)')) {
    for (const record of collectClaims(transaction)) {
      const stc = firstStatus(record, transaction.header);
      const [category = '', status = ''] = components(stc, 1);
      const action = el(stc, 3);
      const accepted = action === 'WQ' ? true : action === 'U' ? false : isAcceptedCategory(category);
      const texts = record.statuses.map((s) => el(s, 12)).filter((t) => t !== '');
      const ack: ClaimAcknowledgementDetail = {
        patientControlNumber: record.patientControlNumber,
        accepted,
        categoryCode: category,
        statusCode: status,
        reasons:
          texts.length > 0
            ? texts
            : accepted
              ? []
              : record.statuses.map((s) =>
                  describeStatus(components(s, 1)[0] ?? '', components(s, 1)[1] ?? ''),
                ),
      };
      if (record.payerClaimNumber) ack.payerClaimNumber = record.payerClaimNumber;
      const charge = amount(stc, 4);
      if (charge !== undefined) ack.chargeCents = charge;
      if (record.dateOfService) ack.dateOfService = record.dateOfService;
      const lines = lineStatuses(record);
      if (lines.length > 0) ack.lines = lines;
      out.push(ack);
    }
  }
  return out;
}
