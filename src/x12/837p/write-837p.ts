import type {
  BillingProvider,
  ClaimBatch,
  ClaimPerson,
  PostalAddress,
  PriorPayerAdjudication,
  ProfessionalClaim,
} from '../../claims/types';
import { claimFilingIndicator } from '../../claims/types';
import type { ClaimLine } from '../../coding/types';
import type { ClaimAdjustment } from '../../remittance/types';
import { toX12Date } from '../dates';
import { X12Error } from '../errors';
import { formatCents } from '../money';
import type { EnvelopeOptions, SegmentWriter } from '../writer';
import { writeInterchange } from '../writer';

export const IMPLEMENTATION_837P = '005010X222A1';

export interface Write837POptions {
  envelope: EnvelopeOptions;
  /** BHT03, the originator's batch reference (default: the interchange control number). */
  batchReference?: string;
  /** SBR09 claim filing indicator (CI commercial, MB Medicare Part B, MC Medicaid...). Default CI. */
  claimFilingIndicator?: string | ((claim: ProfessionalClaim) => string);
}

const RELATIONSHIP_CODE: Record<NonNullable<ProfessionalClaim['patient']>['relationship'], string> = {
  spouse: '01',
  child: '19',
  other: 'G8',
};

/** Writes a ClaimBatch as one 837P (005010X222A1) interchange: one transaction set, every claim in it. */
export function write837P(batch: ClaimBatch, options: Write837POptions): string {
  const { envelope } = options;
  const { ccyymmdd, hhmm } = stamp(envelope.createdAt);
  if (batch.claims.length === 0) throw new X12Error('INVALID_INPUT', 'an 837P needs at least one claim');
  return writeInterchange(envelope, { functionalId: 'HC', version: IMPLEMENTATION_837P }, [
    {
      setId: '837',
      implementation: IMPLEMENTATION_837P,
      build(w) {
        w.add(
          'BHT',
          '0019',
          '00',
          options.batchReference ?? String(envelope.interchangeControlNumber),
          ccyymmdd,
          hhmm,
          'CH',
        );
        w.add('NM1', '41', '2', batch.submitter.name, '', '', '', '', '46', batch.submitter.id);
        w.add('PER', 'IC', batch.submitter.contactName, 'TE', digits(batch.submitter.contactPhone));
        w.add('NM1', '40', '2', batch.receiver.name, '', '', '', '', '46', batch.receiver.id);
        writeBillingProvider(w, batch.billingProvider);
        let hl = 1;
        batch.claims.forEach((claim, index) => {
          checkClaim(claim, index);
          const subscriberHl = ++hl;
          w.add('HL', String(subscriberHl), '1', '22', claim.patient ? '1' : '0');
          const filing =
            typeof options.claimFilingIndicator === 'function'
              ? options.claimFilingIndicator(claim)
              : (options.claimFilingIndicator ?? claimFilingIndicator(claim));
          w.add(
            'SBR',
            claim.payerSequence ?? 'P',
            claim.patient ? '' : '18',
            claim.subscriber.groupNumber,
            '',
            '',
            '',
            '',
            '',
            filing,
          );
          writePerson(w, 'IL', claim.subscriber, claim.subscriber.memberId);
          w.add('NM1', 'PR', '2', claim.payer.name, '', '', '', '', 'PI', claim.payer.payerId);
          if (claim.patient) {
            w.add('HL', String(++hl), String(subscriberHl), '23', '0');
            w.add('PAT', RELATIONSHIP_CODE[claim.patient.relationship]);
            writePerson(w, 'QC', claim.patient);
          }
          writeClaim(w, claim);
        });
      },
    },
  ]);
}

function stamp(at: Date): { ccyymmdd: string; hhmm: string } {
  const iso = at.toISOString();
  return { ccyymmdd: iso.slice(0, 10).replace(/-/g, ''), hhmm: iso.slice(11, 16).replace(':', '') };
}

function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

