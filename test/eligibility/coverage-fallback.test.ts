import { cacheable, weekStartOf } from '../../src/eligibility/cache';
import { nextCoverageStep, type CoverageOnFile } from '../../src/eligibility/coverage-fallback';
import type { EligibilityResult } from '../../src/eligibility/types';

const coverages: CoverageOnFile[] = [
  { payerId: 'MCB01', payerName: 'Medicare Part B', payerType: 'medicare' },
  { payerId: 'BCBS1', payerName: 'Blue Plan', payerType: 'commercial' },
  { payerId: 'MAPL1', payerName: 'Sunshine Medicare Advantage', payerType: 'medicare' },
];
const active: EligibilityResult = { status: 'active', priorAuthRequiredFor: [], errors: [] };
const inactive: EligibilityResult = { ...active, status: 'inactive', coverageEnd: '2025-12-31' };
const answer = (coverageIndex: number, result: EligibilityResult) => ({
  coverageIndex,
  result,
  fromCache: false,
});

test('the primary on file is asked first and an active primary settles it', () => {
  expect(nextCoverageStep(coverages, [])).toEqual({ ask: 0 });
  const step = nextCoverageStep(coverages, [answer(0, active)]);
  expect(step).toMatchObject({ settled: { status: 'active', coverageIndex: 0, claimPayerType: 'medicare' } });
});

test('an inactive primary falls back to the next coverage on file', () => {
  expect(nextCoverageStep(coverages, [answer(0, inactive)])).toEqual({ ask: 1 });
  const step = nextCoverageStep(coverages, [answer(0, inactive), answer(1, active)]);
  expect(step).toMatchObject({ settled: { coverageIndex: 1, claimPayerType: 'commercial' } });
  if (!('settled' in step)) throw new Error('not settled');
  expect(step.settled.attempts?.[0]?.skippedBecause).toBe(
    'Medicare Part B coverage is inactive (ended 2025-12-31)',
  );
});

test('a 271 naming another primary asks that payer first, and its Medicare Advantage answer wins', () => {
  const medicare = {
    ...active,
    otherPayers: [{ payerName: 'SUNSHINE MEDICARE ADVANTAGE', payerId: 'MAPL1', isPrimary: true }],
  };
  expect(nextCoverageStep(coverages, [answer(0, medicare)])).toEqual({ ask: 2 });
  const advantage = { ...active, insuranceType: { code: 'HN', medicare: 'advantage' as const } };
  const step = nextCoverageStep(coverages, [answer(0, medicare), answer(2, advantage)]);
  expect(step).toMatchObject({ settled: { coverageIndex: 2, claimPayerType: 'medicare_advantage' } });
});

test('another primary that is not on file needs a person', () => {
  const only = [coverages[1]!];
  const named = { ...active, otherPayers: [{ payerName: 'ELSEWHERE', isPrimary: true }] };
  const step = nextCoverageStep(only, [answer(0, named)]);
  expect(step).toMatchObject({ settled: { status: 'error', errors: [{ code: 'OTHER_PRIMARY' }] } });
});

test('no active coverage bills the patient with the reason; a rejection stops the search', () => {
  const step = nextCoverageStep(coverages.slice(0, 2), [answer(0, inactive), answer(1, inactive)]);
  if (!('settled' in step)) throw new Error('not settled');
  expect(step.settled.status).toBe('inactive');
  expect(step.settled.selfPayReason).toMatch(
    /^No active coverage on file \(Medicare Part B coverage is inactive/,
  );
  const rejected = { ...active, status: 'error' as const, errors: [{ code: '72', message: 'bad id' }] };
  expect(nextCoverageStep(coverages, [answer(0, rejected)])).toMatchObject({ settled: { status: 'error' } });
});

test('the cache week starts on Monday; only answers are cached', () => {
  expect(weekStartOf('2026-11-18')).toBe('2026-11-16'); // a Wednesday
  expect(weekStartOf('2026-11-16')).toBe('2026-11-16');
  expect(weekStartOf('2026-11-22')).toBe('2026-11-16'); // Sunday closes the week
  expect(weekStartOf('2026-11-23')).toBe('2026-11-23');
  expect(cacheable(active)).toBe(true);
  expect(cacheable({ ...active, status: 'error' })).toBe(false);
});
