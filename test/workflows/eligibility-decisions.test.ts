import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities, type ActivityDependencies, type BillingActivities } from '../../activities';
import type { ClaimBatch } from '../../src/claims/types';
import type { Clearinghouse } from '../../src/clearinghouse/types';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { CodingResult } from '../../src/coding/types';
import type { DecisionPolicyFile } from '../../src/decision/policy-config';
import type { ReviewReasonCode } from '../../src/decision/reasons';
import type { EligibilityRequest, EligibilityResult } from '../../src/eligibility/types';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { VisitCompletedEventSchema, type VisitDocumentInput } from '../../src/visit/schema';
import { write837P } from '../../src/x12';
import { reviewDecisionSignal } from '../../workflows/messages';
import { ReviewReasonsKey } from '../../workflows/search-attributes';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { timeSkippingEnvironment } from '../support/temporal';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { envelope } from '../x12/fixtures';
import { codedVisit, mockActivities, type ActivityCalls } from './mock-activities';
import { deliverAcceptanceAndPayment, runVisit, waitForStatus, type VisitHandle } from './visit-runner';

/**
 * The visit workflow on the time-skipping server with the real eligibility and decision activities
 * (270/271 through a scripted clearinghouse, coverage fallback, cache, policy) over PostgreSQL;
 * coding and the claim cycle are stand-ins unless a test uses the real ones.
 */
