import { computeRevenueCycleMetrics, type ClaimFacts } from '../../src/metrics/revenue-cycle';

const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const claim = (over: Partial<ClaimFacts>): ClaimFacts => ({
  attempt: 1,
  dateOfService: day(1),
  submittedAt: day(3),
  acknowledged: true,
  rejected: false,
  adjudicated: true,
  denied: false,
  ...over,
});

test('first-pass acceptance, denial rate, claim lag and days in A/R', () => {
  const metrics = computeRevenueCycleMetrics({
    claims: [
      claim({}),
      claim({ rejected: true, adjudicated: false }),
      claim({ attempt: 2, submittedAt: day(6), denied: true }),
      claim({ submittedAt: day(2) }),
    ],
    chargesInWindowCents: 900_000,
    windowDays: 90,
    openInsuranceARCents: 150_000,
    openPatientARCents: 50_000,
    collectedCents: 400_000,
    openReviewTasks: 2,
  });
  expect(metrics.firstPassAcceptanceRate).toBeCloseTo(2 / 3);
  expect(metrics.denialRate).toBeCloseTo(1 / 3);
  expect(metrics.claimLagDays).toBeCloseTo((2 + 2 + 5 + 1) / 4);
  expect(metrics.daysInAR).toBeCloseTo(200_000 / 10_000);
  expect(metrics.claimsSubmitted).toBe(4);
});

test('no claims yet: rates are unknown, not zero', () => {
  const metrics = computeRevenueCycleMetrics({
    claims: [],
    chargesInWindowCents: 0,
    windowDays: 90,
    openInsuranceARCents: 0,
    openPatientARCents: 0,
    collectedCents: 0,
    openReviewTasks: 0,
  });
  expect([
    metrics.firstPassAcceptanceRate,
    metrics.denialRate,
    metrics.claimLagDays,
    metrics.daysInAR,
  ]).toEqual([null, null, null, null]);
});
