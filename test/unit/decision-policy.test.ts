import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CodingResult } from '../../src/coding/types';
import { decideClaimRoute, type DecisionContext } from '../../src/decision/decide-claim-route';
import {
  configuredDecisionPolicy,
  DEFAULT_POLICY_SETTINGS,
  loadDecisionPolicyFile,
  settingsFor,
  type DecisionPolicyFile,
} from '../../src/decision/policy-config';
import { reviewReasonCodes, type DecisionReasonCode } from '../../src/decision/reasons';
import { classifyRejection } from '../../src/eligibility/rejections';
import type { VisitEligibility } from '../../src/eligibility/types';

const coding: CodingResult = {
  diagnosisCodes: ['L57.0', 'L30.9'],
  lines: [
    { code: '99213', modifiers: ['25'], units: 1, chargeCents: 13500, diagnosisPointers: [2], label: 'E/M' },
    { code: '17000', modifiers: [], units: 1, chargeCents: 12000, diagnosisPointers: [1], label: 'AK' },
  ],
  selfPayLines: [],
  findings: [],
  pathologyHold: null,
  confidence: { score: 0.97, factors: [] },
  providerDifferences: [],
};
const active: VisitEligibility = { status: 'active', priorAuthRequiredFor: [], errors: [], coverageIndex: 0 };
const context: DecisionContext = {
  practiceId: 'PRAC-1',
  payerId: 'BCBS1',
  dateOfService: '2026-11-20',
  today: '2026-11-25',
  lacksAuthorization: [],
  firstClaimForPayer: false,
  firstVisitWithCoverage: false,
};
const file = (over: Partial<DecisionPolicyFile>): DecisionPolicyFile => ({
  defaults: {},
  payers: {},
  practices: {},
  ...over,
});
const policy = { autoSubmitMinConfidence: 0.85 };
const codesOf = (...args: Parameters<typeof decideClaimRoute>) => decideClaimRoute(...args).reasonCodes;

test('a clean claim is submitted with the clean-claim reason', () => {
  expect(decideClaimRoute(coding, active, policy, context)).toMatchObject({
    action: 'submit',
    reasonCodes: ['clean_claim'],
  });
});

/** One case per review reason: what makes it, under which policy. */
const cases: Array<[DecisionReasonCode, Parameters<typeof decideClaimRoute>]> = [
  ['low_confidence', [{ ...coding, confidence: { score: 0.5, factors: [] } }, active, policy, context]],
  [
    'coding_error',
    [
      { ...coding, findings: [{ ruleId: 'MUE', severity: 'error', message: 'units', evidence: [] }] },
      active,
      policy,
      context,
    ],
  ],
  [
    'eligibility_unconfirmed',
    [
      coding,
      { ...active, status: 'error', unconfirmed: true, errors: [{ code: 'UNCONFIRMED', message: 'x' }] },
      policy,
      context,
    ],
  ],
  [
    'eligibility_inactive',
    [
      coding,
      { ...active, status: 'inactive', selfPayReason: 'No active coverage on file.' },
      { ...policy, file: file({ defaults: { whenNoActiveCoverage: 'review' } }) },
      context,
    ],
  ],
  [
    'eligibility_rejected',
    [
      coding,
      {
        ...active,
        status: 'error',
        errors: [{ code: '72', message: 'id' }],
        rejections: [classifyRejection('72')],
      },
      policy,
      context,
    ],
  ],
  ['prior_auth_missing', [coding, active, policy, { ...context, lacksAuthorization: ['17000'] }]],
  [
    'over_dollar_threshold',
    [coding, active, { ...policy, file: file({ payers: { BCBS1: { reviewAboveCents: 20000 } } }) }, context],
  ],
  [
    'unlisted_code',
    [{ ...coding, lines: [{ ...coding.lines[1]!, code: '17999' }] }, active, policy, context],
  ],
  [
    'watched_modifier',
    [coding, active, { ...policy, file: file({ payers: { BCBS1: { watchModifiers: true } } }) }, context],
  ],
  [
    'first_claim_for_payer',
    [
      coding,
      active,
      { ...policy, file: file({ defaults: { reviewFirstClaimForPayer: true } }) },
      { ...context, firstClaimForPayer: true },
    ],
  ],
  [
    'first_visit_with_coverage',
    [
      coding,
      active,
      {
        ...policy,
        file: file({ practices: { 'PRAC-1': { reviewFirstVisitWithCoverage: true, payers: {} } } }),
      },
      { ...context, firstVisitWithCoverage: true },
    ],
  ],
  ['timely_filing_near', [coding, active, policy, { ...context, today: '2027-11-01' }]],
  [
    'line_without_charge',
    [{ ...coding, lines: [{ ...coding.lines[1]!, chargeCents: 0 }] }, active, policy, context],
  ],
  [
    'line_without_diagnosis',
    [{ ...coding, lines: [{ ...coding.lines[1]!, diagnosisPointers: [] }] }, active, policy, context],
  ],
];

