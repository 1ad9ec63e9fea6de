import type { ClaimLine } from '../../src/coding/types';
import {
  estimatePatientShare,
  noAllowedAmounts,
  type AllowedAmounts,
} from '../../src/eligibility/patient-estimate';
import type { EligibilityResult } from '../../src/eligibility/types';

const line = (code: string, chargeCents: number): ClaimLine => ({
  code,
  modifiers: [],
  units: 1,
  chargeCents,
  diagnosisPointers: [1],
  label: code,
});
const benefits: EligibilityResult = {
  status: 'active',
  priorAuthRequiredFor: [],
  errors: [],
  copayCents: 4000,
  deductibleRemainingCents: 5000,
  coinsuranceBasisPoints: 2000,
  outOfPocketRemainingCents: 500000,
};
const allowed: AllowedAmounts = {
  payers: { BCBS1: { codes: { '17000': 9000 }, percentOfChargesBasisPoints: 7500 } },
};
const estimate = (over: Partial<Parameters<typeof estimatePatientShare>[0]>) =>
  estimatePatientShare({
    lines: [line('99213', 13500), line('17000', 12000)],
    selfPayLines: [],
    payerId: 'BCBS1',
    eligibility: benefits,
    allowed,
    ...over,
  });

test('deductible first, then the copay on the E/M and coinsurance on the procedure, from allowed amounts', () => {
  // 99213: 75% of 135.00 = 101.25 → deductible 50.00, copay 40.00; 17000 allowed 90.00 → 20% = 18.00
  expect(estimate({})).toEqual({
    basis: 'benefits',
    allowedSource: 'payer_schedule',
    allowedCents: 10125 + 9000,
    copayCents: 4000,
    deductibleCents: 5000,
    coinsuranceCents: 1800,
    outOfPocketCapCents: 0,
    selfPayCents: 0,
    totalCents: 10800,
  });
});

test('charges stand in for unknown allowed amounts; the out-of-pocket left caps the insured share', () => {
  const charges = estimate({ allowed: noAllowedAmounts });
  expect(charges.allowedSource).toBe('charges');
  expect(charges.coinsuranceCents).toBe(2400);
  const capped = estimate({ eligibility: { ...benefits, outOfPocketRemainingCents: 6000 } });
  expect(capped.totalCents).toBe(6000);
  expect(capped.outOfPocketCapCents).toBe(4800);
});

test('cosmetic lines at their price, outside the cap; no coverage: everything at price', () => {
  const cosmetic = [line('J0585', 40000)];
  const withCosmetic = estimate({
    selfPayLines: cosmetic,
    eligibility: { ...benefits, outOfPocketRemainingCents: 0 },
  });
  expect(withCosmetic.totalCents).toBe(40000);
  expect(withCosmetic.selfPayCents).toBe(40000);
  const selfPay = estimate({ eligibility: null, payerId: null, selfPayLines: cosmetic });
  expect(selfPay).toMatchObject({ basis: 'self_pay', totalCents: 13500 + 12000 + 40000 });
  const unknown = estimate({ eligibility: { ...benefits, status: 'error' } });
  expect(unknown).toMatchObject({ basis: 'unconfirmed', totalCents: 0 });
  for (const e of [withCosmetic, selfPay, unknown]) expect(Number.isInteger(e.totalCents)).toBe(true);
});
