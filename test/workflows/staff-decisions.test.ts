import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { BillingActivities } from '../../activities';
import type { ReviewDecision } from '../../src/visit-billing/messages';
import {
  claimAcknowledgedSignal,
  claimStateQuery,
  decideReviewUpdate,
  documentationAmendedSignal,
  pathologyResultSignal,
  remittanceReceivedSignal,
  reviewDecisionSignal,
} from '../../workflows/messages';
import { ReviewPriorityKey } from '../../workflows/search-attributes';
import { timeSkippingEnvironment } from '../support/temporal';
import { callsTo, codedVisit, mockActivities, type ActivityCalls } from './mock-activities';
import {
  deliverAcceptanceAndPayment,
  runVisit as runVisitOn,
  waitForStatus,
  type VisitHandle,
} from './visit-runner';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

type Handle = VisitHandle;
const runVisit = (
  activities: BillingActivities,
  drive: (h: Handle) => Promise<void>,
  historyLimit?: number,
) => runVisitOn(env, activities, drive, { historyLimit });
const acceptAndPay = deliverAcceptanceAndPayment;

/** The refusal a rejected Update carries (thrown by the validator, so nothing entered the history). */
async function refusalOf(update: Promise<unknown>): Promise<string> {
  const error: unknown = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return ((cause as ApplicationFailure).details?.[0] as { code: string }).code;
}

const held = { decideClaimRoute: async () => ({ action: 'review' as const, reasons: ['confidence 0.60'] }) };
const approve: ReviewDecision = { action: 'approve', reviewer: 'biller-1' };

test('an Update decides the open review at once; a second decision on it is refused', async () => {
  const calls: ActivityCalls = [];
  const { result } = await runVisit(mockActivities(calls, held), async (handle) => {
    await expect(refusalOf(handle.executeUpdate(decideReviewUpdate, { args: [approve] }))).resolves.toBe(
      'no_open_review',
    );
    const open = await waitForStatus(handle, 'needs_review');
    const applied = await handle.executeUpdate(decideReviewUpdate, {
      args: [
        {
          ...approve,
          taskId: open.openReview!.taskId,
          actor: { userId: 'u-7', username: 'u.seven', role: 'biller' },
        },
      ],
    });
    expect(applied).toEqual({ outcome: 'applied', taskId: open.openReview!.taskId, action: 'approve' });
    await expect(
      refusalOf(handle.executeUpdate(decideReviewUpdate, { args: [{ ...approve, reviewer: 'biller-2' }] })),
    ).resolves.toMatch(/already_decided|no_open_review/);
    await acceptAndPay(handle, 'PCN1');
  });
  expect(callsTo(calls, 'resolveReviewTask')).toEqual([
    {
      taskId: expect.stringContaining('coding_review'),
      decision: expect.objectContaining({ actor: { userId: 'u-7', username: 'u.seven', role: 'biller' } }),
    },
  ]);
  expect(callsTo(calls, 'submitClaim')).toHaveLength(1);
  expect(result.status).toBe('closed');
});

test('decisions a task does not take, stale tasks and codes the coding rules reject are refused and change nothing', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, {
    ...held,
    reviewAmendment: async () => ({
      accepted: false as const,
      problems: [{ path: 'lines.0.code', message: "27447 is not on the practice's fee schedule" }],
    }),
  });
  const { result } = await runVisit(activities, async (handle) => {
    const open = await waitForStatus(handle, 'needs_review');
    const stale = { ...approve, taskId: 'V0:coding_review:0' };
    await expect(refusalOf(handle.executeUpdate(decideReviewUpdate, { args: [stale] }))).resolves.toBe(
      'stale_task',
    );
    const badPointer = {
      action: 'amend' as const,
      reviewer: 'b',
      lines: [{ code: '17000', modifiers: [], units: 1, diagnosisPointers: [9] }],
    };
    await expect(refusalOf(handle.executeUpdate(decideReviewUpdate, { args: [badPointer] }))).resolves.toBe(
      'invalid_amendment',
    );
    const rejectedCodes = await handle.executeUpdate(decideReviewUpdate, {
      args: [
        {
          action: 'amend',
          reviewer: 'b',
          lines: [{ code: '27447', modifiers: [], units: 1, diagnosisPointers: [1] }],
        },
      ],
    });
    expect(rejectedCodes).toMatchObject({ outcome: 'refused', refusal: { code: 'invalid_amendment' } });
    const after = await handle.query(claimStateQuery);
    expect(after.openReview).toEqual(open.openReview);
    expect(after.lines).toEqual(open.lines);
    // From the Temporal UI: the same checks; a refused signal is recorded, never applied.
    await handle.signal(reviewDecisionSignal, stale);
    const recorded = await handle.query(claimStateQuery);
    expect(recorded.refusedDecisions).toEqual([
      expect.objectContaining({ action: 'approve', refusal: 'stale_task' }),
    ]);
    expect(recorded.openReview).toEqual(open.openReview);
    await handle.signal(reviewDecisionSignal, { action: 'reject', reviewer: 'biller-1' });
  });
  expect(result.status).toBe('cancelled');
  expect(callsTo(calls, 'resolveReviewTask')).toHaveLength(1);
  expect(callsTo(calls, 'createClaim')).toHaveLength(0);
});

