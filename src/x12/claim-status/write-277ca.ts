import type { ClaimBatch, ProfessionalClaim } from '../../claims/types';
import { stampParts, toX12Date } from '../dates';
import { X12Error } from '../errors';
import { formatCents } from '../money';
import type { EnvelopeOptions, SegmentWriter } from '../writer';
import { freeText, writeInterchange } from '../writer';
import type { ClaimAcknowledgementDetail, LineStatus } from './read-277';

export const IMPLEMENTATION_277CA = '005010X214';

export interface Write277CAOptions {
  envelope: EnvelopeOptions;
  /** 2000A information source: the clearinghouse (AY) or the payer (PR). */
  source: { kind: 'clearinghouse' | 'payer'; name: string; id: string };
  /** Date the batch was received (DTP*050); default the envelope date. */
  receivedDate?: string;
  /** Batch trace (TRN02 of 2200A/B/C); default the interchange control number. */
  batchReference?: string;
}

/**
 * Writes a 277CA (005010X214) acknowledging the claims of a batch. Acknowledgements are matched to
 * claims by patient control number; every acknowledgement must name a claim of the batch.
 */
export function write277CA(
  batch: ClaimBatch,
  acknowledgements: ClaimAcknowledgementDetail[],
  options: Write277CAOptions,
): string {
  const byPcn = new Map(batch.claims.map((claim) => [claim.patientControlNumber, claim] as const));
  const pairs = acknowledgements.map((ack, index) => {
    const claim = byPcn.get(ack.patientControlNumber);
    if (!claim)
      throw new X12Error('INVALID_INPUT', `acknowledgement[${index}] names a claim that is not in the batch`);
    return { ack, claim };
  });
  if (pairs.length === 0) throw new X12Error('INVALID_INPUT', 'a 277CA needs at least one acknowledgement');
  const { ccyymmdd, hhmm } = stampParts(options.envelope.createdAt);
  const received = options.receivedDate ? toX12Date(options.receivedDate) : ccyymmdd;
  const reference = options.batchReference ?? String(options.envelope.interchangeControlNumber);
  return writeInterchange(options.envelope, { functionalId: 'HN', version: IMPLEMENTATION_277CA }, [
    {
      setId: '277',
      implementation: IMPLEMENTATION_277CA,
      build(w) {
        w.add('BHT', '0085', '08', reference, ccyymmdd, hhmm, 'TH');
        w.add('HL', '1', '', '20', '1');
        w.add(
          'NM1',
          options.source.kind === 'payer' ? 'PR' : 'AY',
          '2',
          options.source.name,
          '',
          '',
          '',
          '',
          options.source.kind === 'payer' ? 'PI' : '46',
          options.source.id,
        );
        w.add('TRN', '1', reference);
        w.add('DTP', '050', 'D8', received);
        w.add('DTP', '009', 'D8', ccyymmdd);
        w.add('HL', '2', '1', '21', '1');
        w.add('NM1', '41', '2', batch.submitter.name, '', '', '', '', '46', batch.submitter.id);
        w.add('TRN', '2', reference);
        const accepted = pairs.filter((p) => p.ack.accepted);
        const rejected = pairs.filter((p) => !p.ack.accepted);
        const sum = (list: typeof pairs): string =>
          formatCents(list.reduce((total, p) => total + p.claim.totalChargeCents, 0));
        const all = sum(pairs);
        w.add('STC', ['A1', '19', 'PR'], ccyymmdd, 'WQ', all);
        if (accepted.length > 0) w.add('QTY', '90', String(accepted.length));
        if (rejected.length > 0) w.add('QTY', 'AA', String(rejected.length));
        if (accepted.length > 0) w.add('AMT', 'YU', sum(accepted));
        if (rejected.length > 0) w.add('AMT', 'YY', sum(rejected));
        w.add('HL', '3', '2', '19', '1');
        w.add(
          'NM1',
          '85',
          '2',
          batch.billingProvider.organizationName,
          '',
          '',
          '',
          '',
          'XX',
          batch.billingProvider.npi,
        );
        w.add('TRN', '1', reference);
        w.add('STC', ['A1', '19', 'PR'], '', 'WQ', all);
        if (accepted.length > 0) w.add('QTY', 'QA', String(accepted.length));
        if (rejected.length > 0) w.add('QTY', 'QC', String(rejected.length));
        if (accepted.length > 0) w.add('AMT', 'YU', sum(accepted));
        if (rejected.length > 0) w.add('AMT', 'YY', sum(rejected));
        let hl = 3;
        for (const { ack, claim } of pairs) {
          hl += 1;
          w.add('HL', String(hl), '3', 'PT');
          writePatient(w, claim);
          w.add('TRN', '2', claim.patientControlNumber);
          const action = ack.accepted ? 'WQ' : 'U';
          const charge = formatCents(ack.chargeCents ?? claim.totalChargeCents);
          const entity = ack.accepted ? 'PR' : '';
          const reasons = ack.reasons.length > 0 ? ack.reasons : [undefined];
          reasons.forEach((reason) => {
            w.add(
              'STC',
              [ack.categoryCode, ack.statusCode, entity],
              ccyymmdd,
              action,
              charge,
              '',
              '',
              '',
              '',
              '',
              '',
              '',
              freeText(reason, w.delimiters),
            );
          });
          if (ack.payerClaimNumber) w.add('REF', '1K', ack.payerClaimNumber);
          w.add('REF', 'D9', claim.patientControlNumber);
          w.add('DTP', '472', 'D8', toX12Date(ack.dateOfService ?? claim.dateOfService));
          for (const line of ack.lines ?? []) writeLine(w, line, claim);
        }
      },
    },
  ]);
}

function writePatient(w: SegmentWriter, claim: ProfessionalClaim): void {
  const person = claim.patient ?? claim.subscriber;
  w.add('NM1', 'QC', '1', person.lastName, person.firstName, '', '', '', 'MI', claim.subscriber.memberId);
}

function writeLine(w: SegmentWriter, line: LineStatus, claim: ProfessionalClaim): void {
  w.add('SVC', ['HC', line.procedureCode, ...line.modifiers], formatCents(line.chargeCents));
  w.add('STC', [line.categoryCode, line.statusCode], stampDate(claim), 'U');
  if (line.lineControlNumber) w.add('REF', 'FJ', line.lineControlNumber);
  w.add('DTP', '472', 'D8', toX12Date(claim.dateOfService));
}

function stampDate(claim: ProfessionalClaim): string {
  return toX12Date(claim.dateOfService);
}