function writeBillingProvider(w: SegmentWriter, provider: BillingProvider): void {
  w.add('HL', '1', '', '20', '1');
  w.add('PRV', 'BI', 'PXC', provider.taxonomy);
  w.add('NM1', '85', '2', provider.organizationName, '', '', '', '', 'XX', provider.npi);
  writeAddress(w, provider.address);
  w.add('REF', 'EI', provider.taxId.replace(/\D/g, ''));
}

function writeAddress(w: SegmentWriter, address: PostalAddress): void {
  w.add('N3', address.line1, address.line2);
  w.add('N4', address.city, address.state, address.postalCode.replace(/\D/g, ''));
}

function writePerson(w: SegmentWriter, entity: 'IL' | 'QC', person: ClaimPerson, memberId?: string): void {
  w.add(
    'NM1',
    entity,
    '1',
    person.lastName,
    person.firstName,
    '',
    '',
    '',
    memberId === undefined ? '' : 'MI',
    memberId,
  );
  writeAddress(w, person.address);
  w.add('DMG', 'D8', toX12Date(person.dateOfBirth), person.sex);
}

function writeClaim(w: SegmentWriter, claim: ProfessionalClaim): void {
  w.add(
    'CLM',
    claim.patientControlNumber,
    formatCents(claim.totalChargeCents),
    '',
    '',
    [claim.placeOfService, 'B', claim.frequencyCode],
    'Y',
    'A',
    'Y',
    'Y',
  );
  if (claim.priorAuthorizationNumber) w.add('REF', 'G1', claim.priorAuthorizationNumber);
  if (claim.frequencyCode !== '1') w.add('REF', 'F8', claim.originalPayerClaimNumber);
  w.add(
    'HI',
    ...claim.diagnosisCodes.map((code, index) => [
      index === 0 ? 'ABK' : 'ABF',
      code.replace('.', '').toUpperCase(),
    ]),
  );
  const rendering = claim.renderingProvider;
  w.add('NM1', '82', '1', rendering.lastName, rendering.firstName, '', '', '', 'XX', rendering.npi);
  w.add('PRV', 'PE', 'PXC', rendering.taxonomy);
  for (const prior of claim.priorPayers ?? []) writeOtherSubscriber(w, prior);
  claim.lines.forEach((line, index) => {
    w.add('LX', String(index + 1));
    w.add(
      'SV1',
      ['HC', line.code, ...line.modifiers],
      formatCents(line.chargeCents),
      'UN',
      String(line.units),
      '',
      '',
      line.diagnosisPointers.map(String),
    );
    w.add('DTP', '472', 'D8', toX12Date(claim.dateOfService));
    w.add('REF', '6R', line.lineControlNumber);
    if (line.ndc) writeDrugIdentification(w, line.ndc);
    for (const prior of claim.priorPayers ?? []) writeLineAdjudication(w, prior, index + 1);
  });
}

const INDIVIDUAL_RELATIONSHIP: Record<PriorPayerAdjudication['relationship'], string> = {
  self: '18',
  spouse: '01',
  child: '19',
  other: 'G8',
};

/**
 * Loop 2320 (other subscriber information: the prior payer's responsibility sequence, its
 * claim-level adjustments and what it paid), with 2330A (its subscriber) and 2330B (the payer).
 */
function writeOtherSubscriber(w: SegmentWriter, prior: PriorPayerAdjudication): void {
  w.add(
    'SBR',
    prior.payerSequence,
    INDIVIDUAL_RELATIONSHIP[prior.relationship],
    prior.subscriber.groupNumber,
    '',
    '',
    '',
    '',
    '',
    claimFilingIndicator({ payer: prior.payer }),
  );
  writeAdjustments(w, prior.adjustments);
  w.add('AMT', 'D', formatCents(prior.paidCents));
  // Benefits assigned, signature on file, release of information on file.
  w.add('OI', '', '', 'Y', 'P', '', 'Y');
  const subscriber = prior.subscriber;
  w.add('NM1', 'IL', '1', subscriber.lastName, subscriber.firstName, '', '', '', 'MI', subscriber.memberId);
  w.add('NM1', 'PR', '2', prior.payer.name, '', '', '', '', 'PI', prior.payer.payerId);
}

