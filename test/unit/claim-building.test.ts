import { buildProfessionalClaim, patientControlNumber } from '../../src/claims/build-claim';
import { codeVisit } from '../../src/coding';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { loadConfig } from '../../src/config';
import { VisitCompletedEventSchema } from '../../src/visit/schema';
import { actinicKeratosisVisit } from '../e2e/visit-fixture';

test('patient control numbers are opaque, unique per attempt and fit CLM01', () => {
  expect(patientControlNumber('V-2026-000123', 1)).toBe('V2026000123A1');
  expect(patientControlNumber('V-2026-000123', 2)).not.toBe(patientControlNumber('V-2026-000123', 1));
  expect(patientControlNumber('X'.repeat(64), 12).length).toBeLessThanOrEqual(20);
});

test('a coded visit becomes one professional claim with line control numbers and totals', () => {
  const visit = VisitCompletedEventSchema.parse(actinicKeratosisVisit('V-77'));
  const coding = codeVisit(visit, { feeSchedule: defaultFeeSchedule });
  const claim = buildProfessionalClaim(visit, coding, 1);
  expect(claim.patientControlNumber).toBe('V77A1');
  expect(claim.lines.map((l) => l.lineControlNumber)).toEqual(['V77A1L1', 'V77A1L2', 'V77A1L3']);
  expect(claim.totalChargeCents).toBe(coding.lines.reduce((s, l) => s + l.chargeCents, 0));
  expect(claim.patient).toBeUndefined();
  expect(claim.subscriber.memberId).toBe(visit.coverage!.memberId);
});

test('a replacement claim carries frequency 7 and the payer claim number', () => {
  const visit = VisitCompletedEventSchema.parse(actinicKeratosisVisit('V-78'));
  const coding = codeVisit(visit, { feeSchedule: defaultFeeSchedule });
  const claim = buildProfessionalClaim(visit, coding, 2, { code: '7', originalPayerClaimNumber: 'PAYER-1' });
  expect([claim.frequencyCode, claim.originalPayerClaimNumber]).toEqual(['7', 'PAYER-1']);
});

test('configuration has embedded defaults and rejects nonsense with the setting named', () => {
  expect(loadConfig({}).temporal.uiPort).toBe(8233);
  expect(() => loadConfig({ REVIEW_REMINDER_INTERVAL: 'soon' })).toThrow(/REVIEW_REMINDER_INTERVAL/);
  expect(() => loadConfig({ EHR_WEBHOOK_SECRET: 'short' })).toThrow(/EHR_WEBHOOK_SECRET/);
});