test('staff ask for documentation: the workflow reminds, then codes the amended document when it arrives', async () => {
  const calls: ActivityCalls = [];
  let routes = 0;
  const activities = mockActivities(calls, {
    decideClaimRoute: async () =>
      ++routes === 1
        ? { action: 'review' as const, reasons: ['no size documented'] }
        : { action: 'submit' as const, reasons: ['clean'] },
  });
  const { result } = await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'needs_review');
    await handle.executeUpdate(decideReviewUpdate, {
      args: [{ action: 'request_documentation', reviewer: 'biller-1', note: 'lesion size missing' }],
    });
    const waiting = await waitForStatus(handle, 'awaiting_documentation');
    expect(waiting.openReview?.kind).toBe('documentation_requested');
    await env.sleep('50 hours');
    await handle.signal(documentationAmendedSignal, { revision: 2 });
    await acceptAndPay(handle, 'PCN1');
  });
  expect(callsTo(calls, 'remindReviewTask')).toEqual([
    expect.objectContaining({
      taskId: expect.stringContaining('documentation_requested'),
      reminderNumber: 1,
    }),
    expect.objectContaining({ reminderNumber: 2 }),
  ]);
  expect(callsTo(calls, 'closeReviewTask')).toEqual([
    {
      taskId: expect.stringContaining('documentation_requested'),
      reason: 'the EHR sent amended documentation',
    },
  ]);
  expect(callsTo(calls, 'applyVisitRevision')).toEqual([{ visitId: expect.any(String), revision: 2 }]);
  expect(callsTo(calls, 'codeVisit')).toHaveLength(2);
  expect(result.status).toBe('closed');
});

test('an untouched review raises its priority, then escalates to a supervisor', async () => {
  const calls: ActivityCalls = [];
  const { result, handle } = await runVisit(mockActivities(calls, held), async (h) => {
    await waitForStatus(h, 'needs_review');
    await env.sleep('3 days');
    const raised = await h.query(claimStateQuery);
    expect(raised.openReview).toMatchObject({ priority: 1, assignedRole: 'biller' });
    await env.sleep('3 days');
    const escalated = await h.query(claimStateQuery);
    expect(escalated.openReview).toMatchObject({ priority: 2, assignedRole: 'supervisor' });
    expect((await h.describe()).typedSearchAttributes.get(ReviewPriorityKey)).toBe(2);
    await h.executeUpdate(decideReviewUpdate, { args: [{ action: 'reject', reviewer: 'supervisor-1' }] });
  });
  const escalations = (callsTo(calls, 'remindReviewTask') as Array<{ escalation?: object }>).filter(
    (c) => c.escalation,
  );
  expect(escalations).toEqual([
    expect.objectContaining({ escalation: { priority: 1, assignedRole: 'biller' } }),
    expect.objectContaining({ escalation: { priority: 2, assignedRole: 'supervisor' } }),
  ]);
  expect(callsTo(calls, 'remindReviewTask')).toHaveLength(6); // daily reminders, escalations among them
  expect((await handle.describe()).typedSearchAttributes.get(ReviewPriorityKey)).toBe(0);
  expect(result.status).toBe('cancelled');
});

