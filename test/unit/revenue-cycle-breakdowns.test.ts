import {
  agingBucketOf,
  computeClaimBreakdowns,
  weekStartOf,
  type ClaimMoneyFacts,
} from '../../src/metrics/breakdowns';
import { efficiencyScore } from '../../src/metrics/efficiency';

const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const now = day(30);
let seq = 0;
const claim = (over: Partial<ClaimMoneyFacts>): ClaimMoneyFacts => ({
  claimId: `C${++seq}`,
  payerId: 'BCBS1',
  attempt: 1,
  dateOfService: day(1),
  submittedAt: day(3),
  acknowledged: true,
  rejected: false,
  adjudicated: true,
  denied: false,
  chargeCents: 10_000,
  denialAdjustments: [],
  contractualCents: 2_000,
  paidCents: 8_000,
  firstPaymentAt: day(13),
  insuranceBalanceCents: 0,
  autoPosted: true,
  touchedByStaff: false,
  payerSequence: 'P',
  patientPaymentsCents: 0,
  ...over,
});

test('denials by dollars, CARC and payer; net collection; time to payment; auto-posted and touched shares', () => {
  const b = computeClaimBreakdowns(
    [
      claim({}),
      claim({
        payerId: 'AETNA',
        denied: true,
        chargeCents: 30_000,
        paidCents: 0,
        contractualCents: 0,
        firstPaymentAt: day(8),
        denialAdjustments: [{ code: 'CO-4', cents: 30_000 }],
        touchedByStaff: true,
      }),
      claim({ adjudicated: false, paidCents: 0, firstPaymentAt: null, insuranceBalanceCents: 5_000 }),
      claim({ autoPosted: false, submittedAt: day(10), firstPaymentAt: day(30) }),
    ],
    now,
  );
  expect(b.denialRateDollars).toBeCloseTo(30_000 / 50_000);
  expect(b.denialsByCarc).toEqual([{ code: 'CO-4', claims: 1, cents: 30_000 }]);
  expect(b.byPayer.map((p) => [p.payerId, p.claimsAdjudicated, p.claimsDenied, p.denialRate])).toEqual([
    ['AETNA', 1, 1, 1],
    ['BCBS1', 2, 0, 0],
  ]);
  expect(b.netCollectionRate).toBeCloseTo(16_000 / (50_000 - 4_000));
  expect(b.timeToPaymentDays).toBeCloseTo((10 + 5 + 20) / 3);
  expect(b.autoPostedShare).toBeCloseTo(1 / 2); // of the claims with money paid
  expect(b.staffTouchedShare).toBeCloseTo(1 / 4);
  expect(b.arAging).toEqual({ '0-30': 5_000, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 });
  expect(b.byPayer[1]!.aging['0-30']).toBe(5_000);
  expect(b.weekly.reduce((s, w) => s + w.submitted, 0)).toBe(4);
});

test('aging buckets and ISO weeks have the boundaries practices use', () => {
  expect([0, 30, 31, 60, 61, 90, 91, 120, 121].map(agingBucketOf)).toEqual([
    '0-30',
    '0-30',
    '31-60',
    '31-60',
    '61-90',
    '61-90',
    '91-120',
    '91-120',
    '120+',
  ]);
  expect(weekStartOf(new Date('2026-12-06T23:00:00Z'))).toBe('2026-11-30'); // a Sunday
  expect(weekStartOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-11-30');
});

test('the efficiency score weighs only the parts with data, and says its formula', () => {
  const none = efficiencyScore({
    firstPassAcceptanceRate: null,
    denialRate: null,
    netCollectionRate: null,
    staffTouchedShare: null,
    daysInAR: null,
  });
  expect(none.score).toBeNull();
  const some = efficiencyScore({
    firstPassAcceptanceRate: 0.9,
    denialRate: 0.1,
    netCollectionRate: null,
    staffTouchedShare: null,
    daysInAR: 70,
  });
  expect(some.score).toBeCloseTo((100 * (30 * 0.9 + 25 * 0.9 + 10 * 0.5)) / 65);
  expect(some.formula).toContain('30·first-pass acceptance rate');
});

test('net collection counts every payer and the patient once per visit: a secondary claim does not bill the charges again', () => {
  const b = computeClaimBreakdowns(
    [
      // Primary: $100 charged, $20 contractual, $64 paid; the patient paid $2 of what was left.
      claim({ chargeCents: 10_000, contractualCents: 2_000, paidCents: 6_400, patientPaymentsCents: 200 }),
      // The supplement paid $13.60 of the $16 the primary left; its OA-23 is the primary's impact.
      claim({ payerSequence: 'S', chargeCents: 10_000, contractualCents: 8_400, paidCents: 1_360 }),
    ],
    now,
  );
  expect(b.netCollectionRate).toBeCloseTo((6_400 + 1_360 + 200) / (10_000 - 2_000));
});
