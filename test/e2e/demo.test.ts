/**
 * `dermclaims demo` against the real processes (API, worker, sandbox clearinghouse over HTTP, the
 * Temporal dev server, PostgreSQL): visits with a supplement plan get a secondary 837P or are
 * crossed over, the patients pay their balances (some in two parts), the visits close, and the
 * ledger check over the whole database finds no discrepancy.
 */
import { formatDemoSummary, runDemo } from '../../src/demo/run-demo';
import { staffOfEveryRole } from '../support/staff';
import { STACK_WEBHOOK_SECRET, startStack, type Stack } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ workers: 1 });
}, 180_000);
afterAll(() => stack?.stop(), 60_000);

const keyOf = (bearer: string) => bearer.slice('Bearer '.length);

test('20 demo visits: secondary claims and crossovers, patient payments posted once, visits closed, books exact', async () => {
  const staff = await staffOfEveryRole(stack.billing.db, 'demo');
  const target = {
    apiUrl: stack.apiUrl,
    webhookSecret: STACK_WEBHOOK_SECRET,
    apiKey: keyOf(staff.biller.bearer),
    supervisorApiKey: keyOf(staff.supervisor.bearer),
  };
  // Seed 2: four visits with a supplement billed by 837P, two crossed over by Medicare (a visit
  // whose primary leaves the patient nothing, or whose services are all self-pay, needs no second claim).
  const summary = await runDemo({
    target,
    visits: 20,
    seed: 2,
    runId: `demo${Date.now().toString(36)}`,
    timeoutMs: 150_000,
    pollIntervalMs: 500,
    progress: false,
  });

  console.log(formatDemoSummary(summary));
  expect(summary.posted).toBe(20);
  expect(summary.timedOut).toEqual([]);
  expect(summary.secondaryClaims.sent).toBeGreaterThanOrEqual(2);
  expect(summary.secondaryClaims.crossedOver).toBeGreaterThanOrEqual(2);
  expect(summary.patientPayments.failures).toEqual([]);
  expect(summary.patientPayments.visitsBilled).toBeGreaterThan(5);
  // Every third billed visit pays in two parts.
  expect(summary.patientPayments.paymentsPosted).toBeGreaterThan(summary.patientPayments.visitsBilled);
  expect(summary.statuses.patient_billed ?? 0).toBe(0);
  expect(summary.patientBalanceCents).toBe(0);
  expect(summary.ledgerCheck).not.toBeNull();
  expect(summary.ledgerCheck!.discrepancies).toEqual([]);
  expect(summary.ledgerCheck!.claimsChecked).toBeGreaterThanOrEqual(20);

  // Posted once: one ledger entry per payment, and the ledger's patient payments are what was paid.
  const { db } = stack.billing;
  const payments = await db.patientPayment.count();
  expect(payments).toBe(summary.patientPayments.paymentsPosted);
  const paid = await db.ledgerEntry.aggregate({
    where: { entryType: 'patient_payment' },
    _sum: { amountCents: true },
  });
  expect(-(paid._sum.amountCents ?? 0)).toBe(summary.patientPayments.paidCents);
}, 300_000);
