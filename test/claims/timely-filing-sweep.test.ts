import { sweepTimelyFiling, timelyFilingTaskId } from '../../src/claims/timely-filing';
import { DecisionPolicyFileSchema } from '../../src/decision/policy-config';
import type { ClaimRecordStatus } from '../../src/visit-billing/vocabulary';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let now = new Date('2026-04-01T08:00:00Z');
const clock = () => now;
const policy = DecisionPolicyFileSchema.parse({
  defaults: { timelyFilingDays: 365, timelyFilingWarningDays: 30 },
  payers: { AETNA: { timelyFilingDays: 90, timelyFilingWarningDays: 14 } },
});

/** A visit with one claim (attempt 1) to the payer, on the date of service; deadline left for the sweep to fill. */
async function claimOf(visitId: string, payerId: string, dateOfService: string, status: ClaimRecordStatus) {
  await database.db.visit.create({
    data: {
      id: visitId,
      practiceId: 'derm1',
      dateOfService: new Date(`${dateOfService}T00:00:00Z`),
      payerId,
      document: {},
      workflowId: `visit-${visitId}`,
      status: 'submitted',
    },
  });
  const claim = await database.db.claim.create({
    data: {
      id: `clm_${visitId}`,
      visitId,
      patientControlNumber: `P${visitId}`,
      attempt: 1,
      payerId,
      status,
      totalChargeCents: 10000,
      diagnosisCodes: ['L57.0'],
    },
  });
  return claim.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  // AETNA, 90 days: deadline 2026-04-11, 10 days away (inside its 14-day window), no task open.
  await claimOf('TF-NEAR', 'AETNA', '2026-01-11', 'submitted');
  // AETNA, deadline 2026-04-11 too, but in staff review: its open task is raised.
  await claimOf('TF-REVIEW', 'AETNA', '2026-01-11', 'created');
  await database.db.reviewTask.create({
    data: {
      id: 'rt_review_1',
      visitId: 'TF-REVIEW',
      kind: 'coding_review',
      reasons: ['modifier 25 on the E/M'],
      reasonCodes: ['watched_modifier'],
    },
  });
  // AETNA, deadline 2026-04-30: 29 days away, outside AETNA's 14-day window.
  await claimOf('TF-LATER', 'AETNA', '2026-01-30', 'submitted');
  // Default payer (365 days), date of service a year ago: deadline 2026-04-20, inside the 30-day window, but paid.
  await claimOf('TF-PAID', 'BCBS1', '2025-04-20', 'paid');
  // Default payer, accepted: the payer has it, nothing to escalate.
  await claimOf('TF-ACCEPTED', 'BCBS1', '2025-04-20', 'accepted');
}, 60_000);
afterAll(() => database.drop());

test('claims not yet accepted or paid inside their payer window escalate: the open task is raised, else a task opened', async () => {
  const sweep = await sweepTimelyFiling(database.db, clock, policy);
  expect(sweep).toEqual({
    backfilled: 5,
    atRisk: 2,
    raised: ['rt_review_1'],
    opened: [timelyFilingTaskId('clm_TF-NEAR')],
    closed: [],
  });

  const claims = await database.db.claim.findMany({ orderBy: { id: 'asc' } });
  expect(
    Object.fromEntries(claims.map((c) => [c.id, c.timelyFilingDeadline?.toISOString().slice(0, 10)])),
  ).toEqual({
    'clm_TF-ACCEPTED': '2026-04-20',
    'clm_TF-LATER': '2026-04-30',
    'clm_TF-NEAR': '2026-04-11',
    'clm_TF-PAID': '2026-04-20',
    'clm_TF-REVIEW': '2026-04-11',
  });
  const raised = await database.db.reviewTask.findUniqueOrThrow({ where: { id: 'rt_review_1' } });
  expect(raised).toMatchObject({
    priority: 2,
    assignedRole: 'supervisor',
    escalatedAt: now,
    reasonCodes: ['watched_modifier', 'timely_filing_near'],
  });
  expect(raised.reasons).toEqual([
    'modifier 25 on the E/M',
    expect.stringContaining('deadline 2026-04-11 is in 10 days'),
  ]);
  const opened = await database.db.reviewTask.findUniqueOrThrow({
    where: { id: timelyFilingTaskId('clm_TF-NEAR') },
  });
  expect(opened).toMatchObject({
    visitId: 'TF-NEAR',
    kind: 'timely_filing',
    status: 'open',
    priority: 2,
    assignedRole: 'supervisor',
    reasonCodes: ['timely_filing_near'],
  });
  expect(await database.db.auditEvent.count({ where: { action: { startsWith: 'review.' } } })).toBe(2);
});

test('a second sweep changes nothing; the next day the later claim enters its window', async () => {
  const before = await database.db.reviewTask.findMany({ orderBy: { id: 'asc' } });
  expect(await sweepTimelyFiling(database.db, clock, policy)).toEqual({
    backfilled: 0,
    atRisk: 2,
    raised: [],
    opened: [],
    closed: [],
  });
  expect(await database.db.reviewTask.findMany({ orderBy: { id: 'asc' } })).toEqual(before);

  now = new Date('2026-04-16T08:00:00Z'); // TF-LATER: 14 days left
  const sweep = await sweepTimelyFiling(database.db, clock, policy);
  expect(sweep.opened).toEqual([timelyFilingTaskId('clm_TF-LATER')]);
});

test("the sweep's own task closes when the claim is accepted", async () => {
  await database.db.claim.update({ where: { id: 'clm_TF-NEAR' }, data: { status: 'accepted' } });
  const sweep = await sweepTimelyFiling(database.db, clock, policy);
  expect(sweep.closed).toEqual([timelyFilingTaskId('clm_TF-NEAR')]);
  expect(
    await database.db.reviewTask.findUniqueOrThrow({ where: { id: timelyFilingTaskId('clm_TF-NEAR') } }),
  ).toMatchObject({ status: 'resolved', resolvedBy: 'system' });
  // Still listed for the review queue filter on its reason code.
  const filtered = await database.db.reviewTask.findMany({
    where: { status: 'open', reasonCodes: { has: 'timely_filing_near' } },
    orderBy: { id: 'asc' },
  });
  expect(filtered.map((t) => t.id)).toEqual(['rt_review_1', timelyFilingTaskId('clm_TF-LATER')]);
});
