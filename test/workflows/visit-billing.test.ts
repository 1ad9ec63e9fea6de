import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { BillingActivities } from '../../activities';
import { workflowBundle } from '../../src/temporal/worker';
import {
  claimAcknowledgedSignal,
  claimStateQuery,
  defaultBillingTimers,
  documentationAmendedSignal,
  pathologyResultSignal,
  reviewDecisionSignal,
  type ClaimStatus,
  type VisitBillingState,
} from '../../workflows/messages';
import type { visitBillingWorkflow } from '../../workflows';
import { testDataConverter, timeSkippingEnvironment } from '../support/temporal';
import {
  callsTo,
  codedVisit,
  deliverAcceptanceAndPayment,
  mockActivities,
  type ActivityCalls,
} from './mock-activities';

let env: TestWorkflowEnvironment;
let taskQueue = 0;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

async function runVisit(
  activities: BillingActivities,
  drive: (handle: WorkflowHandle<typeof visitBillingWorkflow>) => Promise<void>,
): Promise<VisitBillingState> {
  const queue = `visit-test-${++taskQueue}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: queue,
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: testDataConverter,
  });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof visitBillingWorkflow>('visitBillingWorkflow', {
      taskQueue: queue,
      workflowId: `visit-T${taskQueue}`,
      args: [{ visitId: `T${taskQueue}`, timers: defaultBillingTimers }],
    });
    await drive(handle);
    return handle.result();
  });
}

async function waitForStatus(handle: WorkflowHandle, status: ClaimStatus): Promise<VisitBillingState> {
  for (let i = 0; i < 200; i++) {
    const state = await handle.query(claimStateQuery);
    if (state.status === status) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`workflow never reached ${status}`);
}

const reviewRoute = () => ({ action: 'review' as const, reasons: ['coding confidence 0.60 is below 0.85'] });

test('a clean visit is coded, checked, submitted, paid, posted and billed to the patient', async () => {
  const calls: ActivityCalls = [];
  const result = await runVisit(mockActivities(calls), (h) => deliverAcceptanceAndPayment(h));
  expect(result.status).toBe('closed');
  expect(result.history.map((h) => h.status)).toEqual([
    'coding',
    'eligibility',
    'submitted',
    'accepted',
    'paid',
    'patient_billed',
    'closed',
  ]);
  expect(callsTo(calls, 'submitClaim')).toEqual([{ claimId: 'clm-1' }]);
  expect(callsTo(calls, 'postRemittance')).toEqual([{ claimId: 'clm-1', remittanceClaimId: 'RC-PCN1' }]);
  expect(result.paidCents).toBe(15300);
  expect(result.patientResponsibilityCents).toBe(3825);
});

test('a claim under review waits for staff, reminds them on the timer, and goes out when approved', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, { decideClaimRoute: async () => reviewRoute() });
  const result = await runVisit(activities, async (handle) => {
    const state = await waitForStatus(handle, 'needs_review');
    expect(state.openReview?.reasons).toEqual(reviewRoute().reasons);
    await env.sleep('50 hours'); // two 24-hour reminders
    await handle.signal(reviewDecisionSignal, { action: 'approve', reviewer: 'biller-7' });
    await deliverAcceptanceAndPayment(handle);
  });
  expect(callsTo(calls, 'remindReviewTask')).toHaveLength(2);
  expect(callsTo(calls, 'resolveReviewTask')).toEqual([
    {
      taskId: expect.stringContaining('coding_review'),
      decision: { action: 'approve', reviewer: 'biller-7' },
    },
  ]);
  expect(callsTo(calls, 'submitClaim')).toHaveLength(1);
  expect(result.status).toBe('closed');
});

test('an amended claim is submitted with the staff codes', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, { decideClaimRoute: async () => reviewRoute() });
  const amendedLines = [{ code: '17000', modifiers: [], units: 1, diagnosisPointers: [1] }];
  await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'needs_review');
    await handle.signal(reviewDecisionSignal, { action: 'amend', reviewer: 'biller-7', lines: amendedLines });
    await deliverAcceptanceAndPayment(handle);
  });
  const created = callsTo(calls, 'createClaim') as Array<{ coding: typeof codedVisit }>;
  expect(created).toHaveLength(1);
  expect(created[0]!.coding.lines.map((l) => l.code)).toEqual(['17000']);
});

test('a rejected review closes the visit without a claim', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, { decideClaimRoute: async () => reviewRoute() });
  const result = await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'needs_review');
    await handle.signal(reviewDecisionSignal, {
      action: 'reject',
      reviewer: 'biller-7',
      note: 'duplicate visit',
    });
  });
  expect(result.status).toBe('cancelled');
  expect(callsTo(calls, 'createClaim')).toHaveLength(0);
});

test('"bill the patient" moves the services to self-pay and never submits a claim', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, { decideClaimRoute: async () => reviewRoute() });
  await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'needs_review');
    await handle.signal(reviewDecisionSignal, { action: 'bill_patient', reviewer: 'biller-7' });
  });
  expect(callsTo(calls, 'submitClaim')).toHaveLength(0);
  expect(callsTo(calls, 'billSelfPay')).toEqual([
    { visitId: expect.any(String), lines: codedVisit.lines, key: 'coding-1' },
  ]);
});

test('a failing submission is retried until it succeeds, and submitted once', async () => {
  const calls: ActivityCalls = [];
  let attempts = 0;
  const activities = mockActivities(calls, {
    submitClaim: async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('clearinghouse unavailable (503)');
      return { submissionId: 'SUB-9' };
    },
  });
  const result = await runVisit(activities, (h) => deliverAcceptanceAndPayment(h));
  expect(attempts).toBe(3);
  expect(result.status).toBe('closed');
});

test('bad data fails the activity at once, without retries', async () => {
  const calls: ActivityCalls = [];
  const { ApplicationFailure } = await import('@temporalio/common');
  let attempts = 0;
  const activities = mockActivities(calls, {
    loadVisit: async () => {
      attempts += 1;
      throw ApplicationFailure.create({
        message: 'visit X is not on file',
        type: 'InvalidBillingData',
        nonRetryable: true,
      });
    },
  });
  await expect(runVisit(activities, async () => undefined)).rejects.toThrow(/Workflow execution failed/);
  expect(attempts).toBe(1);
});

test('a claim rejected by the clearinghouse goes to staff and is resubmitted as a new original claim', async () => {
  const calls: ActivityCalls = [];
  const result = await runVisit(mockActivities(calls), async (handle) => {
    await handle.signal(claimAcknowledgedSignal, {
      documentId: 'DOC-REJ',
      source: '277CA',
      acknowledgement: {
        patientControlNumber: 'PCN1',
        accepted: false,
        categoryCode: 'A7',
        statusCode: '33',
        reasons: ['A7:33 subscriber and subscriber id not found'],
      },
    });
    await waitForStatus(handle, 'needs_review');
    await handle.signal(reviewDecisionSignal, {
      action: 'approve',
      reviewer: 'biller-7',
      note: 'member id fixed',
    });
    await deliverAcceptanceAndPayment(handle, 'PCN2');
  });
  const created = callsTo(calls, 'createClaim') as Array<{ attempt: number; frequency: { code: string } }>;
  expect(created.map((c) => [c.attempt, c.frequency.code])).toEqual([
    [1, '1'],
    [2, '1'],
  ]);
  expect(result.attempt).toBe(2);
  expect(result.status).toBe('closed');
});

test('an excision waits for its pathology signal, then is coded again from the final report', async () => {
  const calls: ActivityCalls = [];
  let codings = 0;
  const activities = mockActivities(calls, {
    codeVisit: async () => {
      codings += 1;
      return codings === 1
        ? {
            ...codedVisit,
            pathologyHold: { lesionIds: ['L1'], reason: 'excision waits for the pathology report' },
          }
        : codedVisit;
    },
  });
  const result = await runVisit(activities, async (handle) => {
    const held = await waitForStatus(handle, 'pathology_hold');
    expect(held.pendingPathologyLesionIds).toEqual(['L1']);
    await env.sleep('15 days'); // past the 14-day deadline: a staff task is raised
    await handle.signal(pathologyResultSignal, { lesionId: 'L1', result: 'malignant', reportedBy: 'lab' });
    await deliverAcceptanceAndPayment(handle);
  });
  expect(callsTo(calls, 'openReviewTask')).toEqual([
    { visitId: expect.any(String), task: expect.objectContaining({ kind: 'pathology_overdue' }) },
  ]);
  expect(callsTo(calls, 'recordPathologyResult')).toEqual([
    { visitId: expect.any(String), pathology: { lesionId: 'L1', result: 'malignant', reportedBy: 'lab' } },
  ]);
  expect(codings).toBe(2);
  expect(result.status).toBe('closed');
});

test('a denial goes to staff; approving it writes the balance off', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, {
    postRemittance: async () => ({
      statusCode: '4',
      payerClaimNumber: 'PAYER-CLM-1',
      paidCents: 0,
      patientResponsibilityCents: 0,
      insuranceBalanceCents: 25500,
      denialReasons: ['CO-4'],
    }),
  });
  const result = await runVisit(activities, async (handle) => {
    await deliverAcceptanceAndPayment(handle);
    const state = await waitForStatus(handle, 'needs_review');
    expect(state.openReview?.kind).toBe('denial');
    await handle.signal(reviewDecisionSignal, { action: 'approve', reviewer: 'biller-7' });
  });
  expect(callsTo(calls, 'settleInsuranceBalance')).toEqual([
    { claimId: 'clm-1', to: 'write_off', reviewer: 'biller-7', key: 'clm-1' },
  ]);
  expect(result.status).toBe('closed');
});

test('a 999 acceptance is not the payer accepting the claim: a later 277CA rejection still counts', async () => {
  const calls: ActivityCalls = [];
  const result = await runVisit(mockActivities(calls), async (handle) => {
    await handle.signal(claimAcknowledgedSignal, {
      documentId: 'DOC-999',
      source: '999',
      acknowledgement: {
        patientControlNumber: 'PCN1',
        accepted: true,
        categoryCode: 'A1',
        statusCode: '19',
        reasons: [],
      },
    });
    await handle.signal(claimAcknowledgedSignal, {
      documentId: 'DOC-277CA',
      source: '277CA',
      acknowledgement: {
        patientControlNumber: 'PCN1',
        accepted: false,
        categoryCode: 'A7',
        statusCode: '33',
        reasons: ['A7/33 subscriber not found'],
      },
    });
    const state = await waitForStatus(handle, 'needs_review');
    expect(state.openReview?.kind).toBe('rejection');
    await handle.signal(reviewDecisionSignal, { action: 'reject', reviewer: 'biller-7' });
  });
  expect(callsTo(calls, 'recordAcknowledgement')).toHaveLength(2);
  expect(result.history.map((h) => h.status)).toContain('rejected');
  expect(result.history.map((h) => h.status)).not.toContain('accepted');
});

test('a denial with a known fix is corrected automatically and sent as a replacement claim', async () => {
  const calls: ActivityCalls = [];
  let postings = 0;
  const activities = mockActivities(calls, {
    postRemittance: async (input) => {
      calls.push({ name: 'postRemittance', input });
      postings += 1;
      return postings === 1
        ? {
            statusCode: '1',
            payerClaimNumber: 'PAYER-CLM-1',
            paidCents: 9000,
            patientResponsibilityCents: 0,
            insuranceBalanceCents: 13500,
            denialReasons: ['CO-4'],
          }
        : {
            statusCode: '1',
            payerClaimNumber: 'PAYER-CLM-2',
            paidCents: 15300,
            patientResponsibilityCents: 3825,
            insuranceBalanceCents: 0,
            denialReasons: [],
          };
    },
    planDenialResolution: async () => ({
      action: 'correct' as const,
      lines: codedVisit.lines,
      explanation: ['99213: added modifier 25 (documented as separately identifiable) for CO-4'],
    }),
  });
  const result = await runVisit(activities, async (handle) => {
    await deliverAcceptanceAndPayment(handle, 'PCN1');
    await deliverAcceptanceAndPayment(handle, 'PCN2');
  });
  const created = callsTo(calls, 'createClaim') as Array<{ attempt: number; frequency: object }>;
  expect(created.map((c) => [c.attempt, c.frequency])).toEqual([
    [1, { code: '1' }],
    [2, { code: '7', originalPayerClaimNumber: 'PAYER-CLM-1' }],
  ]);
  expect(callsTo(calls, 'applyCodeAmendment')).toEqual([
    expect.objectContaining({
      decision: expect.objectContaining({ action: 'amend', reviewer: 'dermclaims denial rules' }),
    }),
  ]);
  expect(callsTo(calls, 'openReviewTask')).toHaveLength(0);
  expect(result.status).toBe('closed');
  expect(result.paidCents).toBe(9000 + 15300);
});

test('amended documentation during review supersedes the task and the visit is coded again', async () => {
  const calls: ActivityCalls = [];
  let decisions = 0;
  const activities = mockActivities(calls, {
    decideClaimRoute: async () =>
      ++decisions === 1 ? reviewRoute() : { action: 'submit' as const, reasons: ['clean'] },
  });
  const result = await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'needs_review');
    await handle.signal(documentationAmendedSignal, { revision: 2 });
    await deliverAcceptanceAndPayment(handle);
  });
  expect(callsTo(calls, 'supersedeReviewTask')).toEqual([
    { taskId: expect.stringContaining('coding_review'), reason: 'the EHR amended the documentation' },
  ]);
  expect(callsTo(calls, 'applyVisitRevision')).toEqual([{ visitId: expect.any(String), revision: 2 }]);
  expect(callsTo(calls, 'codeVisit')).toHaveLength(2);
  expect(callsTo(calls, 'resolveReviewTask')).toHaveLength(0);
  expect(result.status).toBe('closed');
});

test('documentation amended after submission goes to staff, and their amendment is sent as a replacement', async () => {
  const calls: ActivityCalls = [];
  const result = await runVisit(mockActivities(calls), async (handle) => {
    await waitForStatus(handle, 'submitted');
    await handle.signal(documentationAmendedSignal, { revision: 2 });
    await deliverAcceptanceAndPayment(handle, 'PCN1');
    const state = await waitForStatus(handle, 'needs_review');
    expect(state.openReview?.kind).toBe('documentation_amended');
    await handle.signal(reviewDecisionSignal, {
      action: 'amend',
      reviewer: 'biller-2',
      lines: [{ code: '17000', modifiers: [], units: 1, diagnosisPointers: [1] }],
    });
    await deliverAcceptanceAndPayment(handle, 'PCN2');
  });
  const created = callsTo(calls, 'createClaim') as Array<{ attempt: number; frequency: object }>;
  expect(created.map((c) => [c.attempt, c.frequency])).toEqual([
    [1, { code: '1' }],
    [2, { code: '7', originalPayerClaimNumber: 'PAYER-CLM-1' }],
  ]);
  expect(callsTo(calls, 'applyVisitRevision')).toEqual([{ visitId: expect.any(String), revision: 2 }]);
  expect(result.status).toBe('closed');
});