test('a pathology_overdue task closes when the report arrives', async () => {
  const calls: ActivityCalls = [];
  let codings = 0;
  const activities = mockActivities(calls, {
    codeVisit: async () =>
      ++codings === 1
        ? { ...codedVisit, pathologyHold: { lesionIds: ['L1'], reason: 'excision waits' } }
        : codedVisit,
  });
  await runVisit(activities, async (handle) => {
    await waitForStatus(handle, 'pathology_hold');
    await env.sleep('15 days');
    await handle.signal(pathologyResultSignal, { lesionId: 'L1', result: 'benign', reportedBy: 'lab' });
    await acceptAndPay(handle, 'PCN1');
  });
  const opened = callsTo(calls, 'openReviewTask') as Array<{ task: { taskId: string; kind: string } }>;
  expect(opened.map((o) => o.task.kind)).toEqual(['pathology_overdue']);
  expect(callsTo(calls, 'closeReviewTask')).toEqual([
    { taskId: opened[0]!.task.taskId, reason: 'pathology report received' },
  ]);
});

/** Every run of a workflow id, first to last, following continue-as-new. */
async function runHistories(handle: Handle): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = handle.firstExecutionRunId;
  while (runId) {
    const history: Awaited<ReturnType<Handle['fetchHistory']>> = await env.client.workflow
      .getHandle(handle.workflowId, runId)
      .fetchHistory();
    const events = history.events ?? [];
    lengths.push(events.length);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

test('a claim open for 120 days (inquiries, a denial, weeks of reminders, a corrected claim) keeps a bounded history', async () => {
  const calls: ActivityCalls = [];
  let postings = 0;
  const activities = mockActivities(calls, {
    postRemittance: async (input) => {
      calls.push({ name: 'postRemittance', input });
      return ++postings === 1
        ? {
            statusCode: '4',
            payerClaimNumber: 'PAYER-1',
            paidCents: 0,
            patientResponsibilityCents: 0,
            insuranceBalanceCents: 25500,
            denialReasons: ['CO-11'],
          }
        : {
            statusCode: '1',
            payerClaimNumber: 'PAYER-2',
            paidCents: 15300,
            patientResponsibilityCents: 3825,
            insuranceBalanceCents: 0,
            denialReasons: [],
          };
    },
  });
  const historyLimit = 150;
  const { result, handle } = await runVisit(
    activities,
    async (h) => {
      await waitForStatus(h, 'submitted');
      await env.sleep('5 days'); // no acknowledgement: two 276 inquiries
      await h.signal(claimAcknowledgedSignal, {
        documentId: 'ACK-1',
        source: '277CA',
        acknowledgement: {
          patientControlNumber: 'PCN1',
          accepted: true,
          categoryCode: 'A2',
          statusCode: '20',
          reasons: [],
        },
      });
      await env.sleep('40 days'); // follow-ups and status inquiries without an 835
      await h.signal(remittanceReceivedSignal, {
        documentId: 'ERA-1',
        remittanceClaimId: 'RC-1',
        patientControlNumber: 'PCN1',
        statusCode: '4',
      });
      await waitForStatus(h, 'needs_review');
      await env.sleep('45 days'); // the denial waits, with daily reminders and escalation
      await h.executeUpdate(decideReviewUpdate, {
        args: [
          {
            action: 'amend',
            reviewer: 'biller-9',
            lines: [{ code: '17000', modifiers: [], units: 1, diagnosisPointers: [1] }],
          },
        ],
      });
      await waitForStatus(h, 'submitted');
      await env.sleep('20 days');
      await acceptAndPay(h, 'PCN2');
    },
    historyLimit,
  );
  const lengths = await runHistories(handle);
  console.log(
    `120-day claim: ${lengths.length} runs, largest history ${Math.max(...lengths)} events of ${lengths.reduce((a, b) => a + b, 0)} in all (${lengths.join(', ')})`,
  );
  expect(lengths.length).toBeGreaterThan(1);
  expect(Math.max(...lengths)).toBeLessThanOrEqual(historyLimit + 40);
  expect(result.status).toBe('closed');
  expect(result.attempt).toBe(2);
  expect(callsTo(calls, 'createClaim')).toEqual([
    expect.objectContaining({ attempt: 1, frequency: { code: '1' } }),
    expect.objectContaining({ attempt: 2, frequency: { code: '7', originalPayerClaimNumber: 'PAYER-1' } }),
  ]);
  expect(result.history.map((h) => h.status)).toEqual(
    expect.arrayContaining(['submitted', 'accepted', 'denied', 'needs_review', 'paid', 'closed']),
  );
});