let env: TestWorkflowEnvironment;
let database: TestDatabase;
beforeAll(async () => {
  [env, database] = await Promise.all([timeSkippingEnvironment(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([env?.teardown(), database?.drop()]);
});

type Answer = (request: EligibilityRequest) => EligibilityResult;
const active: EligibilityResult = {
  status: 'active',
  planName: 'TEST PPO',
  copayCents: 4000,
  deductibleRemainingCents: 0,
  coinsuranceBasisPoints: 2000,
  outOfPocketRemainingCents: 500000,
  priorAuthRequiredFor: [],
  errors: [],
};
const inactive: EligibilityResult = {
  status: 'inactive',
  coverageEnd: '2025-12-31',
  priorAuthRequiredFor: [],
  errors: [],
};
const aaa = (code: string): EligibilityResult => ({
  status: 'error',
  priorAuthRequiredFor: [],
  errors: [{ code, message: `AAA ${code}` }],
});

/** A clearinghouse that answers 270s by script and records every 270 and 837P batch. */
function scriptedClearinghouse(answer: Answer) {
  const inquiries: EligibilityRequest[] = [];
  const batches: ClaimBatch[] = [];
  const clearinghouse: Clearinghouse = {
    name: 'scripted',
    checkEligibility: (request) => {
      inquiries.push(request);
      return Promise.resolve(answer(request));
    },
    submitClaims: (batch) => {
      batches.push(batch);
      return Promise.resolve({ submissionId: `SUB-${batches.length}`, newlyAccepted: true });
    },
    getClaimStatus: () => Promise.reject(new Error('not scripted')),
    listInbound: () => Promise.resolve({ documents: [], nextCursor: null }),
    fetchDocument: () => Promise.reject(new Error('not scripted')),
  };
  return { clearinghouse, inquiries, batches };
}

let visits = 0;
async function fileVisit(over: Partial<VisitDocumentInput> = {}): Promise<string> {
  const visitId = `EL${++visits}`;
  // A patient of its own per visit, so one test's cached 271 never answers another's.
  const fixture = actinicKeratosisVisit(visitId);
  const patient = { ...fixture.patient, id: `MRN-${visitId}` };
  const document = VisitCompletedEventSchema.parse({ ...fixture, patient, ...over });
  await database.db.visit.create({
    data: {
      id: visitId,
      practiceId: document.practiceId,
      dateOfService: new Date(`${document.dateOfService}T00:00:00Z`),
      payerId: document.coverage?.payerId ?? null,
      document: document as object,
      workflowId: `visit-${visitId}`,
    },
  });
  return visitId;
}

interface Setup {
  answer?: Answer;
  policy?: Partial<DecisionPolicyFile>;
  coding?: CodingResult;
  realClaims?: boolean;
  /** The payer never answers: the test lets the eligibility deadline pass. */
  payerSilent?: boolean;
}

function activitiesFor(setup: Setup, calls: ActivityCalls) {
  const scripted = scriptedClearinghouse(setup.answer ?? (() => active));
  const deps: ActivityDependencies = {
    db: database.db,
    clearinghouse: scripted.clearinghouse,
    clock: () => new Date('2026-11-25T12:00:00Z'),
    practice: demoPracticeProfile,
    feeSchedule: defaultFeeSchedule,
    decisionPolicy: {
      autoSubmitMinConfidence: 0.85,
      file: { defaults: {}, payers: {}, practices: {}, ...setup.policy },
    },
    allowedAmounts: { payers: { BCBS1: { codes: {}, percentOfChargesBasisPoints: 7500 } } },
  };
  const real = createActivities(deps);
  if (process.env.DEBUG_ACTIVITIES)
    for (const [name, fn] of Object.entries(real))
      (real as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        try {
          return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        } catch (error) {
          console.log(name, error);
          throw error;
        }
      };
  const realClaims = setup.realClaims ? { createClaim: real.createClaim, submitClaim: real.submitClaim } : {};
  const activities: BillingActivities = mockActivities(calls, {
    checkEligibility: real.checkEligibility,
    decideClaimRoute: real.decideClaimRoute,
    codeVisit: () => Promise.resolve(setup.coding ?? codedVisit),
    openReviewTask: real.openReviewTask,
    ...realClaims,
  });
  return { activities, ...scripted };
}

/** Runs the visit to its open review, reads the task and search attribute, then rejects it. */
async function reviewOf(visitId: string, setup: Setup, options: { payerSilent?: boolean } = {}) {
  const { activities, inquiries } = activitiesFor(setup, []);
  let review: { reasons: string[]; reasonCodes?: string[]; attribute?: string[] } | undefined;
  await runVisit(
    env,
    activities,
    async (handle: VisitHandle) => {
      // Time skips only while the test waits on the server: past the 4-hour eligibility deadline.
      if (options.payerSilent) await env.sleep('5 hours');
      const state = await waitForStatus(handle, 'needs_review');
      const described = await handle.describe();
      review = {
        reasons: state.openReview?.reasons ?? [],
        reasonCodes: state.openReview?.reasonCodes,
        attribute: described.typedSearchAttributes.get(ReviewReasonsKey),
      };
      await handle.signal(reviewDecisionSignal, { action: 'reject', reviewer: 'biller-7', note: 'test' });
    },
    { visitId },
  );
  const task = await database.db.reviewTask.findFirstOrThrow({ where: { visitId } });
  return { ...review!, storedCodes: task.reasonCodes, inquiries };
}

const lines = codedVisit.lines;
const cases: Array<[ReviewReasonCode, Setup, Partial<VisitDocumentInput>?]> = [
  ['low_confidence', { coding: { ...codedVisit, confidence: { score: 0.4, factors: [] } } }],
  [
    'coding_error',
    {
      coding: {
        ...codedVisit,
        findings: [{ ruleId: 'MUE', severity: 'error', message: 'units', evidence: [] }],
      },
    },
  ],
  ['eligibility_unconfirmed', { answer: () => aaa('42'), payerSilent: true }],
  [
    'eligibility_inactive',
    { answer: () => inactive, policy: { defaults: { whenNoActiveCoverage: 'review' } } },
  ],
  ['eligibility_rejected', { answer: () => aaa('72') }],
  ['prior_auth_missing', { answer: () => ({ ...active, priorAuthRequiredFor: ['17000'] }) }],
  ['over_dollar_threshold', { policy: { payers: { BCBS1: { reviewAboveCents: 10000 } } } }],
  ['unlisted_code', { coding: { ...codedVisit, lines: [lines[0]!, { ...lines[1]!, code: '17999' }] } }],
  ['watched_modifier', { policy: { payers: { BCBS1: { watchModifiers: true } } } }],
  ['first_claim_for_payer', { policy: { defaults: { reviewFirstClaimForPayer: true } } }],
  ['first_visit_with_coverage', { policy: { defaults: { reviewFirstVisitWithCoverage: true } } }],
  ['timely_filing_near', {}, { dateOfService: '2025-12-10', completedAt: '2025-12-10T17:00:00Z' }],
  [
    'line_without_charge',
    { coding: { ...codedVisit, lines: [lines[0]!, { ...lines[1]!, chargeCents: 0 }] } },
  ],
  [
    'line_without_diagnosis',
    { coding: { ...codedVisit, lines: [lines[0]!, { ...lines[1]!, diagnosisPointers: [] }] } },
  ],
];

describe('each decision reason reaches the review task, its stored codes and the ReviewReasons attribute', () => {
  test.each(cases)('%s', async (code, setup, document = {}) => {
    const visitId = await fileVisit(document);
    const review = await reviewOf(visitId, setup, { payerSilent: setup.payerSilent });
    expect(review.reasonCodes).toEqual([code]);
    expect(review.storedCodes).toEqual([code]);
    expect(review.attribute).toEqual([code]);
    expect(review.reasons).toHaveLength(1);
  });
});

describe('AAA rejections say what a person must fix', () => {
  test.each([
    ['72', /member id/],
    ['71', /name or date of birth does not match/],
    ['51', /enrolment/],
  ])('AAA %s', async (code, sentence) => {
    const review = await reviewOf(await fileVisit(), { answer: () => aaa(code) });
    expect(review.reasons[0]).toMatch(new RegExp(`^AAA ${code} `));
    expect(review.reasons[0]).toMatch(sentence);
    expect(review.inquiries).toHaveLength(1); // a person must fix it: not asked again
  });

  test('a payer not responding is asked again with backoff, then the visit goes to review unconfirmed', async () => {
    const review = await reviewOf(await fileVisit(), { answer: () => aaa('80') }, { payerSilent: true });
    expect(review.inquiries.length).toBeGreaterThan(3);
    expect(review.reasonCodes).toEqual(['eligibility_unconfirmed']);
    expect(review.reasons[0]).toMatch(/not confirmed within 4 hours/);
  });
});

const secondCoverage = {
  otherCoverages: [
    {
      payerId: 'BCBS1',
      payerName: 'SANDBOX BLUE PPO',
      payerType: 'commercial' as const,
      memberId: 'SEC123',
      relationship: 'self' as const,
    },
  ],
};

test('an inactive primary falls back to the coverage on file: the claim, its 837P and estimate go to the second payer', async () => {
  const visitId = await fileVisit({
    coverage: {
      payerId: 'MCR01',
      payerName: 'SANDBOX MEDICARE',
      payerType: 'medicare',
      memberId: 'OLD1',
      relationship: 'self',
    },
    ...secondCoverage,
  });
  const { activities, inquiries, batches } = activitiesFor(
    { answer: (r) => (r.payerId === 'MCR01' ? inactive : active), realClaims: true },
    [],
  );
  const { result } = await runVisit(
    env,
    activities,
    async (handle) => {
      const state = await waitForStatus(handle, 'submitted');
      await deliverAcceptanceAndPayment(handle, state.patientControlNumber);
    },
    { visitId },
  );
  expect(inquiries.map((i) => `${i.payerId}/${i.memberId}`)).toEqual(['MCR01/OLD1', 'BCBS1/SEC123']);
  expect(batches[0]!.claims[0]!.payer).toEqual({
    payerId: 'BCBS1',
    name: 'SANDBOX BLUE PPO',
    payerType: 'commercial',
  });
  expect(batches[0]!.claims[0]!.subscriber.memberId).toBe('SEC123');
  const claim = await database.db.claim.findFirstOrThrow({ where: { visitId } });
  expect(claim).toMatchObject({ payerId: 'BCBS1', coverageIndex: 1 });
  // 99213: 75% of 135.00 → copay 40.00; 17000: 75% of 120.00 = 90.00 → 20% = 18.00
  expect(result.patientEstimate?.totalCents).toBe(5800);
  expect(claim.patientEstimateCents).toBe(5800);
});

test('no active coverage on file bills the patient, with the reason', async () => {
  const visitId = await fileVisit(secondCoverage);
  const { activities } = activitiesFor({ answer: () => inactive }, []);
  const { result } = await runVisit(env, activities, () => Promise.resolve(), { visitId });
  expect(result.decision?.action).toBe('self_pay');
  expect(result.decision?.reasonCodes).toEqual(['no_active_coverage']);
  expect(result.decision?.reasons[0]).toMatch(
    /^No active coverage on file \(SANDBOX BLUE PPO coverage is inactive \(ended 2025-12-31\); SANDBOX BLUE PPO coverage is inactive/,
  );
  expect(result.patientEstimate).toMatchObject({ basis: 'self_pay', totalCents: 25500 });
});

test('the 271 answer is cached per patient, payer and week: a repeat visit that week asks once', async () => {
  const { patient: base, coverage } = actinicKeratosisVisit('cache', 'MBR-CACHE-1');
  const patient = { ...base, id: 'MRN-CACHE-1' };
  const { activities, inquiries } = activitiesFor({}, []);
  const run = async (dateOfService: string) => {
    const visitId = await fileVisit({
      patient,
      coverage,
      dateOfService,
      completedAt: `${dateOfService}T17:00:00Z`,
    });
    await runVisit(
      env,
      activities,
      async (h) => {
        const state = await waitForStatus(h, 'submitted');
        await deliverAcceptanceAndPayment(h, state.patientControlNumber);
      },
      { visitId },
    );
  };
  await run('2026-11-16'); // Monday
  await run('2026-11-20'); // Friday, same week
  expect(inquiries).toHaveLength(1);
  await run('2026-11-23'); // the next Monday
  expect(inquiries).toHaveLength(2);
  expect(
    await database.db.eligibilityCacheEntry.count({ where: { patientKey: 'PRAC-001:MRN-CACHE-1' } }),
  ).toBe(2);
});

test('a prior authorization number from the EHR reaches the 837P as REF*G1, and a missing one holds the claim', async () => {
  const needsAuth: Answer = () => ({ ...active, priorAuthRequiredFor: ['17000'] });
  const visitId = await fileVisit({
    priorAuthorizations: [{ number: 'PA-17000-55', procedureCodes: ['17000'] }],
  });
  const { activities, batches } = activitiesFor({ answer: needsAuth, realClaims: true }, []);
  const { result } = await runVisit(
    env,
    activities,
    async (handle) => {
      const state = await waitForStatus(handle, 'submitted');
      await deliverAcceptanceAndPayment(handle, state.patientControlNumber);
    },
    { visitId },
  );
  expect(result.decision?.reasonCodes).toEqual(['clean_claim']);
  expect(batches[0]!.claims[0]!.priorAuthorizationNumber).toBe('PA-17000-55');
  expect(write837P(batches[0]!, { envelope })).toContain('REF*G1*PA-17000-55~');

  const held = await fileVisit();
  const review = await reviewOf(held, { answer: needsAuth });
  expect(review.reasonCodes).toEqual(['prior_auth_missing']);
});

test('staff approving with an authorization number send it on the claim', async () => {
  const visitId = await fileVisit();
  const { activities, batches } = activitiesFor(
    { answer: () => ({ ...active, priorAuthRequiredFor: ['17000'] }), realClaims: true },
    [],
  );
  await runVisit(
    env,
    activities,
    async (handle) => {
      await waitForStatus(handle, 'needs_review');
      await handle.signal(reviewDecisionSignal, {
        action: 'approve',
        reviewer: 'biller-7',
        priorAuthorizationNumber: 'STAFF-PA-9',
      });
      const state = await waitForStatus(handle, 'submitted');
      await deliverAcceptanceAndPayment(handle, state.patientControlNumber);
    },
    { visitId },
  );
  expect(batches[0]!.claims[0]!.priorAuthorizationNumber).toBe('STAFF-PA-9');
});
