import type { CodingResult } from '../coding/types';
import type { VisitCompletedEvent } from '../visit/schema';
import { coveragesOnFile } from '../eligibility/coverage-fallback';
import type {
  ClaimBilling,
  ClaimFrequency,
  PriorPayerAdjudication,
  PriorPayerFigures,
  ProfessionalClaim,
} from './types';

/**
 * Patient control number (CLM01; payers echo at most 20 characters in CLP01): "D", the visit's
 * billing number (a database sequence, so unique), "A", the attempt. Unique by construction: the
 * digits after the last "A" are the attempt and the digits before it the visit. Opaque (no PHI),
 * at most 1 + 10 + 1 + 8 characters, and a corrected claim is a new CLM01.
 */
export function patientControlNumber(billingNumber: number, attempt: number): string {
  if (!Number.isSafeInteger(billingNumber) || billingNumber < 0 || billingNumber >= 1e10)
    throw new Error(`visit billing number ${billingNumber} does not fit a patient control number`);
  if (!Number.isSafeInteger(attempt) || attempt < 1 || attempt >= 1e8)
    throw new Error(`claim attempt ${attempt} does not fit a patient control number`);
  return `D${billingNumber}A${attempt}`;
}

export function lineControlNumber(pcn: string, lineNumber: number): string {
  return `${pcn}L${lineNumber}`;
}

/** Turns a coded visit into one professional claim (the 2000B/2300/2400 content of an 837P). */
export function buildProfessionalClaim(
  visit: VisitCompletedEvent,
  coding: CodingResult,
  /** CLM01, from patientControlNumber(): one per visit and attempt. */
  pcn: string,
  frequency: { code: ClaimFrequency; originalPayerClaimNumber?: string } = { code: '1' },
  billing: ClaimBilling = {},
): ProfessionalClaim {
  if (!visit.coverage) throw new Error('a claim needs insurance coverage; this visit is self-pay');
  const coverage = coveragesOnFile(visit)[billing.coverageIndex ?? 0];
  if (!coverage) throw new Error(`the visit has no coverage number ${billing.coverageIndex}`);
  const patientIsSubscriber = coverage.relationship === 'self';
  const subscriberPerson = patientIsSubscriber ? visit.patient : coverage.subscriber;
  if (!subscriberPerson)
    throw new Error('coverage.subscriber is required when the patient is not the subscriber');
  const person = (p: typeof subscriberPerson) => ({
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    address: p.address,
  });
  const lines = coding.lines.map((line, index) => ({
    ...line,
    lineControlNumber: lineControlNumber(pcn, index + 1),
  }));
  return {
    patientControlNumber: pcn,
    frequencyCode: frequency.code,
    originalPayerClaimNumber: frequency.originalPayerClaimNumber,
    placeOfService: visit.encounter.placeOfService,
    dateOfService: visit.dateOfService,
    ...(billing.priorAuthorizationNumber
      ? { priorAuthorizationNumber: billing.priorAuthorizationNumber }
      : {}),
    payer: {
      payerId: coverage.payerId,
      name: coverage.payerName,
      payerType: billing.payerType ?? coverage.payerType,
    },
    subscriber: {
      ...person(subscriberPerson),
      memberId: coverage.memberId,
      groupNumber: coverage.groupNumber,
    },
    patient:
      patientIsSubscriber || coverage.relationship === 'self'
        ? undefined
        : { ...person(visit.patient), relationship: coverage.relationship },
    renderingProvider: visit.renderingProvider,
    diagnosisCodes: coding.diagnosisCodes,
    lines,
    totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    ...(billing.payerSequence && billing.payerSequence !== 'P'
      ? {
          payerSequence: billing.payerSequence,
          priorPayers: (billing.priorPayers ?? []).map((p) => priorPayerOf(visit, p)),
        }
      : {}),
  };
}

/** A stored prior payer's figures with that coverage's payer and subscriber (2320/2330A/2330B). */
function priorPayerOf(visit: VisitCompletedEvent, figures: PriorPayerFigures): PriorPayerAdjudication {
  const coverage = coveragesOnFile(visit)[figures.coverageIndex];
  if (!coverage) throw new Error(`the visit has no coverage number ${figures.coverageIndex}`);
  const person = coverage.relationship === 'self' ? visit.patient : coverage.subscriber;
  if (!person) throw new Error('coverage.subscriber is required when the patient is not the subscriber');
  const { coverageIndex: _index, ...adjudication } = figures;
  return {
    ...adjudication,
    payer: { payerId: coverage.payerId, name: coverage.payerName, payerType: coverage.payerType },
    subscriber: {
      firstName: person.firstName,
      lastName: person.lastName,
      memberId: coverage.memberId,
      ...(coverage.groupNumber ? { groupNumber: coverage.groupNumber } : {}),
    },
    relationship: coverage.relationship,
  };
}
