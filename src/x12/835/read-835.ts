import type {
  AdjustmentGroup,
  ClaimAdjustment,
  ClaimPayment,
  ProviderAdjustment,
  RemittanceAdvice,
  ServiceLinePayment,
} from '../../remittance/types';
import { fromX12Date } from '../dates';
import { EnvelopeChecker } from '../envelope';
import { X12Error } from '../errors';
import { centsAt, quantityAt } from '../money';
import type { Segment } from '../segment';
import { components, el, required } from '../segment';
import { SegmentTokenizer } from '../tokenizer';
import type { BalanceProblem } from './balance';
import { checkClaimBalance, checkPaymentBalance } from './balance';

/** The payment-level part of an 835 (everything except claims and PLB). */
export type RemittanceHeader = Omit<RemittanceAdvice, 'claims' | 'providerAdjustments'>;

export type RemittanceEvent =
  | { kind: 'payment'; header: RemittanceHeader; segmentPosition: number }
  | {
      kind: 'claim';
      claim: ClaimPayment;
      claimIndex: number;
      segmentPosition: number;
      problems: BalanceProblem[];
    }
  | {
      kind: 'paymentEnd';
      header: RemittanceHeader;
      providerAdjustments: ProviderAdjustment[];
      claimCount: number;
      totalChargeCents: number;
      totalPaidCents: number;
      /** Payment-level balancing problems (BPR02 vs claims and PLB). */
      problems: BalanceProblem[];
    };

const GROUPS: readonly string[] = ['CO', 'PR', 'OA', 'PI', 'CR'];

/**
 * State machine turning 835 segments into remittance events, one claim at a time, so a large file
 * is read in bounded memory. Feed every segment of the file (envelope included) with `accept`.
 */
export class RemittanceReader {
  private header: RemittanceHeader | null = null;
  private bprPosition = 0;
  private claim: ClaimPayment | null = null;
  private claimPosition = 0;
  private linePositions: number[] = [];
  private line: ServiceLinePayment | null = null;
  private claimIndex = 0;
  private totalCharge = 0;
  private totalPaid = 0;
  private plb: ProviderAdjustment[] = [];
  private inTransaction = false;
  private sawPayee = false;
  private headerEmitted = false;

  accept(segment: Segment): RemittanceEvent[] {
    const out: RemittanceEvent[] = [];
    this.acceptInto(segment, out);
    return out;
  }

