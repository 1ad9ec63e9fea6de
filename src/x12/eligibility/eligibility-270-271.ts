import type { EligibilityRequest, EligibilityResult } from '../../eligibility/types';
import { fromX12Date, stampParts, toX12Date } from '../dates';
import { parseX12, transactionsOf } from '../document';
import { X12Error } from '../errors';
import { formatCents, formatScaledDecimal, parseCents, parseScaledDecimal } from '../money';
import type { Segment } from '../segment';
import { components, el, repetitions } from '../segment';
import type { EnvelopeOptions, SegmentWriter } from '../writer';
import { writeInterchange } from '../writer';
import { describeRejection } from './codes';

export const IMPLEMENTATION_270_271 = '005010X279A1';

export interface EligibilityParties {
  payerName?: string;
  providerName?: string;
  /** TRN*1 trace of the inquiry; echoed by the 271 as TRN*2. */
  traceNumber?: string;
}

function writeHeader(w: SegmentWriter, request: EligibilityRequest, parties: EligibilityParties): void {
  w.add('HL', '1', '', '20', '1');
  w.add('NM1', 'PR', '2', parties.payerName ?? 'PAYER', '', '', '', '', 'PI', request.payerId);
  w.add('HL', '2', '1', '21', '1');
  w.add('NM1', '1P', '2', parties.providerName ?? 'PROVIDER', '', '', '', '', 'XX', request.providerNpi);
  w.add('HL', '3', '2', '22', '0');
}

/**
 * BHT, the payer/provider/subscriber HL chain, the subscriber's TRN and NM1*IL: shared by the
 * inquiry (BHT02 13, TRN01 1) and the response (BHT02 11, TRN01 2, echoing the trace).
 */
function writeSubscriberInquiry(
  w: SegmentWriter,
  request: EligibilityRequest,
  options: EligibilityParties & { envelope: EnvelopeOptions },
  header: { purpose: '13' | '11'; traceType: '1' | '2'; ccyymmdd: string; hhmm: string },
): void {
  const trace = options.traceNumber ?? String(options.envelope.interchangeControlNumber);
  w.add('BHT', '0022', header.purpose, trace, header.ccyymmdd, header.hhmm);
  writeHeader(w, request, options);
  w.add('TRN', header.traceType, trace, '9DERMCLAIM');
  w.add(
    'NM1',
    'IL',
    '1',
    request.subscriber.lastName,
    request.subscriber.firstName,
    '',
    '',
    '',
    'MI',
    request.memberId,
  );
}

/** 270 eligibility inquiry (005010X279A1) for one subscriber. */
export function write270(
  request: EligibilityRequest,
  options: EligibilityParties & { envelope: EnvelopeOptions },
): string {
  const { ccyymmdd, hhmm } = stampParts(options.envelope.createdAt);
  return writeInterchange(options.envelope, { functionalId: 'HS', version: IMPLEMENTATION_270_271 }, [
    {
      setId: '270',
      implementation: IMPLEMENTATION_270_271,
      build(w) {
        writeSubscriberInquiry(w, request, options, { purpose: '13', traceType: '1', ccyymmdd, hhmm });
        w.add('DMG', 'D8', toX12Date(request.subscriber.dateOfBirth));
        w.add('DTP', '291', 'D8', toX12Date(request.dateOfService));
        const types = request.serviceTypeCodes.length > 0 ? request.serviceTypeCodes : ['30'];
        for (const type of types) w.add('EQ', type);
        for (const code of request.procedureCodes) w.add('EQ', '', ['HC', code]);
      },
    },
  ]);
}

/** 270 → the inquiries it carries (one per subscriber/dependent level). */
export function read270(text: string): EligibilityRequest[] {
  const out: EligibilityRequest[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '270')
      throw new X12Error('UNSUPPORTED', 'not a 270 transaction set', {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        elementPosition: 1,
        expected: '270',
        found: transaction.setId,
      });
    let payerId = '';
    let providerNpi = '';
    let current: EligibilityRequest | null = null;
    let level = '';
    for (const segment of transaction.segments) {
      if (segment.id === 'HL') {
        level = el(segment, 3);
      } else if (segment.id === 'NM1') {
        const entity = el(segment, 1);
        if (level === '20') payerId = el(segment, 9);
        else if (level === '21') providerNpi = el(segment, 9);
        else if (entity === 'IL' || entity === '03') {
          current = {
            payerId,
            memberId: el(segment, 9),
            providerNpi,
            subscriber: { firstName: el(segment, 4), lastName: el(segment, 3), dateOfBirth: '' },
            dateOfService: '',
            serviceTypeCodes: [],
            procedureCodes: [],
          };
          if (entity === '03' && out.length > 0 && current.memberId === '')
            current.memberId = out[out.length - 1]?.memberId ?? '';
          out.push(current);
        }
      } else if (current && segment.id === 'DMG') {
        current.subscriber.dateOfBirth = fromX12Date(el(segment, 2));
      } else if (current && segment.id === 'DTP' && el(segment, 1) === '291') {
        current.dateOfService = fromX12Date(el(segment, 3).split('-')[0] ?? '');
      } else if (current && segment.id === 'EQ') {
        current.serviceTypeCodes.push(...repetitions(segment, 1));
        const procedure = components(segment, 2);
        if (procedure[1]) current.procedureCodes.push(procedure[1]);
      }
    }
    // A dependent inquiry (HL 23) carries the subscriber level without a name: keep the dependent only.
    for (let i = out.length - 1; i > 0; i -= 1) {
      const item = out[i - 1];
      if (item && item.subscriber.lastName === '' && item.dateOfService === '') out.splice(i - 1, 1);
    }
  }
  return out;
}

