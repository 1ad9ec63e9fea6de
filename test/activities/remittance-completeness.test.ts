import { remittanceBalances, remittanceTotals } from '../../src/remittance/provider-adjustments';
import { lateRemittanceTaskId } from '../../src/posting/late-remittance';
import { createTestDatabase, type TestDatabase } from '../support/database';
import {
  activitiesOn,
  claimPayment,
  era,
  readDocument,
  storeSubmittedClaim,
  testMailbox,
} from '../support/remittances';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

test('remittanceTotals: interest adds to the payment, a takeback and a carried balance take from it', () => {
  const totals = remittanceTotals({
    paymentCents: 10_000 + 150 - 2_000 - 500,
    claimPayments: [{ paidCents: 6_000 }, { paidCents: 4_000 }],
    providerAdjustments: [
      { reasonCode: 'L6', amountCents: -150 },
      { reasonCode: 'WO', amountCents: 2_000 },
      { reasonCode: 'FB', amountCents: 500 },
    ],
  });
  expect(totals).toMatchObject({
    claimPaymentsCents: 10_000,
    byCategory: { interest: -150, takeback: 2_000, forward_balance: 500, other: 0 },
    providerAdjustmentsCents: 2_350,
    postedCents: 7_650,
    differenceCents: 0,
    balanced: true,
  });
  const short = remittanceTotals({
    paymentCents: 7_650,
    claimPayments: [{ paidCents: 6_000 }],
    providerAdjustments: [],
  });
  expect(short).toMatchObject({ balanced: false, differenceCents: 6_000 - 7_650 });
});

test('PLB interest, carry-forward and takeback are posted with the remittance, once; claim postings then equal the BPR', async () => {
  const db = database.db;
  const paidClaim = await storeSubmittedClaim(db, {
    visitId: 'V-PLB-1',
    pcn: 'D9001A1',
    chargeCents: 20_000,
  });
  const recouped = await storeSubmittedClaim(db, {
    visitId: 'V-PLB-2',
    pcn: 'D9002A1',
    chargeCents: 15_000,
    payerClaimNumber: 'PAYER-77',
  });
  const mailbox = testMailbox();
  const raw = era(
    'EFT-PLB-1',
    [claimPayment('D9001A1', 20_000, 12_000)],
    [
      { reasonCode: 'L6', reference: 'PCN-D9001A1', amountCents: -125 },
      { reasonCode: 'FB', reference: 'FB-2026-11', amountCents: 3_000 },
      { reasonCode: 'WO', reference: 'PAYER-77', amountCents: 4_000 },
      { reasonCode: 'CS', reference: 'ADJ-9', amountCents: -25 },
    ],
  );
  mailbox.deliver('ERA-PLB', raw);
  mailbox.deliver('ERA-PLB-AGAIN', raw);
  const activities = activitiesOn(db, mailbox);
  await readDocument(activities, 'ERA-PLB');
  await readDocument(activities, 'ERA-PLB');
  await readDocument(activities, 'ERA-PLB-AGAIN');

  const postings = await db.providerAdjustmentPosting.findMany({ orderBy: { sequence: 'asc' } });
  expect(postings.map((p) => [p.reasonCode, p.reference, p.amountCents, p.category, p.claimId])).toEqual([
    ['L6', 'PCN-D9001A1', -125, 'interest', null],
    ['FB', 'FB-2026-11', 3_000, 'forward_balance', null],
    ['WO', 'PAYER-77', 4_000, 'takeback', recouped],
    ['CS', 'ADJ-9', -25, 'other', null],
  ]);
  // The takeback is visible on the claim it names.
  const audit = await db.auditEvent.findMany({ where: { claimId: recouped, action: 'remittance.takeback' } });
  expect(audit).toHaveLength(1);

  // Before the claim is posted the remittance does not add up; after, it does, to the cent.
  const [before] = await remittanceBalances(db, { onlyUnbalanced: true, skip: 0, take: 10 });
  expect(before).toMatchObject({
    traceNumber: 'EFT-PLB-1',
    unpostedClaims: 1,
    paymentCents: 12_000 + 125 - 3_000 - 4_000 + 25,
  });
  const remittanceClaim = await db.remittanceClaim.findFirstOrThrow({
    where: { patientControlNumber: 'D9001A1' },
  });
  await activities.postRemittance({ claimId: paidClaim, remittanceClaimId: remittanceClaim.id });
  expect(await remittanceBalances(db, { onlyUnbalanced: true, skip: 0, take: 10 })).toEqual([]);
  const [after] = await remittanceBalances(db, { onlyUnbalanced: false, skip: 0, take: 10 });
  expect(after).toMatchObject({ balanced: true, postedCents: 5_150, paymentCents: 5_150, unpostedClaims: 0 });
});

test('a reversal after the workflow closed is posted once to the original claim and opens one staff task', async () => {
  const db = database.db;
  const claimId = await storeSubmittedClaim(db, { visitId: 'V-LATE-1', pcn: 'D9101A1', chargeCents: 10_000 });
  const mailbox = testMailbox();
  mailbox.deliver('ERA-PAID', era('EFT-LATE-1', [claimPayment('D9101A1', 10_000, 8_000)]));
  const reversalEra = era('EFT-LATE-2', [claimPayment('D9101A1', -10_000, -8_000)]);
  mailbox.deliver('ERA-REVERSAL', reversalEra);
  mailbox.deliver('ERA-REVERSAL-AGAIN', reversalEra);
  const activities = activitiesOn(db, mailbox);
  await readDocument(activities, 'ERA-PAID');
  const payment = await db.remittanceClaim.findFirstOrThrow({
    where: { remittance: { traceNumber: 'EFT-LATE-1' } },
  });
  await activities.postRemittance({ claimId, remittanceClaimId: payment.id });

  // The inbox found the workflow closed, for the document and for the same payment in another file.
  const outcomes = [];
  for (const id of ['ERA-REVERSAL', 'ERA-REVERSAL-AGAIN']) {
    const read = await readDocument(activities, id);
    for (const notice of read.notices)
      if (notice.kind === 'remittance')
        outcomes.push(
          await activities.postLateRemittance({ remittanceClaimId: notice.notice.remittanceClaimId }),
        );
  }
  const reversal = await db.remittanceClaim.findFirstOrThrow({ where: { statusCode: '22' } });
  const expected = { posted: true, taskId: lateRemittanceTaskId(reversal.id) };
  expect(outcomes).toEqual([expected, expected]);

  const payments = await db.payment.findMany({ where: { claimId }, orderBy: { amountCents: 'asc' } });
  expect(payments.map((p) => p.amountCents)).toEqual([-8_000, 8_000]);
  expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe('reversed');
  const insurance = await db.ledgerEntry.aggregate({
    where: { claimId, entryType: 'insurance_payment' },
    _sum: { amountCents: true },
  });
  expect(insurance._sum.amountCents).toBe(0);
  const tasks = await db.reviewTask.findMany({ where: { visitId: 'V-LATE-1' } });
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ kind: 'late_reversal', status: 'open' });
  expect(String(tasks[0]!.reasons)).toMatch(/reversal \(CLP02 22\) of claim D9101A1/);
});