  /** Like `accept`, appending the events to `out` (no array per segment on the hot path). */
  acceptInto(segment: Segment, out: RemittanceEvent[]): void {
    switch (segment.id) {
      case 'ST':
        if (el(segment, 1) !== '835') {
          throw new X12Error('UNSUPPORTED', 'not an 835 transaction set', {
            segmentPosition: segment.position,
            segmentId: 'ST',
            elementPosition: 1,
            expected: '835',
            found: el(segment, 1),
          });
        }
        this.inTransaction = true;
        this.header = null;
        this.claimIndex = 0;
        this.totalCharge = 0;
        this.totalPaid = 0;
        this.plb = [];
        this.sawPayee = false;
        this.headerEmitted = false;
        return;
      case 'BPR':
        this.header = {
          traceNumber: '',
          payerId: '',
          payerName: '',
          paymentCents: signed(centsAt(segment, 2), el(segment, 3)),
          paymentMethod: required(segment, 4),
          paymentDate: fromX12Date(required(segment, 16)),
        };
        this.bprPosition = segment.position;
        return;
      case 'SE':
        this.flushClaim(out);
        if (this.inTransaction) {
          const header = this.requireHeader(segment);
          this.emitHeaderIfNeeded(out, segment);
          const plbTotal = this.plb.reduce((total, adjustment) => total + adjustment.amountCents, 0);
          out.push({
            kind: 'paymentEnd',
            header,
            providerAdjustments: this.plb,
            claimCount: this.claimIndex,
            totalChargeCents: this.totalCharge,
            totalPaidCents: this.totalPaid,
            problems: checkPaymentBalance(header.paymentCents, this.totalPaid, plbTotal, this.bprPosition),
          });
        }
        this.inTransaction = false;
        this.header = null;
        return;
    }
    if (!this.inTransaction) return;
    const header = this.requireHeader(segment);
    switch (segment.id) {
      case 'TRN':
        header.traceNumber = required(segment, 2);
        if (!header.payerId) header.payerId = el(segment, 3);
        break;
      case 'N1':
        if (el(segment, 1) === 'PR') {
          header.payerName = el(segment, 2);
          if (el(segment, 4)) header.payerId = el(segment, 4);
        } else if (el(segment, 1) === 'PE') {
          this.sawPayee = true;
          if (el(segment, 3) === 'XX') header.payeeNpi = el(segment, 4);
        }
        break;
      case 'REF':
        if (this.line) {
          if (el(segment, 1) === '6R') this.line.lineControlNumber = el(segment, 2);
        } else if (!this.claim && !this.sawPayee && el(segment, 1) === '2U') {
          header.payerId = el(segment, 2);
        }
        break;
      case 'LX':
        this.flushClaim(out);
        this.emitHeaderIfNeeded(out, segment);
        break;
      case 'CLP':
        this.flushClaim(out);
        this.emitHeaderIfNeeded(out, segment);
        this.claim = {
          patientControlNumber: required(segment, 1),
          statusCode: required(segment, 2),
          chargeCents: centsAt(segment, 3),
          paidCents: centsAt(segment, 4),
          patientResponsibilityCents: centsAt(segment, 5, { optional: true }),
          payerClaimNumber: el(segment, 7),
          adjustments: [],
          lines: [],
          remarkCodes: [],
        };
        this.claimPosition = segment.position;
        this.linePositions = [];
        break;
      case 'CAS': {
        const target = this.line ?? this.claim;
        if (!target) throw unexpected(segment, 'CLP or SVC');
        readAdjustmentsInto(segment, target.adjustments);
        break;
      }
      case 'SVC': {
        const claim = this.claim;
        if (!claim) throw unexpected(segment, 'CLP');
        const procedure = components(segment, 1);
        if (procedure.length < 2) {
          throw new X12Error('INVALID_ELEMENT', 'composite procedure needs qualifier and code', {
            segmentPosition: segment.position,
            segmentId: 'SVC',
            elementPosition: 1,
            expected: 'HC:code',
          });
        }
        this.line = {
          procedureCode: procedure[1] ?? '',
          modifiers: procedure.slice(2, 6).filter((modifier) => modifier !== ''),
          chargeCents: centsAt(segment, 2),
          paidCents: centsAt(segment, 3),
          units: quantityAt(segment, 5, 1),
          adjustments: [],
          remarkCodes: [],
        };
        claim.lines.push(this.line);
        this.linePositions.push(segment.position);
        break;
      }
      case 'DTM':
        this.readServiceDate(segment);
        break;
      case 'NM1':
        if (this.claim && !this.line && el(segment, 1) === 'QC' && el(segment, 9))
          this.claim.patientMemberId = el(segment, 9);
        if (this.claim && !this.line && el(segment, 1) === 'TT')
          this.claim.crossoverCarrier = {
            name: el(segment, 3),
            ...(el(segment, 9) ? { payerId: el(segment, 9) } : {}),
          };
        break;
      case 'LQ':
        if (this.line && el(segment, 1) === 'HE') this.line.remarkCodes.push(required(segment, 2));
        break;
      case 'MOA':
        if (this.claim)
          this.claim.remarkCodes.push(
            ...[3, 4, 5, 6, 7].map((n) => el(segment, n)).filter((code) => code !== ''),
          );
        break;
      case 'MIA':
        if (this.claim)
          this.claim.remarkCodes.push(
            ...[5, 20, 21, 22, 23].map((n) => el(segment, n)).filter((code) => code !== ''),
          );
        break;
      case 'PLB':
        this.flushClaim(out);
        this.emitHeaderIfNeeded(out, segment);
        this.plb.push(...readProviderAdjustments(segment));
        break;
    }
  }

  /** DTM*232 of the claim wins over a line's DTM*472 (the first line's date stands in for it). */
  private readServiceDate(segment: Segment): void {
    const claim = this.claim;
    if (!claim) return;
    const qualifier = el(segment, 1);
    const claimDate = !this.line && qualifier === '232';
    const lineDate = this.line && qualifier === '472' && claim.serviceDate === undefined;
    if (claimDate || lineDate) claim.serviceDate = fromX12Date(required(segment, 2));
  }

  private emitHeaderIfNeeded(out: RemittanceEvent[], segment: Segment): void {
    if (this.headerEmitted) return;
    this.headerEmitted = true;
    out.push({
      kind: 'payment',
      header: { ...this.requireHeader(segment) },
      segmentPosition: this.bprPosition,
    });
  }

  private flushClaim(out: RemittanceEvent[]): void {
    const claim = this.claim;
    if (!claim) return;
    const problems = checkClaimBalance(claim, this.claimIndex, {
      claim: this.claimPosition,
      lines: this.linePositions,
    });
    out.push({
      kind: 'claim',
      claim,
      claimIndex: this.claimIndex,
      segmentPosition: this.claimPosition,
      problems,
    });
    this.totalCharge += claim.chargeCents;
    this.totalPaid += claim.paidCents;
    this.claimIndex += 1;
    this.claim = null;
    this.line = null;
  }

