import type { ClaimAdjustment, ClaimPayment, RemittanceAdvice } from '../../remittance/types';
import { toX12Date } from '../dates';
import { X12Error } from '../errors';
import { formatCents } from '../money';
import type { PostalAddress } from '../../claims/types';
import type { EnvelopeOptions, SegmentWriter } from '../writer';
import { writeInterchange } from '../writer';
import { checkRemittanceBalance } from './balance';

export const IMPLEMENTATION_835 = '005010X221A1';

export interface Write835Options {
  envelope: EnvelopeOptions;
  /** N3/N4 of the payer (required by X221A1); a neutral placeholder when omitted. */
  payerAddress?: PostalAddress;
  payerContact?: { name: string; phone: string };
  /** N102 of the payee. Default "PAYEE". */
  payeeName?: string;
  /** Used as N1*PE*FI when the advice has no payee NPI. */
  payeeTaxId?: string;
  /** CLP06 claim filing indicator. Default "12" (PPO). */
  claimFilingIndicator?: string;
  /** TRN03 originating company id ("1" + EIN). Default "1999999999". */
  originatingCompanyId?: string;
  /** Refuse to write an advice that does not balance (default true). */
  requireBalanced?: boolean;
}

const DEFAULT_ADDRESS: PostalAddress = {
  line1: 'PO BOX 1',
  city: 'ANYTOWN',
  state: 'NY',
  postalCode: '10001',
};

/** Writes one 835 interchange, one transaction set (ST) per RemittanceAdvice. */
export function write835(advices: RemittanceAdvice[], options: Write835Options): string {
  if (advices.length === 0)
    throw new X12Error('INVALID_INPUT', 'an 835 needs at least one remittance advice');
  return writeInterchange(
    options.envelope,
    { functionalId: 'HP', version: IMPLEMENTATION_835 },
    advices.map((advice, index) => {
      if (options.requireBalanced !== false) {
        const problem = checkRemittanceBalance(advice)[0];
        if (problem)
          throw new X12Error('UNBALANCED', `remittance[${index}]: ${problem.message}`, {
            segmentId: problem.segmentId,
          });
      }
      return { setId: '835', build: (w: SegmentWriter) => writeAdvice(w, advice, options) };
    }),
  );
}

function writeAdvice(w: SegmentWriter, advice: RemittanceAdvice, options: Write835Options): void {
  const amount = formatCents(Math.abs(advice.paymentCents));
  const creditDebit = advice.paymentCents < 0 ? 'D' : 'C';
  const date = toX12Date(advice.paymentDate);
  const handling = advice.paymentCents === 0 ? 'H' : 'I';
  if (advice.paymentMethod === 'ACH') {
    w.add(
      'BPR',
      handling,
      amount,
      creditDebit,
      'ACH',
      'CCP',
      '01',
      '999999999',
      'DA',
      '000000000',
      options.originatingCompanyId ?? '1999999999',
      '',
      '01',
      '999999999',
      'DA',
      '000000000',
      date,
    );
  } else {
    w.add(
      'BPR',
      handling,
      amount,
      creditDebit,
      advice.paymentMethod,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      date,
    );
  }
  w.add('TRN', '1', advice.traceNumber, options.originatingCompanyId ?? '1999999999');
  w.add('DTM', '405', date);
  w.add('N1', 'PR', advice.payerName);
  const address = options.payerAddress ?? DEFAULT_ADDRESS;
  w.add('N3', address.line1, address.line2);
  w.add('N4', address.city, address.state, address.postalCode);
  w.add('REF', '2U', advice.payerId);
  w.add(
    'PER',
    'BL',
    options.payerContact?.name ?? 'PROVIDER SERVICES',
    'TE',
    options.payerContact?.phone ?? '8005550100',
  );
  if (advice.payeeNpi) w.add('N1', 'PE', options.payeeName ?? 'PAYEE', 'XX', advice.payeeNpi);
  else w.add('N1', 'PE', options.payeeName ?? 'PAYEE', 'FI', options.payeeTaxId ?? '999999999');
  if (advice.claims.length > 0) {
    w.add('LX', '1');
    for (const claim of advice.claims) writeClaim(w, claim, options);
  }
  writeProviderAdjustments(w, advice, date);
}

function writeClaim(w: SegmentWriter, claim: ClaimPayment, options: Write835Options): void {
  w.add(
    'CLP',
    claim.patientControlNumber,
    claim.statusCode,
    formatCents(claim.chargeCents),
    formatCents(claim.paidCents),
    claim.patientResponsibilityCents === 0 ? '' : formatCents(claim.patientResponsibilityCents),
    options.claimFilingIndicator ?? '12',
    claim.payerClaimNumber,
  );
  writeAdjustments(w, claim.adjustments);
  if (claim.patientMemberId) w.add('NM1', 'QC', '1', '', '', '', '', '', 'MI', claim.patientMemberId);
  else w.add('NM1', 'QC', '1');
  const carrier = claim.crossoverCarrier;
  if (carrier)
    w.add('NM1', 'TT', '2', carrier.name, '', '', '', '', carrier.payerId ? 'PI' : '', carrier.payerId);
  if (claim.remarkCodes.length > 5)
    throw new X12Error('INVALID_INPUT', 'at most 5 claim remark codes fit in MOA', { segmentId: 'MOA' });
  if (claim.remarkCodes.length > 0) w.add('MOA', '', '', ...claim.remarkCodes);
  if (claim.serviceDate) w.add('DTM', '232', toX12Date(claim.serviceDate));
  for (const line of claim.lines) {
    w.add(
      'SVC',
      ['HC', line.procedureCode, ...line.modifiers],
      formatCents(line.chargeCents),
      formatCents(line.paidCents),
      '',
      String(line.units),
    );
    writeAdjustments(w, line.adjustments);
    if (line.lineControlNumber) w.add('REF', '6R', line.lineControlNumber);
    for (const remark of line.remarkCodes) w.add('LQ', 'HE', remark);
  }
}

/** CAS segments: one per group, up to 6 reason/amount/quantity triples each, in input order. */
function writeAdjustments(w: SegmentWriter, adjustments: ClaimAdjustment[]): void {
  const runs: ClaimAdjustment[][] = [];
  for (const adjustment of adjustments) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.group === adjustment.group && last.length < 6) last.push(adjustment);
    else runs.push([adjustment]);
  }
  for (const run of runs) {
    const elements = run.flatMap((a) => [
      a.reasonCode,
      formatCents(a.amountCents),
      a.quantity === undefined ? '' : String(a.quantity),
    ]);
    w.add('CAS', run[0]?.group, ...elements);
  }
}

function writeProviderAdjustments(w: SegmentWriter, advice: RemittanceAdvice, date: string): void {
  const provider = advice.payeeNpi ?? '999999999';
  const fiscalPeriod = `${date.slice(0, 4)}1231`;
  for (let start = 0; start < advice.providerAdjustments.length; start += 6) {
    const pairs = advice.providerAdjustments
      .slice(start, start + 6)
      .flatMap((a) => [
        a.reference === undefined ? [a.reasonCode] : [a.reasonCode, a.reference],
        formatCents(a.amountCents),
      ]);
    w.add('PLB', provider, fiscalPeriod, ...pairs);
  }
}
