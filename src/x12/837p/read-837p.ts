import type {
  ClaimBatch,
  ClaimPerson,
  PayerSequence,
  PostalAddress,
  PriorLineAdjudication,
  PriorPayerAdjudication,
  ProfessionalClaim,
} from '../../claims/types';
import { readAdjustments } from '../835/read-835';
import { NdcUnitSchema, type NdcUnit } from '../../visit/schema';
import { fromX12Date } from '../dates';
import { parseX12, transactionsOf } from '../document';
import { X12Error } from '../errors';
import { centsAt, quantityAt } from '../money';
import type { Segment } from '../segment';
import { components, el, required } from '../segment';

type Person = ClaimPerson & { memberId?: string; groupNumber?: string };
type Line = ProfessionalClaim['lines'][number];
const NDC_UNITS: ReadonlySet<string> = new Set(NdcUnitSchema.options);

const RELATIONSHIPS: Record<string, NonNullable<ProfessionalClaim['patient']>['relationship']> = {
  '01': 'spouse',
  '19': 'child',
};

const INDIVIDUAL_RELATIONSHIPS: Record<string, PriorPayerAdjudication['relationship']> = {
  '18': 'self',
  '01': 'spouse',
  '19': 'child',
};

const PAYER_SEQUENCES: ReadonlySet<string> = new Set(['P', 'S', 'T']);

function payerSequenceOf(code: string): PayerSequence {
  return PAYER_SEQUENCES.has(code) ? (code as PayerSequence) : 'P';
}

/** 2320 SBR: a prior payer of the claim, filled in by 2320 CAS/AMT and 2330A/2330B. */
function startPriorPayer(claim: ProfessionalClaim, segment: Segment): PriorPayerAdjudication {
  const prior: PriorPayerAdjudication = {
    payerSequence: payerSequenceOf(el(segment, 1)),
    payer: { payerId: '', name: '' },
    subscriber: { firstName: '', lastName: '', memberId: '' },
    relationship: INDIVIDUAL_RELATIONSHIPS[el(segment, 2)] ?? 'other',
    paidCents: 0,
    adjudicationDate: '',
    adjustments: [],
    lines: [],
  };
  if (el(segment, 3)) prior.subscriber.groupNumber = el(segment, 3);
  claim.priorPayers = [...(claim.priorPayers ?? []), prior];
  return prior;
}

/** 2430 SVD: the prior payer (named by SVD01) adjudicated the current line. */
function startPriorLine(claim: ProfessionalClaim, segment: Segment): PriorLineAdjudication | null {
  const prior = claim.priorPayers?.find((p) => p.payer.payerId === el(segment, 1));
  if (!prior) return null;
  const procedure = components(segment, 3);
  const line: PriorLineAdjudication = {
    lineNumber: claim.lines.length,
    procedureCode: procedure[1] ?? '',
    modifiers: procedure.slice(2, 6).filter((m) => m !== ''),
    units: quantityAt(segment, 5, 1),
    paidCents: centsAt(segment, 2),
    adjustments: [],
  };
  prior.lines.push(line);
  return line;
}

function emptyPerson(): Person {
  return {
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    sex: 'U',
    address: { line1: '', city: '', state: '', postalCode: '' },
  };
}

/**
 * 837P (005010X222A1) → one ClaimBatch per transaction set, for a receiver (sandbox clearinghouse) and
 * round-trip tests. Reads what write837P produces plus the common variants; line labels come back as ''.
 */
export function read837P(text: string): ClaimBatch[] {
  const batches: ClaimBatch[] = [];
  for (const { transaction } of transactionsOf(parseX12(text))) {
    if (transaction.setId !== '837')
      throw new X12Error('UNSUPPORTED', 'not an 837 transaction set', {
        segmentPosition: transaction.header.position,
        segmentId: 'ST',
        elementPosition: 1,
        expected: '837',
        found: transaction.setId,
      });
    batches.push(readBatch(transaction.segments));
  }
  return batches;
}

