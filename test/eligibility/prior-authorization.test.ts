import { buildProfessionalClaim } from '../../src/claims/build-claim';
import type { CodingResult } from '../../src/coding/types';
import {
  codesLackingAuthorization,
  priorAuthorizationNumberFor,
} from '../../src/eligibility/prior-authorization';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { parseX12, transactionsOf, write837P } from '../../src/x12';
import { validateWithPyx12 } from '../support/pyx12';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { envelope } from '../x12/fixtures';

const mohs: CodingResult = {
  diagnosisCodes: ['C44.311'],
  lines: [
    { code: '17311', modifiers: [], units: 1, chargeCents: 90000, diagnosisPointers: [1], label: 'Mohs' },
  ],
  selfPayLines: [],
  findings: [],
  pathologyHold: null,
  confidence: { score: 0.95, factors: [] },
  providerDifferences: [],
};

test('the EHR authorization covering a billed code, or a staff number, is the claim number', () => {
  const onFile = [
    { number: 'PA-PHOTO-1', procedureCodes: ['96910'] },
    { number: 'PA-MOHS-7', procedureCodes: ['17311', '17312'] },
  ];
  expect(priorAuthorizationNumberFor(onFile, ['17311'])).toBe('PA-MOHS-7');
  expect(priorAuthorizationNumberFor(onFile, ['11102'])).toBeUndefined();
  expect(priorAuthorizationNumberFor([{ number: 'VISIT-1', procedureCodes: [] }], ['11102'])).toBe('VISIT-1');
  expect(priorAuthorizationNumberFor(onFile, ['11102'], 'STAFF-9')).toBe('STAFF-9');
  expect(codesLackingAuthorization(['17311', '96910'], ['17311', '96910'], [onFile[1]!])).toEqual(['96910']);
  expect(codesLackingAuthorization(['17311'], ['11102'], [])).toEqual([]);
  expect(codesLackingAuthorization(['17311'], ['17311'], [], 'STAFF-9')).toEqual([]);
});

test('the authorization number goes out as REF*G1 in the claim loop (2300) and pyx12 accepts it', async () => {
  const visit = VisitCompletedEventSchema.parse({
    ...actinicKeratosisVisit('V-PA-1'),
    priorAuthorizations: [{ number: 'PA-MOHS-7', procedureCodes: ['17311'] }],
  });
  const number = priorAuthorizationNumberFor(visit.priorAuthorizations ?? [], ['17311']);
  const original = buildProfessionalClaim(
    visit,
    mohs,
    'D1A1',
    { code: '1' },
    { priorAuthorizationNumber: number },
  );
  const replacement = buildProfessionalClaim(
    visit,
    mohs,
    'D1A2',
    { code: '7', originalPayerClaimNumber: 'PAYER-1' },
    { priorAuthorizationNumber: number },
  );
  const { billingProvider, submitter, receiver } = demoPracticeProfile;
  const text = write837P(
    { billingProvider, submitter, receiver, claims: [original, replacement] },
    { envelope: { ...envelope, usage: 'P' } },
  );
  const ids = transactionsOf(parseX12(text))[0]!.transaction.segments.map((s) =>
    s.elements.slice(0, 2).join('*'),
  );
  const clm = ids.indexOf('CLM*D1A1');
  expect(ids.slice(clm + 1, clm + 2)).toEqual(['REF*G1']); // claim loop, right after CLM
  const clm2 = ids.indexOf('CLM*D1A2');
  expect(ids.slice(clm2 + 1, clm2 + 3)).toEqual(['REF*G1', 'REF*F8']); // X222A1 order: G1 before F8
  expect(text).toContain('REF*G1*PA-MOHS-7~');
  const { ok, output } = await validateWithPyx12(text);
  expect(output).not.toContain('Failure');
  expect(ok).toBe(true);
});
