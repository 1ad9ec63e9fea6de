import type { ClaimBatch, ProfessionalClaim } from '../../src/claims/types';
import type { EligibilityRequest } from '../../src/eligibility/types';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { validateWithPyx12 } from '../support/pyx12';

export const practice = demoPracticeProfile;

type LineInput = {
  code: string;
  chargeCents: number;
  modifiers?: string[];
  pointers?: number[];
  units?: number;
};

/** A claim for the sandbox; member id prefixes pick payer scenarios (docs/sandbox.md). */
export function claim(
  pcn: string,
  options: {
    memberId?: string;
    payerId?: string;
    diagnosisCodes?: string[];
    lines: LineInput[];
    dateOfService?: string;
    frequencyCode?: ProfessionalClaim['frequencyCode'];
    originalPayerClaimNumber?: string;
  },
): ProfessionalClaim {
  const lines = options.lines.map((line, i) => ({
    code: line.code,
    modifiers: line.modifiers ?? [],
    units: line.units ?? 1,
    chargeCents: line.chargeCents,
    diagnosisPointers: line.pointers ?? [1],
    label: '',
    lineControlNumber: `${pcn}L${i + 1}`,
  }));
  return {
    patientControlNumber: pcn,
    frequencyCode: options.frequencyCode ?? '1',
    ...(options.originalPayerClaimNumber
      ? { originalPayerClaimNumber: options.originalPayerClaimNumber }
      : {}),
    placeOfService: '11',
    dateOfService: options.dateOfService ?? '2026-02-20',
    payer: { payerId: options.payerId ?? 'BCBS1', name: 'SANDBOX BLUE PPO' },
    subscriber: {
      firstName: 'ANA',
      lastName: 'TESTER',
      dateOfBirth: '1970-05-01',
      sex: 'F',
      memberId: options.memberId ?? `M${pcn}`,
      address: { line1: '1 ELM ST', city: 'SPRINGFIELD', state: 'IL', postalCode: '62702' },
    },
    renderingProvider: { npi: '1609876549', firstName: 'RITA', lastName: 'DERM', taxonomy: '207N00000X' },
    diagnosisCodes: options.diagnosisCodes ?? ['L57.0'],
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
  };
}

export function batch(...claims: ProfessionalClaim[]): ClaimBatch {
  return {
    billingProvider: practice.billingProvider,
    submitter: practice.submitter,
    receiver: practice.receiver,
    claims,
  };
}

export function eligibilityRequest(memberId: string, procedureCodes: string[] = []): EligibilityRequest {
  return {
    payerId: 'BCBS1',
    memberId,
    providerNpi: practice.billingProvider.npi,
    subscriber: { firstName: 'ANA', lastName: 'TESTER', dateOfBirth: '1970-05-01' },
    dateOfService: '2026-02-20',
    serviceTypeCodes: ['30', '98'],
    procedureCodes,
  };
}

export async function expectPyx12Valid(text: string): Promise<void> {
  const { ok, output } = await validateWithPyx12(text);
  if (!ok) throw new Error(`pyx12 rejected the document:\n${output}\n---\n${text}`);
}

/** A settable clock. */
export function testClock(start = '2026-03-02T15:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}
