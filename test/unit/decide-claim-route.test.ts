import type { CodingResult } from '../../src/coding/types';
import { decideClaimRoute } from '../../src/decision/decide-claim-route';
import type { EligibilityResult } from '../../src/eligibility/types';

const coding: CodingResult = {
  diagnosisCodes: ['L57.0'],
  lines: [
    { code: '17000', modifiers: [], units: 1, chargeCents: 12000, diagnosisPointers: [1], label: 'AK' },
  ],
  selfPayLines: [],
  findings: [],
  pathologyHold: null,
  confidence: { score: 0.97, factors: [] },
  providerDifferences: [],
};
const active: EligibilityResult = { status: 'active', priorAuthRequiredFor: [], errors: [] };
const policy = { autoSubmitMinConfidence: 0.85 };

test('a clean, covered, confident claim is submitted automatically', () => {
  expect(decideClaimRoute(coding, active, policy).action).toBe('submit');
});

test('every reason to hold a claim is stated', () => {
  const route = decideClaimRoute(
    {
      ...coding,
      lines: [{ ...coding.lines[0]!, code: '17311', chargeCents: 0, diagnosisPointers: [] }],
      findings: [{ ruleId: 'MUE', severity: 'error', message: 'units above the MUE', evidence: [] }],
      confidence: { score: 0.5, factors: [] },
    },
    {
      status: 'inactive',
      priorAuthRequiredFor: ['17311'],
      errors: [{ code: '72', message: 'invalid member id' }],
    },
    policy,
  );
  expect(route).toEqual({
    action: 'review',
    reasons: [
      'Coding error MUE: units above the MUE',
      'coverage is inactive',
      'Prior authorization is required for 17311 and none is on file: the claim is held until a number is recorded.',
      'Coding confidence 0.50 is below 0.85.',
      'A claim line has no charge in the fee schedule.',
      'A claim line has no diagnosis pointer.',
    ],
    reasonCodes: [
      'coding_error',
      'eligibility_inactive',
      'prior_auth_missing',
      'low_confidence',
      'line_without_charge',
      'line_without_diagnosis',
    ],
  });
});

test('self-pay visits and cosmetic-only visits never become insurance claims', () => {
  expect(decideClaimRoute(coding, null, policy).action).toBe('self_pay');
  expect(decideClaimRoute({ ...coding, lines: [] }, active, policy).action).toBe('self_pay');
});

test('documentation that could not be coded goes to staff, even for a self-pay visit', () => {
  const uncodable = {
    ...coding,
    lines: [],
    findings: [{ ruleId: 'DOCUMENTATION', severity: 'error' as const, message: 'no lesion', evidence: [] }],
  };
  expect(decideClaimRoute(uncodable, null, policy).action).toBe('review');
});
