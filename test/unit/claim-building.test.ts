import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { write837P } from '../../src/x12';
import { buildProfessionalClaim, patientControlNumber } from '../../src/claims/build-claim';
import { codeVisit } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { loadConfig } from '../../src/config';
import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { actinicKeratosisVisit } from '../support/visit-fixture';

test('patient control numbers are opaque, unique per visit and attempt by construction, and fit CLP01', () => {
  expect(patientControlNumber(123, 1)).toBe('D123A1');
  const seen = new Set<string>();
  for (const visit of [0, 1, 11, 12, 111, 9_999_999_999])
    for (const attempt of [1, 2, 11, 99_999_999]) seen.add(patientControlNumber(visit, attempt));
  expect(seen.size).toBe(6 * 4); // e.g. visit 1 attempt 11 and visit 11 attempt 1 stay apart
  expect(patientControlNumber(9_999_999_999, 99_999_999).length).toBeLessThanOrEqual(20);
  expect(() => patientControlNumber(1e10, 1)).toThrow(/does not fit/);
  expect(() => patientControlNumber(1, 0)).toThrow(/does not fit/);
});

test('a coded visit becomes one professional claim with line control numbers and totals', () => {
  const visit = VisitCompletedEventSchema.parse(actinicKeratosisVisit('V-77'));
  const coding = codeVisit(visit, { feeSchedule: defaultFeeSchedule });
  const claim = buildProfessionalClaim(visit, coding, 'D77A1');
  expect(claim.patientControlNumber).toBe('D77A1');
  expect(claim.lines.map((l) => l.lineControlNumber)).toEqual(['D77A1L1', 'D77A1L2', 'D77A1L3']);
  expect(claim.totalChargeCents).toBe(coding.lines.reduce((s, l) => s + l.chargeCents, 0));
  expect(claim.patient).toBeUndefined();
  expect(claim.subscriber.memberId).toBe(visit.coverage!.memberId);
});

test('a replacement claim carries frequency 7 and the payer claim number', () => {
  const visit = VisitCompletedEventSchema.parse(actinicKeratosisVisit('V-78'));
  const coding = codeVisit(visit, { feeSchedule: defaultFeeSchedule });
  const claim = buildProfessionalClaim(visit, coding, 'D78A2', {
    code: '7',
    originalPayerClaimNumber: 'PAYER-1',
  });
  expect([claim.frequencyCode, claim.originalPayerClaimNumber]).toEqual(['7', 'PAYER-1']);
});

test('configuration has embedded defaults and rejects nonsense with the setting named', () => {
  expect(loadConfig({}).temporal.uiPort).toBe(8233);
  expect(() => loadConfig({ REVIEW_REMINDER_INTERVAL: 'soon' })).toThrow(/REVIEW_REMINDER_INTERVAL/);
  expect(() => loadConfig({ EHR_WEBHOOK_SECRET: 'short' })).toThrow(/EHR_WEBHOOK_SECRET/);
});

test.each([
  ['medicare', 'MB'],
  ['medicare_advantage', '16'],
  ['medicaid', 'MC'],
  ['commercial', 'CI'],
] as const)('a %s claim is filed with SBR09 %s', (payerType, indicator) => {
  const input = actinicKeratosisVisit('V-79');
  const visit = VisitCompletedEventSchema.parse({ ...input, coverage: { ...input.coverage!, payerType } });
  const claim = buildProfessionalClaim(visit, codeVisit(visit, { feeSchedule: defaultFeeSchedule }), 'D1A1');
  const x12 = write837P(
    { ...demoPracticeProfile, claims: [claim] },
    {
      envelope: {
        senderId: 'DERMCLAIMS01',
        receiverId: 'SANDBOXCH',
        interchangeControlNumber: 1,
        groupControlNumber: 1,
        createdAt: new Date('2026-11-21T10:00:00Z'),
      },
    },
  );
  const sbr = x12.split('~').find((segment) => segment.trim().startsWith('SBR*'))!;
  expect(sbr.trim().split('*')[9]).toBe(indicator);
});
