import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEFAULT_STATEMENT_CYCLES } from '../../src/patient-billing/cycle-timers';
import { defaultStatementCycles, statementCycleTimers } from '../../src/patient-billing/statement-config';
import { patientPaymentReceivedSignal } from '../../workflows/messages';
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

/** Polls (in real time) until the workflow has made `count` calls to an activity. */
async function untilCalled(calls: ActivityCalls, name: string, count: number): Promise<void> {
  for (let i = 0; i < 400 && callsTo(calls, name).length < count; i++)
    await new Promise((r) => setTimeout(r, 25));
  expect(callsTo(calls, name)).toHaveLength(count);
}

/** A patientBalance stand-in that answers `balance()` and records its calls like the defaults. */
const balanceOf = (calls: ActivityCalls, balance: () => number) => ({
  patientBalance: async (input: { visitId: string }) => {
    calls.push({ name: 'patientBalance', input });
    return balance();
  },
});

const cycleOf = (input: unknown) => input as { cycle: number; kind: string; daysToPay: number };

test('the checked-in cycle configuration is the default the workflow falls back to', () => {
  expect(statementCycleTimers(defaultStatementCycles)).toEqual(DEFAULT_STATEMENT_CYCLES);
});

test('an unpaid balance gets an initial statement, two reminders and a final notice 30 days apart, then a collections task', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(
    calls,
    balanceOf(calls, () => 3825),
  );
  const { result } = await runVisit(env, activities, async (handle) => {
    await deliverAcceptanceAndPayment(handle);
  });
  expect(callsTo(calls, 'issueCycleStatement').map(cycleOf)).toEqual([
    { visitId: expect.any(String), cycle: 1, kind: 'initial', daysToPay: 30 },
    { visitId: expect.any(String), cycle: 2, kind: 'reminder', daysToPay: 30 },
    { visitId: expect.any(String), cycle: 3, kind: 'reminder', daysToPay: 30 },
    { visitId: expect.any(String), cycle: 4, kind: 'final', daysToPay: 30 },
  ]);
  expect(callsTo(calls, 'issuePatientStatement')).toEqual([]);
  expect(callsTo(calls, 'openReviewTask')).toEqual([
    {
      visitId: result.visitId,
      task: expect.objectContaining({
        kind: 'patient_collections',
        reasons: ['3825 cents still owed after the final notice'],
      }),
    },
  ]);
  expect(result.status).toBe('closed');
  expect(result.history.filter((h) => h.status === 'patient_billed').map((h) => h.note)).toEqual([
    'initial statement 1 for 3825 cents issued',
    'reminder statement 2 for 3825 cents issued',
    'reminder statement 3 for 3825 cents issued',
    'final statement 4 for 3825 cents issued',
  ]);
});

test('a partial payment keeps the cycle running; the payment that clears the balance ends the cycles at once', async () => {
  const calls: ActivityCalls = [];
  let balance = 3825;
  const activities = mockActivities(
    calls,
    balanceOf(calls, () => balance),
  );
  const { result } = await runVisit(env, activities, async (handle) => {
    await deliverAcceptanceAndPayment(handle);
    await waitForStatus(handle, 'patient_billed');
    balance = 1825;
    await handle.signal(patientPaymentReceivedSignal, {
      paymentId: 'PP-1',
      amountCents: 2000,
      balanceCents: 1825,
    });
    await untilCalled(calls, 'patientBalance', 1);
    await env.sleep('31 days'); // the reminder goes out for what is left
    await untilCalled(calls, 'issueCycleStatement', 2);
    balance = 0;
    await handle.signal(patientPaymentReceivedSignal, {
      paymentId: 'PP-2',
      amountCents: 1825,
      balanceCents: 0,
    });
  });
  expect(callsTo(calls, 'issueCycleStatement').map((c) => cycleOf(c).kind)).toEqual(['initial', 'reminder']);
  expect(callsTo(calls, 'openReviewTask')).toEqual([]);
  expect(result.status).toBe('closed');
  expect(result.history.at(-1)?.note).toBe('patient balance settled (0 cents)');
});

test('nothing owed after insurance: no statement, the visit closes', async () => {
  const calls: ActivityCalls = [];
  const activities = mockActivities(calls, { issueCycleStatement: async () => null });
  const { result } = await runVisit(env, activities, (handle) => deliverAcceptanceAndPayment(handle));
  expect(callsTo(calls, 'patientBalance')).toEqual([]);
  expect(result.status).toBe('closed');
  expect(result.history.map((h) => h.status)).not.toContain('patient_billed');
});