  private requireHeader(segment: Segment): RemittanceHeader {
    if (!this.header) {
      throw new X12Error('MISSING_SEGMENT', 'BPR must be the first segment of an 835', {
        segmentPosition: segment.position,
        segmentId: segment.id,
        expected: 'BPR',
        found: segment.id,
      });
    }
    return this.header;
  }
}

function signed(cents: number, creditDebit: string): number {
  return creditDebit === 'D' ? -cents : cents;
}

function unexpected(segment: Segment, expected: string): X12Error {
  return new X12Error('UNEXPECTED_SEGMENT', `${segment.id} before ${expected}`, {
    segmentPosition: segment.position,
    segmentId: segment.id,
    expected,
  });
}

/** CAS: group, then up to 6 reason/amount/quantity triples. */
export function readAdjustments(segment: Segment): ClaimAdjustment[] {
  return readAdjustmentsInto(segment, []);
}

/** Like `readAdjustments`, appending to `adjustments` (no array per CAS on the 835 hot path). */
export function readAdjustmentsInto(segment: Segment, adjustments: ClaimAdjustment[]): ClaimAdjustment[] {
  const group = el(segment, 1);
  if (!GROUPS.includes(group)) {
    throw new X12Error('INVALID_ELEMENT', 'unknown claim adjustment group code', {
      segmentPosition: segment.position,
      segmentId: 'CAS',
      elementPosition: 1,
      expected: GROUPS.join('/'),
      found: JSON.stringify(group),
    });
  }
  for (let triple = 0; triple < 6; triple += 1) {
    const reasonPosition = 2 + triple * 3;
    const reasonCode = el(segment, reasonPosition);
    if (reasonCode === '') {
      if (triple === 0) required(segment, reasonPosition);
      continue;
    }
    const adjustment: ClaimAdjustment = {
      group: group as AdjustmentGroup,
      reasonCode,
      amountCents: centsAt(segment, reasonPosition + 1),
    };
    if (el(segment, reasonPosition + 2) !== '') adjustment.quantity = quantityAt(segment, reasonPosition + 2);
    adjustments.push(adjustment);
  }
  return adjustments;
}

/** PLB: provider, date, then up to 6 (reason:reference, amount) pairs. */
export function readProviderAdjustments(segment: Segment): ProviderAdjustment[] {
  const adjustments: ProviderAdjustment[] = [];
  for (let pair = 0; pair < 6; pair += 1) {
    const position = 3 + pair * 2;
    const identifier = components(segment, position);
    if (identifier.length === 0) {
      if (pair === 0) required(segment, position);
      continue;
    }
    const adjustment: ProviderAdjustment = {
      reasonCode: identifier[0] ?? '',
      amountCents: centsAt(segment, position + 1),
    };
    if (identifier[1]) adjustment.reference = identifier[1];
    adjustments.push(adjustment);
  }
  return adjustments;
}

export interface Read835Result {
  remittances: RemittanceAdvice[];
  problems: BalanceProblem[];
}

/** Reads every payment of an 835 text (envelope checked strictly) and reports balancing problems. */
export function read835WithProblems(text: string): Read835Result {
  const tokenizer = new SegmentTokenizer();
  const checker = new EnvelopeChecker({ strict: true });
  const reader = new RemittanceReader();
  const remittances: RemittanceAdvice[] = [];
  const problems: BalanceProblem[] = [];
  let claims: ClaimPayment[] = [];
  const handle = (segments: Segment[]): void => {
    for (const segment of segments) {
      checker.accept(segment);
      for (const event of reader.accept(segment)) {
        if (event.kind === 'claim') {
          claims.push(event.claim);
          problems.push(...event.problems);
        } else if (event.kind === 'paymentEnd') {
          remittances.push({ ...event.header, claims, providerAdjustments: event.providerAdjustments });
          problems.push(...event.problems);
          claims = [];
        }
      }
    }
  };
  handle(tokenizer.push(text));
  handle(tokenizer.end());
  checker.end();
  return { remittances, problems };
}

/** Reads an 835; throws an UNBALANCED X12Error naming the first balancing problem. */
export function read835(text: string, options: { requireBalanced?: boolean } = {}): RemittanceAdvice[] {
  const { remittances, problems } = read835WithProblems(text);
  const first = problems[0];
  if (first && options.requireBalanced !== false) {
    throw new X12Error('UNBALANCED', first.message, {
      segmentPosition: first.segmentPosition,
      segmentId: first.segmentId,
      expected: String(first.expectedCents),
      found: String(first.foundCents),
    });
  }
  return remittances;
}
