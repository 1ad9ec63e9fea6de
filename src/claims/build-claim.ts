import type { CodingResult } from '../coding/types';
import type { VisitCompletedEvent } from '../visit/schema';
import type { ClaimFrequency, ProfessionalClaim } from './types';

/**
 * Patient control number (CLM01, max 20 chars in 5010 practice): visit id + attempt. It is opaque
 * (visit ids carry no PHI) and unique per submission attempt, so a corrected claim is a new CLM01.
 */
export function patientControlNumber(visitId: string, attempt: number): string {
  const base = visitId.replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
  return `${base}A${attempt}`;
}

export function lineControlNumber(pcn: string, lineNumber: number): string {
  return `${pcn}L${lineNumber}`;
}

/** Turns a coded visit into one professional claim (the 2000B/2300/2400 content of an 837P). */
export function buildProfessionalClaim(
  visit: VisitCompletedEvent,
  coding: CodingResult,
  attempt: number,
  frequency: { code: ClaimFrequency; originalPayerClaimNumber?: string } = { code: '1' },
): ProfessionalClaim {
  const coverage = visit.coverage;
  if (!coverage) throw new Error('a claim needs insurance coverage; this visit is self-pay');
  const pcn = patientControlNumber(visit.visitId, attempt);
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
    payer: { payerId: coverage.payerId, name: coverage.payerName, payerType: coverage.payerType },
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
  };
}