test('every review reason code has a case', () => {
  expect(cases.map(([code]) => code).sort()).toEqual([...reviewReasonCodes].sort());
});

test.each(cases)('%s sends the claim to review with that code and a sentence', (code, args) => {
  const route = decideClaimRoute(...args);
  expect(route.action).toBe('review');
  expect(route.reasonCodes).toEqual([code]);
  expect(route.reasons).toHaveLength(1);
  expect(route.reasons[0]).toMatch(/^[A-Z].{10,}/);
});

test('the policy levels: defaults ← payer ← practice ← practice for the payer', () => {
  const layered = file({
    defaults: { reviewAboveCents: 1000 },
    payers: { BCBS1: { reviewAboveCents: 2000, watchModifiers: true } },
    practices: { 'PRAC-1': { reviewAboveCents: 3000, payers: { BCBS1: { watchModifiers: false } } } },
  });
  expect(settingsFor(layered, 'PRAC-2', 'BCBS1')).toMatchObject({
    reviewAboveCents: 2000,
    watchModifiers: true,
  });
  expect(settingsFor(layered, 'PRAC-1', 'BCBS1')).toMatchObject({
    reviewAboveCents: 3000,
    watchModifiers: false,
  });
  expect(settingsFor(layered, 'PRAC-1', 'AETN1')).toMatchObject({
    reviewAboveCents: 3000,
    watchModifiers: false,
  });
  expect(settingsFor(file({}), 'X', null)).toEqual(DEFAULT_POLICY_SETTINGS);
  // The watch list is per payer: the same claim goes out for a payer that is not on it.
  expect(
    codesOf(
      coding,
      active,
      { ...policy, file: layered },
      { ...context, practiceId: 'PRAC-2', payerId: 'AETN1' },
    ),
  ).toEqual(['over_dollar_threshold']);
});

test('no active coverage bills the patient with the reason; AAA classes each say what to fix', () => {
  const none = {
    ...active,
    status: 'inactive' as const,
    selfPayReason: 'No active coverage on file (A inactive).',
  };
  expect(decideClaimRoute(coding, none, policy, context)).toEqual({
    action: 'self_pay',
    reasons: ['No active coverage on file (A inactive).'],
    reasonCodes: ['no_active_coverage'],
  });
  const rejected = (code: string) => ({
    ...active,
    status: 'error' as const,
    errors: [],
    rejections: [classifyRejection(code)],
  });
  expect(decideClaimRoute(coding, rejected('71'), policy, context).reasons[0]).toMatch(
    /^AAA 71 .*date of birth/,
  );
  expect(decideClaimRoute(coding, rejected('51'), policy, context).reasons[0]).toMatch(/^AAA 51 .*enrolment/);
  expect(codesOf(coding, rejected('42'), policy, context)).toEqual(['eligibility_unconfirmed']);
});

test('the shipped policy file is valid and a broken one stops the start, naming the problem', () => {
  expect(configuredDecisionPolicy.defaults.timelyFilingDays).toBe(365);
  const dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(
    bad,
    JSON.stringify({ defaults: { reviewAboveCents: -1, unlistedCodePatterns: ['('] }, extra: 1 }),
  );
  expect(() => loadDecisionPolicyFile(bad)).toThrow(/decision policy .* is invalid: .*reviewAboveCents/);
  writeFileSync(bad, JSON.stringify({ defaults: { unlistedCodePatterns: ['('] } }));
  expect(() => loadDecisionPolicyFile(bad)).toThrow(/unlistedCodePatterns.0: not a regular expression/);
  expect(() => loadDecisionPolicyFile(path.join(dir, 'missing.json'))).toThrow(/cannot be read/);
});
