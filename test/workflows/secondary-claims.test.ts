import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { BillingActivities } from '../../activities';
import type { CreatedSecondaryClaim } from '../../activities/secondary-claims';
import { decideReviewUpdate, remittanceReceivedSignal } from '../../workflows/messages';
import { timeSkippingEnvironment } from '../support/temporal';
import { callsTo, mockActivities, type ActivityCalls } from './mock-activities';
import { deliverAcceptanceAndPayment, runVisit, waitForStatus } from './visit-runner';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

/** The visit has a secondary and a tertiary coverage: each settled claim leaves the patient a share. */
function nextPayers(calls: ActivityCalls, crossover = false): Partial<BillingActivities> {
  return {
    createSecondaryClaim: async (input) => {
      calls.push({ name: 'createSecondaryClaim', input });
      const { attempt } = input;
      if (attempt > 3) return null;
      const claim: CreatedSecondaryClaim = {
        claimId: `clm-${attempt}`,
        patientControlNumber: `PCN${attempt}`,
        totalChargeCents: 25500,
        payerSequence: attempt === 2 ? 'S' : 'T',
        transferredCents: 3825,
      };
      if (crossover && attempt === 2) claim.crossover = { crossedOverPcn: 'PCN1', payerId: 'SUPPL1' };
      return claim;
    },
  };
}

test('a paid primary with a patient share goes to the secondary, then the tertiary, then the patient', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, nextPayers(calls));
  const { result } = await runVisit(env, activities, async (h) => {
    for (const pcn of ['PCN1', 'PCN2', 'PCN3']) await deliverAcceptanceAndPayment(h, pcn);
  });
  expect(result.status).toBe('closed');
  expect(result.payerSequence).toBe('T');
  expect(result.history.map((h) => h.status)).toEqual([
    'coding',
    'eligibility',
    'submitted',
    'accepted',
    'paid',
    'submitted',
    'accepted',
    'paid',
    'submitted',
    'accepted',
    'paid',
    'patient_billed',
    'closed',
  ]);
  expect(callsTo(calls, 'createSecondaryClaim')).toEqual([
    { visitId: result.visitId, previousClaimId: 'clm-1', attempt: 2 },
    { visitId: result.visitId, previousClaimId: 'clm-2', attempt: 3 },
    { visitId: result.visitId, previousClaimId: 'clm-3', attempt: 4 },
  ]);
  expect(callsTo(calls, 'submitClaim')).toEqual([
    { claimId: 'clm-1' },
    { claimId: 'clm-2' },
    { claimId: 'clm-3' },
  ]);
  expect(callsTo(calls, 'postRemittance').map((c) => (c as { claimId: string }).claimId)).toEqual([
    'clm-1',
    'clm-2',
    'clm-3',
  ]);
  // Each later payer took over what the patient owed; the last one's 835 says what stays.
  expect(result.patientResponsibilityCents).toBe(3825);
  expect(result.paidCents).toBe(3 * 15300);
});

test('a crossover sends no secondary 837P: the crossover 835 (same CLP01, read first) posts to the secondary claim', async () => {
  const calls: ActivityCalls = [];
  const crossover = nextPayers(calls, true).createSecondaryClaim!;
  const activities = mockActivities(calls, {
    createSecondaryClaim: async (input) => (input.attempt === 2 ? crossover(input) : null),
  });
  const { result } = await runVisit(env, activities, async (h) => {
    // Documents are read in parallel: the crossover payer's 835 may arrive before the primary's.
    await h.signal(remittanceReceivedSignal, {
      documentId: 'DOC-835-SUPPL1',
      remittanceClaimId: 'RC-CROSSOVER',
      patientControlNumber: 'PCN1',
      statusCode: '2',
      payerId: 'SUPPL1',
    });
    await deliverAcceptanceAndPayment(h, 'PCN1');
  });
  expect(result.status).toBe('closed');
  expect(result.payerSequence).toBe('S');
  expect(callsTo(calls, 'submitClaim')).toEqual([{ claimId: 'clm-1' }]);
  expect(callsTo(calls, 'postRemittance')).toEqual([
    { claimId: 'clm-1', remittanceClaimId: 'RC-PCN1' },
    { claimId: 'clm-2', remittanceClaimId: 'RC-CROSSOVER' },
  ]);
});

test('a secondary denial goes to staff: a corrected claim is refused (it would rebill the primary), billing the patient is taken', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, {
    createSecondaryClaim: async (input) =>
      input.attempt === 2 ? nextPayers(calls).createSecondaryClaim!(input) : null,
    postRemittance: async (input) =>
      input.claimId === 'clm-2'
        ? {
            statusCode: '4',
            payerClaimNumber: 'SEC-CLM-2',
            paidCents: 0,
            patientResponsibilityCents: 0,
            insuranceBalanceCents: 3825,
            denialReasons: ['CO-22'],
          }
        : {
            statusCode: '1',
            payerClaimNumber: 'PAYER-CLM-1',
            paidCents: 15300,
            patientResponsibilityCents: 3825,
            insuranceBalanceCents: 0,
            denialReasons: [],
          },
  });
  const { result } = await runVisit(env, activities, async (h) => {
    await deliverAcceptanceAndPayment(h, 'PCN1');
    await deliverAcceptanceAndPayment(h, 'PCN2');
    const open = await waitForStatus(h, 'needs_review');
    expect(open.openReview?.kind).toBe('denial');
    expect(open.payerSequence).toBe('S');
    const amend = { action: 'amend' as const, reviewer: 'biller-1', lines: codedLines() };
    const refused = await h.executeUpdate(decideReviewUpdate, { args: [amend] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const refusal = ((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0];
    expect(refusal).toMatchObject({
      code: 'action_not_allowed',
      message: expect.stringContaining('the secondary payer') as unknown,
    });
    const applied = await h.executeUpdate(decideReviewUpdate, {
      args: [{ action: 'bill_patient', reviewer: 'biller-1' }],
    });
    expect(applied).toMatchObject({ outcome: 'applied', action: 'bill_patient' });
  });
  expect(result.status).toBe('closed');
  expect(callsTo(calls, 'settleInsuranceBalance')).toEqual([
    { claimId: 'clm-2', to: 'patient', reviewer: 'biller-1', key: 'clm-2' },
  ]);
  expect(callsTo(calls, 'createClaim')).toHaveLength(1);
});

function codedLines() {
  return [{ code: '99213', modifiers: [], units: 1, diagnosisPointers: [1] }];
}