export interface Write271Options extends EligibilityParties {
  envelope: EnvelopeOptions;
  /** Plan coverage service type (EB03). Default "30". */
  serviceType?: string;
}

/** 271 eligibility response (005010X279A1) from a result, answering the given request. */
export function write271(
  result: EligibilityResult,
  request: EligibilityRequest,
  options: Write271Options,
): string {
  const { ccyymmdd, hhmm } = stampParts(options.envelope.createdAt);
  const type = options.serviceType ?? '30';
  return writeInterchange(options.envelope, { functionalId: 'HB', version: IMPLEMENTATION_270_271 }, [
    {
      setId: '271',
      implementation: IMPLEMENTATION_270_271,
      build(w) {
        writeSubscriberInquiry(w, request, options, { purpose: '11', traceType: '2', ccyymmdd, hhmm });
        for (const error of result.errors) w.add('AAA', 'N', '', error.code, 'C');
        if (result.status === 'error') return;
        w.add('DMG', 'D8', toX12Date(request.subscriber.dateOfBirth));
        if (result.coverageStart && result.coverageEnd)
          w.add('DTP', '291', 'RD8', `${toX12Date(result.coverageStart)}-${toX12Date(result.coverageEnd)}`);
        else if (result.coverageStart) w.add('DTP', '346', 'D8', toX12Date(result.coverageStart));
        else if (result.coverageEnd) w.add('DTP', '347', 'D8', toX12Date(result.coverageEnd));
        const network = result.inNetwork === undefined ? '' : result.inNetwork ? 'Y' : 'N';
        w.add(
          'EB',
          result.status === 'active' ? '1' : '6',
          'IND',
          type,
          result.insuranceType?.code ?? '',
          result.planName,
          '',
          '',
          '',
          '',
          '',
          '',
          network,
        );
        if (result.status !== 'active') return;
        const eb = (code: string, period: string, amount: string, percent = ''): void => {
          w.add('EB', code, 'IND', type, '', '', period, amount, percent, '', '', '', 'Y');
        };
        if (result.deductibleCents !== undefined) eb('C', '23', formatCents(result.deductibleCents));
        if (result.deductibleRemainingCents !== undefined)
          eb('C', '29', formatCents(result.deductibleRemainingCents));
        if (result.coinsuranceBasisPoints !== undefined)
          eb('A', '', '', formatScaledDecimal(result.coinsuranceBasisPoints, 4));
        if (result.copayCents !== undefined) eb('B', '27', formatCents(result.copayCents));
        if (result.outOfPocketRemainingCents !== undefined)
          eb('G', '29', formatCents(result.outOfPocketRemainingCents));
        for (const code of result.priorAuthRequiredFor) {
          w.add('EB', 'CB', 'IND', '', '', '', '', '', '', '', '', 'Y', '', ['HC', code]);
        }
        writeBenefitDetails(w, result, type);
      },
    },
  ]);
}

/** Out-of-pocket maximum, limitations, referral flag and other payers (loop 2120C) of a 271. */
function writeBenefitDetails(w: SegmentWriter, result: EligibilityResult, type: string): void {
  if (result.outOfPocketCents !== undefined)
    w.add('EB', 'G', 'IND', type, '', '', '23', formatCents(result.outOfPocketCents), '', '', '', '', 'Y');
  for (const limit of result.limitations ?? []) {
    const [qualifier = '', quantity = ''] = (limit.quantity ?? '').split(':');
    const procedure = limit.procedureCode ? ['HC', limit.procedureCode] : '';
    w.add(
      'EB',
      'F',
      'IND',
      { repeat: limit.serviceTypes },
      '',
      '',
      '',
      '',
      '',
      qualifier,
      quantity,
      '',
      'Y',
      procedure,
    );
    w.add('MSG', limit.message);
  }
  if (result.referralRequired) {
    w.add('EB', 'CB', 'IND', '98');
    w.add('MSG', 'REFERRAL REQUIRED FOR SPECIALIST VISITS');
  }
  for (const other of result.otherPayers ?? []) {
    w.add('EB', 'R', '', type, other.insuranceType ?? '');
    if (other.isPrimary) w.add('MSG', 'OTHER PAYER IS PRIMARY');
    w.add('LS', '2120');
    w.add(
      'NM1',
      'PRP',
      '2',
      other.payerName ?? 'OTHER PAYER',
      '',
      '',
      '',
      '',
      other.payerId ? 'PI' : '',
      other.payerId ?? '',
    );
    if (other.memberId) w.add('REF', 'IG', other.memberId);
    w.add('LE', '2120');
  }
}