/** Loop 2430: the prior payer's adjudication of one line (SVD, CAS, DTP*573). */
function writeLineAdjudication(w: SegmentWriter, prior: PriorPayerAdjudication, lineNumber: number): void {
  const line = prior.lines.find((l) => l.lineNumber === lineNumber);
  if (!line) return;
  w.add(
    'SVD',
    prior.payer.payerId,
    formatCents(line.paidCents),
    ['HC', line.procedureCode, ...line.modifiers],
    '',
    String(line.units),
  );
  writeAdjustments(w, line.adjustments);
  w.add('DTP', '573', 'D8', toX12Date(prior.adjudicationDate));
}

/** CAS segments: one per group, up to 6 reason/amount triples each (X222A1 allows no more). */
function writeAdjustments(w: SegmentWriter, adjustments: ClaimAdjustment[]): void {
  const groups = [...new Set(adjustments.map((a) => a.group))];
  for (const group of groups) {
    const ofGroup = adjustments.filter((a) => a.group === group);
    for (let start = 0; start < ofGroup.length; start += 6) {
      const triples = ofGroup
        .slice(start, start + 6)
        .flatMap((a) => [
          a.reasonCode,
          formatCents(a.amountCents),
          a.quantity === undefined ? '' : String(a.quantity),
        ]);
      w.add('CAS', group, ...triples);
    }
  }
}

/** Loop 2410 drug identification: LIN*N4 (11-digit NDC, 5-4-2) and CTP04/CTP05 quantity and unit. */
function writeDrugIdentification(w: SegmentWriter, ndc: NonNullable<ClaimLine['ndc']>): void {
  w.add('LIN', '', 'N4', ndc.code);
  w.add('CTP', '', '', '', formatQuantity(ndc.quantity), [ndc.unit]);
}

/** A quantity without float noise: at most 3 decimals, no trailing zeros. */
function formatQuantity(quantity: number): string {
  return String(Math.round(quantity * 1000) / 1000);
}

/** Input checks an 837P needs; messages name the claim by its index, not by patient data. */
function checkClaim(claim: ProfessionalClaim, index: number): void {
  const where = `claim[${index}]`;
  const fail = (detail: string): never => {
    throw new X12Error('INVALID_INPUT', `${where}: ${detail}`);
  };
  if (claim.frequencyCode !== '1' && !claim.originalPayerClaimNumber)
    fail(`frequency ${claim.frequencyCode} needs originalPayerClaimNumber (REF*F8)`);
  if (claim.diagnosisCodes.length === 0 || claim.diagnosisCodes.length > 12)
    fail('needs 1 to 12 diagnosis codes (HI)');
  if (claim.lines.length === 0 || claim.lines.length > 50) fail('needs 1 to 50 service lines');
  const sum = claim.lines.reduce((total, line) => total + line.chargeCents, 0);
  if (sum !== claim.totalChargeCents)
    fail(`totalChargeCents ${claim.totalChargeCents} is not the sum of line charges ${sum}`);
  claim.lines.forEach((line, lineIndex) => {
    if (line.modifiers.length > 4) fail(`line[${lineIndex}] has more than 4 modifiers`);
    if (line.diagnosisPointers.length === 0 || line.diagnosisPointers.length > 4)
      fail(`line[${lineIndex}] needs 1 to 4 diagnosis pointers`);
    for (const pointer of line.diagnosisPointers) {
      if (!Number.isInteger(pointer) || pointer < 1 || pointer > claim.diagnosisCodes.length)
        fail(`line[${lineIndex}] diagnosis pointer ${pointer} is out of range`);
    }
    if (!Number.isInteger(line.chargeCents) || line.chargeCents < 0)
      fail(`line[${lineIndex}] chargeCents must be a non-negative integer`);
    if (line.ndc && (!/^\d{11}$/.test(line.ndc.code) || !(line.ndc.quantity > 0)))
      fail(`line[${lineIndex}] NDC must be 11 digits with a positive quantity`);
  });
}