function readBatch(segments: Segment[]): ClaimBatch {
  const batch: ClaimBatch = {
    billingProvider: {
      organizationName: '',
      npi: '',
      taxId: '',
      taxonomy: '',
      address: { line1: '', city: '', state: '', postalCode: '' },
    },
    submitter: { name: '', id: '', contactName: '', contactPhone: '' },
    receiver: { name: '', id: '' },
    claims: [],
  };
  let level = '';
  let groupNumber = '';
  let person: Person | null = null;
  let address: PostalAddress | null = batch.billingProvider.address;
  let subscriber: Person = emptyPerson();
  let payer = { payerId: '', name: '' };
  let patient: (Person & { relationship: NonNullable<ProfessionalClaim['patient']>['relationship'] }) | null =
    null;
  let claim: ProfessionalClaim | null = null;
  let line: Line | null = null;
  let payerSequence: PayerSequence = 'P';
  /** Inside loop 2320/2330 (a prior payer of the claim) or 2430 (its adjudication of a line). */
  let prior: PriorPayerAdjudication | null = null;
  let priorLine: { payer: PriorPayerAdjudication; line: PriorLineAdjudication } | null = null;
  for (const segment of segments) {
    switch (segment.id) {
      case 'NM1': {
        const entity = el(segment, 1);
        address = null;
        if (prior && (entity === 'IL' || entity === 'PR')) readPriorParty(prior, segment);
        else if (entity === '41')
          batch.submitter = { ...batch.submitter, name: el(segment, 3), id: el(segment, 9) };
        else if (entity === '40') batch.receiver = { name: el(segment, 3), id: el(segment, 9) };
        else if (entity === '85') {
          batch.billingProvider.organizationName = el(segment, 3);
          batch.billingProvider.npi = el(segment, 9);
          address = batch.billingProvider.address;
        } else if (entity === 'IL') {
          subscriber = {
            ...emptyPerson(),
            lastName: el(segment, 3),
            firstName: el(segment, 4),
            memberId: el(segment, 9),
          };
          if (groupNumber) subscriber.groupNumber = groupNumber;
          person = subscriber;
          address = subscriber.address;
        } else if (entity === 'PR') payer = { payerId: el(segment, 9), name: el(segment, 3) };
        else if (entity === 'QC' && patient) {
          patient.lastName = el(segment, 3);
          patient.firstName = el(segment, 4);
          person = patient;
          address = patient.address;
        } else if (entity === '82' && claim) {
          claim.renderingProvider = {
            ...claim.renderingProvider,
            lastName: el(segment, 3),
            firstName: el(segment, 4),
            npi: el(segment, 9),
          };
        }
        break;
      }
      case 'PER':
        if (el(segment, 1) === 'IC')
          batch.submitter = { ...batch.submitter, contactName: el(segment, 2), contactPhone: el(segment, 4) };
        break;
      case 'PRV':
        if (el(segment, 1) === 'BI') batch.billingProvider.taxonomy = el(segment, 3);
        else if (claim) claim.renderingProvider.taxonomy = el(segment, 3);
        break;
      case 'N3':
        if (address) {
          address.line1 = el(segment, 1);
          if (el(segment, 2)) address.line2 = el(segment, 2);
        }
        break;
      case 'N4':
        if (address)
          Object.assign(address, { city: el(segment, 1), state: el(segment, 2), postalCode: el(segment, 3) });
        break;
      case 'REF':
        if (el(segment, 1) === 'EI' && level === '20') batch.billingProvider.taxId = el(segment, 2);
        else if (el(segment, 1) === 'F8' && claim) claim.originalPayerClaimNumber = el(segment, 2);
        else if (el(segment, 1) === '6R' && line) line.lineControlNumber = el(segment, 2);
        break;
      case 'DMG':
        if (person) {
          person.dateOfBirth = fromX12Date(el(segment, 2));
          const sex = el(segment, 3);
          person.sex = sex === 'F' || sex === 'M' ? sex : 'U';
        }
        break;
      case 'HL':
        level = el(segment, 3);
        claim = null;
        line = null;
        person = null;
        if (level === '22') {
          patient = null;
          groupNumber = '';
        }
        if (level === '23') patient = { ...emptyPerson(), relationship: 'other' };
        prior = null;
        priorLine = null;
        break;
      case 'SBR':
        if (claim) {
          prior = startPriorPayer(claim, segment);
          break;
        }
        groupNumber = el(segment, 3);
        payerSequence = payerSequenceOf(el(segment, 1));
        break;
      case 'CAS':
        if (priorLine) priorLine.line.adjustments.push(...readAdjustments(segment));
        else if (prior) prior.adjustments.push(...readAdjustments(segment));
        break;
      case 'AMT':
        if (prior && el(segment, 1) === 'D') prior.paidCents = centsAt(segment, 2);
        break;
      case 'SVD': {
        const found = claim ? startPriorLine(claim, segment) : null;
        const payer = claim?.priorPayers?.find((p) => p.payer.payerId === el(segment, 1));
        priorLine = found && payer ? { payer, line: found } : null;
        break;
      }
      case 'PAT':
        if (patient) patient.relationship = RELATIONSHIPS[el(segment, 1)] ?? 'other';
        break;
      case 'CLM': {
        const position = components(segment, 5);
        const frequency = position[2] ?? '1';
        const { memberId = '', groupNumber: group, ...subscriberPerson } = subscriber;
        claim = {
          patientControlNumber: required(segment, 1),
          frequencyCode: frequency === '7' || frequency === '8' ? frequency : '1',
          placeOfService: position[0] ?? '',
          dateOfService: '',
          payer,
          subscriber: { ...subscriberPerson, memberId, ...(group ? { groupNumber: group } : {}) },
          renderingProvider: { npi: '', firstName: '', lastName: '', taxonomy: '' },
          diagnosisCodes: [],
          lines: [],
          totalChargeCents: centsAt(segment, 2),
        };
        if (patient) claim.patient = patient;
        if (payerSequence !== 'P') claim.payerSequence = payerSequence;
        batch.claims.push(claim);
        person = null;
        address = null;
        break;
      }
      case 'HI':
        if (claim) {
          for (let n = 1; n < segment.elements.length; n += 1) {
            const [qualifier = '', code = ''] = components(segment, n);
            if (qualifier === 'ABK' || qualifier === 'ABF' || qualifier === 'BK' || qualifier === 'BF')
              claim.diagnosisCodes.push(code);
          }
        }
        break;
      case 'SV1': {
        if (!claim)
          throw new X12Error('UNEXPECTED_SEGMENT', 'SV1 before CLM', {
            segmentPosition: segment.position,
            segmentId: 'SV1',
            expected: 'CLM',
          });
        const procedure = components(segment, 1);
        prior = null;
        priorLine = null;
        line = {
          code: procedure[1] ?? '',
          modifiers: procedure.slice(2, 6).filter((m) => m !== ''),
          units: quantityAt(segment, 4, 1),
          chargeCents: centsAt(segment, 2),
          diagnosisPointers: components(segment, 7).map(Number),
          label: '',
          lineControlNumber: '',
        };
        claim.lines.push(line);
        break;
      }
      case 'LIN':
      case 'CTP':
        if (line) readDrugIdentification(segment, line);
        break;
      case 'DTP':
        if (priorLine && el(segment, 1) === '573')
          priorLine.payer.adjudicationDate = fromX12Date(el(segment, 3));
        else if (claim && el(segment, 1) === '472') {
          const date = fromX12Date(el(segment, 3).split('-')[0] ?? '');
          if (!claim.dateOfService) claim.dateOfService = date;
        }
        break;
    }
  }
  return batch;
}

/** 2330A NM1*IL (the other subscriber) and 2330B NM1*PR (the other payer). */
function readPriorParty(prior: PriorPayerAdjudication, segment: Segment): void {
  if (el(segment, 1) === 'IL')
    prior.subscriber = {
      ...prior.subscriber,
      lastName: el(segment, 3),
      firstName: el(segment, 4),
      memberId: el(segment, 9),
    };
  else prior.payer = { payerId: el(segment, 9), name: el(segment, 3) };
}

/** Loop 2410: LIN*N4 gives the NDC, CTP04/CTP05 its quantity and unit of measure. */
function readDrugIdentification(segment: Segment, line: Line): void {
  if (segment.id === 'LIN' && el(segment, 2) === 'N4') {
    line.ndc = { code: el(segment, 3), quantity: 0, unit: 'UN' };
  } else if (segment.id === 'CTP' && line.ndc) {
    const unit = components(segment, 5)[0] ?? 'UN';
    line.ndc.quantity = Number(el(segment, 4));
    if (NDC_UNITS.has(unit)) line.ndc.unit = unit as NdcUnit;
  }
}