interface BenefitCandidate {
  segment: Segment;
  score: number;
}

/** 271 → EligibilityResult (one per subscriber/dependent answered; usually one). */
export function read271(text: string): EligibilityResult[] {
  const out: EligibilityResult[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '271')
      throw new X12Error('UNSUPPORTED', 'not a 271 transaction set', {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        elementPosition: 1,
        expected: '271',
        found: transaction.setId,
      });
    const rejections: Array<{ code: string; message: string }> = [];
    const benefits: Segment[] = [];
    const dates: Segment[] = [];
    for (const segment of transaction.segments) {
      if (segment.id === 'AAA')
        rejections.push({ code: el(segment, 3), message: describeRejection(el(segment, 3)) });
      else if (segment.id === 'EB') benefits.push(segment);
      else if (segment.id === 'DTP') dates.push(segment);
    }
    out.push(toResult(rejections, benefits, dates));
  }
  return out;
}

function toResult(
  errors: Array<{ code: string; message: string }>,
  benefits: Segment[],
  dates: Segment[],
): EligibilityResult {
  const result: EligibilityResult = { status: 'error', priorAuthRequiredFor: [], errors: [...errors] };
  for (const eb of benefits) {
    if (el(eb, 1) === 'V') result.errors.push({ code: 'V', message: 'Cannot process' });
  }
  const coverage = benefits.find((eb) => el(eb, 1) === '1') ?? benefits.find((eb) => el(eb, 1) === '6');
  if (errors.length > 0 || !coverage) {
    if (!coverage && errors.length === 0 && result.errors.length === 0)
      result.errors.push({ code: 'NO_COVERAGE', message: 'No active or inactive coverage in the response' });
    return result;
  }
  result.status = el(coverage, 1) === '1' ? 'active' : 'inactive';
  if (el(coverage, 5)) result.planName = el(coverage, 5);
  if (el(coverage, 12) === 'Y') result.inNetwork = true;
  else if (el(coverage, 12) === 'N') result.inNetwork = false;
  for (const dtp of dates) {
    const qualifier = el(dtp, 1);
    const [start = '', end = ''] = el(dtp, 3).split('-');
    if ((qualifier === '291' || qualifier === '307') && el(dtp, 2) === 'RD8') {
      result.coverageStart = fromX12Date(start);
      result.coverageEnd = fromX12Date(end);
    } else if (qualifier === '346') result.coverageStart = fromX12Date(start);
    else if (qualifier === '347') result.coverageEnd = fromX12Date(end || start);
  }
  const amount = (code: string, period: string | null): number | undefined => {
    const eb = best(
      benefits.filter(
        (b) => el(b, 1) === code && (period === null || el(b, 6) === period) && el(b, 7) !== '',
      ),
    );
    return eb ? money(eb, 7) : undefined;
  };
  const deductible = amount('C', '23');
  if (deductible !== undefined) result.deductibleCents = deductible;
  const deductibleRemaining = amount('C', '29');
  if (deductibleRemaining !== undefined) result.deductibleRemainingCents = deductibleRemaining;
  const copay = amount('B', null);
  if (copay !== undefined) result.copayCents = copay;
  const oop = amount('G', '29');
  if (oop !== undefined) result.outOfPocketRemainingCents = oop;
  const coinsurance = best(benefits.filter((b) => el(b, 1) === 'A' && el(b, 8) !== ''));
  if (coinsurance) {
    const basisPoints = parseScaledDecimal(el(coinsurance, 8), 4);
    if (basisPoints === null) throw invalid(coinsurance, 8, 'a percent as a decimal fraction (0.2 = 20%)');
    result.coinsuranceBasisPoints = basisPoints;
  }
  for (const eb of benefits) {
    if (el(eb, 11) !== 'Y') continue;
    const procedure = components(eb, 13);
    if (procedure[1] && !result.priorAuthRequiredFor.includes(procedure[1]))
      result.priorAuthRequiredFor.push(procedure[1]);
  }
  return result;
}

/** Prefers individual, in-network, office-visit/plan-level benefits. */
function best(candidates: Segment[]): Segment | undefined {
  const scored: BenefitCandidate[] = candidates.map((segment) => {
    let score = 0;
    if (el(segment, 2) === 'IND' || el(segment, 2) === '') score += 4;
    if (el(segment, 12) === 'Y') score += 2;
    if (el(segment, 12) === 'N') score -= 2;
    const types = repetitions(segment, 3);
    if (types.includes('98') || types.includes('30') || types.length === 0) score += 1;
    return { segment, score };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0]?.segment;
}

function money(segment: Segment, position: number): number {
  const cents = parseCents(el(segment, position));
  if (cents === null) throw invalid(segment, position, 'a decimal amount with at most 2 decimals');
  return cents;
}

function invalid(segment: Segment, position: number, expected: string): X12Error {
  return new X12Error('INVALID_ELEMENT', 'invalid value', {
    segmentPosition: segment.position,
    segmentId: segment.id,
    elementPosition: position,
    expected,
    found: JSON.stringify(el(segment, position)),
  });
}
