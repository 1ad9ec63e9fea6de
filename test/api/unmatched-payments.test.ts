import request from 'supertest';
import { remittancePoster } from '../../src/posting/post-claim-payments';
import { createStaff, staffOfEveryRole, type TestStaff } from '../support/staff';
import { heldVisit, startStaffApi, type StaffApi } from '../support/staff-api';
import {
  activitiesOn,
  claimPayment,
  era,
  readDocument,
  storeSubmittedClaim,
  testMailbox,
} from '../support/remittances';

/**
 * An 835 claim payment whose CLP01 is none of ours (the payer keyed it wrong): listed with the claims
 * it may be for, ranked, and matched by a biller, once.
 */
let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;
const MEMBER = 'MBR-UNMATCHED-7';

beforeAll(async () => {
  // The API posts with the workflow's postRemittance when no workflow waits.
  const poster = { post: undefined as undefined | ReturnType<typeof remittancePoster> };
  api = await startStaffApi(undefined, { postRemittance: (input) => poster.post!(input) });
  const db = api.database.db;
  poster.post = remittancePoster({ db, clock: () => new Date() });
  staff = await staffOfEveryRole(db, 'unmatched');
  // Same payer, charge, date of service and member: the one it is for.
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-1',
    pcn: 'D7001A1',
    chargeCents: 27_500,
    dateOfService: '2026-11-03',
    memberId: MEMBER,
  });
  // Same charge and date, another patient.
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-2',
    pcn: 'D7002A1',
    chargeCents: 27_500,
    dateOfService: '2026-11-03',
  });
  // Same charge only.
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-3',
    pcn: 'D7003A1',
    chargeCents: 27_500,
    dateOfService: '2026-10-01',
  });
  // Alike in everything, but billed to another payer: never suggested.
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-4',
    pcn: 'D7004A1',
    chargeCents: 27_500,
    dateOfService: '2026-11-03',
    memberId: MEMBER,
    payerId: 'AETNA1',
  });
  // A claim whose workflow still waits for its payment.
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-5',
    pcn: 'D7005A1',
    chargeCents: 9_900,
    dateOfService: '2026-11-04',
  });
  api.states.set('V-UM-5', { ...heldVisit('V-UM-5', { kind: 'coding_review' }), status: 'submitted' });
  const mailbox = testMailbox();
  mailbox.deliver(
    'ERA-UM',
    era('EFT-UM-1', [
      claimPayment('X7001', 27_500, 20_000, { serviceDate: '2026-11-03', patientMemberId: MEMBER }),
      claimPayment('X7005', 9_900, 8_000, { serviceDate: '2026-11-04' }),
    ]),
  );
  await readDocument(activitiesOn(db, mailbox), 'ERA-UM');
});

afterAll(() => api?.close());

const list = (who: TestStaff) =>
  request(api.app).get('/v1/unmatched-payments?pageSize=10').set('authorization', who.bearer);
const match = (who: TestStaff, id: string, body: object) =>
  request(api.app).post(`/v1/unmatched-payments/${id}/match`).set('authorization', who.bearer).send(body);

test('the queue lists every unmatched payment with our claims of that payer ranked by evidence, never the member id', async () => {
  const response = await list(staff.biller);
  expect(response.status).toBe(200);
  expect(response.body.total).toBe(2);
  const first = response.body.payments.find(
    (p: { patientControlNumber: string }) => p.patientControlNumber === 'X7001',
  );
  expect(first).toMatchObject({
    payerId: 'BCBS1',
    paidCents: 20_000,
    serviceDate: '2026-11-03',
    memberIdSent: true,
  });
  expect(
    first.suggestions.map((s: { patientControlNumber: string; score: number }) => [
      s.patientControlNumber,
      s.score,
    ]),
  ).toEqual([
    ['D7001A1', 100],
    ['D7002A1', 50],
    ['D7003A1', 20],
  ]);
  expect(first.suggestions[0].reasons).toEqual([
    "the patient's member id (NM1*QC) is the visit's",
    'same date of service (DTM*232/472)',
    'same total charge (CLP03)',
  ]);
  expect(JSON.stringify(response.body)).not.toContain(MEMBER);
  expect((await list(staff.admin)).status).toBe(403);
});

test('a biller matches a payment: attached, audited and posted once; again is a no-op, another claim a conflict', async () => {
  const db = api.database.db;
  const payment = await db.remittanceClaim.findFirstOrThrow({ where: { patientControlNumber: 'X7001' } });
  expect((await match(staff.admin, payment.id, { claimId: 'CLAIM-D7001A1' })).status).toBe(403);
  const bad = await match(staff.biller, payment.id, { claimId: 'CLAIM-NONE', extra: 1 });
  expect(bad.status).toBe(400);
  expect((await match(staff.biller, payment.id, { claimId: 'CLAIM-NONE' })).status).toBe(422);
  expect((await match(staff.biller, payment.id, { claimId: 'CLAIM-D7004A1' })).status).toBe(422);
  expect((await match(staff.biller, 'no-such-payment', { claimId: 'CLAIM-D7001A1' })).status).toBe(404);
  expect(await db.remittanceClaim.count({ where: { id: payment.id, claimId: null } })).toBe(1);

  const matched = await match(staff.biller, payment.id, { claimId: 'CLAIM-D7001A1' });
  expect(matched.status).toBe(201);
  expect(matched.body).toMatchObject({ claimId: 'CLAIM-D7001A1', delivery: 'posted', replay: false });
  const again = await match(staff.biller, payment.id, { claimId: 'CLAIM-D7001A1' });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ replay: true });
  expect((await match(staff.biller, payment.id, { claimId: 'CLAIM-D7002A1' })).status).toBe(409);

  expect(await db.payment.findMany({ where: { remittanceClaimId: payment.id } })).toMatchObject([
    { claimId: 'CLAIM-D7001A1', amountCents: 20_000 },
  ]);
  expect(await db.remittanceClaim.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
    claimId: 'CLAIM-D7001A1',
    matchedBy: staff.biller.username,
  });
  expect(
    await db.auditEvent.count({
      where: { action: 'unmatched-payment.matched', actor: staff.biller.username },
    }),
  ).toBe(1);
  const remaining = await list(staff.biller);
  expect(
    remaining.body.payments.map((p: { patientControlNumber: string }) => p.patientControlNumber),
  ).toEqual(['X7005']);
});

test("a payment for a claim whose workflow still waits is signalled to that workflow, under our claim's PCN", async () => {
  const db = api.database.db;
  const payment = await db.remittanceClaim.findFirstOrThrow({ where: { patientControlNumber: 'X7005' } });
  const supervisor = await createStaff(db, 'unmatched-supervisor-2', 'supervisor');
  const matched = await match(supervisor, payment.id, { claimId: 'CLAIM-D7005A1' });
  expect(matched.status).toBe(201);
  expect(matched.body).toMatchObject({ delivery: 'signalled' });
  expect(api.signals).toEqual([
    {
      workflowId: 'visit-V-UM-5',
      signal: 'remittanceReceived',
      payload: expect.objectContaining({ remittanceClaimId: payment.id, patientControlNumber: 'D7005A1' }),
    },
  ]);
  expect(await db.payment.count({ where: { remittanceClaimId: payment.id } })).toBe(0);
});

test("the web worklist shows each unmatched payment's suggestions, never the member id", async () => {
  const db = api.database.db;
  const mailbox = testMailbox();
  mailbox.deliver(
    'ERA-UM-WEB',
    era('EFT-UM-WEB', [
      claimPayment('X7001B', 27_500, 20_000, { serviceDate: '2026-11-03', patientMemberId: MEMBER }),
    ]),
  );
  await readDocument(activitiesOn(db, mailbox), 'ERA-UM-WEB');
  const page = await request(api.app).get('/worklists/unmatched').set('authorization', staff.biller.bearer);
  expect(page.status).toBe(200);
  expect(page.text).toContain('X7001B');
  expect(page.text).toContain(
    'D7001A1 (100: member id, date of service, charge); D7002A1 (50: date of service, charge)',
  );
  expect(page.text).not.toContain(MEMBER);
});

test('a reversal posted after its workflow closed is a late_reversal task in the review queue and on its worklist', async () => {
  const db = api.database.db;
  const claimId = await storeSubmittedClaim(db, { visitId: 'V-UM-LATE', pcn: 'D7009A1', chargeCents: 5_000 });
  const mailbox = testMailbox();
  mailbox.deliver('ERA-UM-PAID', era('EFT-UM-PAID', [claimPayment('D7009A1', 5_000, 4_000)]));
  mailbox.deliver('ERA-UM-REV', era('EFT-UM-REV', [claimPayment('D7009A1', -5_000, -4_000)]));
  const activities = activitiesOn(db, mailbox);
  await readDocument(activities, 'ERA-UM-PAID');
  const paid = await db.remittanceClaim.findFirstOrThrow({
    where: { remittance: { traceNumber: 'EFT-UM-PAID' } },
  });
  await activities.postRemittance({ claimId, remittanceClaimId: paid.id });
  await readDocument(activities, 'ERA-UM-REV');
  const reversal = await db.remittanceClaim.findFirstOrThrow({
    where: { remittance: { traceNumber: 'EFT-UM-REV' } },
  });
  await activities.postLateRemittance({ remittanceClaimId: reversal.id });

  const queue = await request(api.app)
    .get('/v1/review-tasks?kind=late_reversal')
    .set('authorization', staff.biller.bearer);
  expect(queue.status).toBe(200);
  expect(queue.body.tasks).toMatchObject([{ visitId: 'V-UM-LATE', kind: 'late_reversal', status: 'open' }]);
  const page = await request(api.app)
    .get('/worklists/late-remittances')
    .set('authorization', staff.biller.bearer);
  expect(page.status).toBe(200);
  expect(page.text).toContain('V-UM-LATE');
  expect(page.text).toContain('reversal (CLP02 22) of claim D7009A1');

  // Staff close it with what they did; again changes nothing; an admin may not.
  const taskId = queue.body.tasks[0].taskId as string;
  const resolve = (who: TestStaff, body: object) =>
    request(api.app)
      .post(`/v1/late-remittances/${taskId}/resolve`)
      .set('authorization', who.bearer)
      .send(body);
  expect((await resolve(staff.admin, { note: 'refund issued' })).status).toBe(403);
  expect((await resolve(staff.biller, {})).status).toBe(400);
  const resolved = await resolve(staff.biller, { note: 'refund issued' });
  expect(resolved.status).toBe(200);
  expect(resolved.body).toMatchObject({ resolvedBy: staff.biller.username, replay: false });
  expect((await resolve(staff.supervisor, { note: 'again' })).body).toMatchObject({
    resolvedBy: staff.biller.username,
    replay: true,
  });
  expect(await db.reviewTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
    status: 'resolved',
    resolution: { note: 'refund issued' },
  });
  // A task a workflow owns is not closed here.
  await db.reviewTask.create({ data: { id: 'T-DENIAL-1', visitId: 'V-UM-5', kind: 'denial', reasons: [] } });
  const notLate = await request(api.app)
    .post('/v1/late-remittances/T-DENIAL-1/resolve')
    .set('authorization', staff.biller.bearer)
    .send({ note: 'x' });
  expect(notLate.status).toBe(404);
});

test('the remittance balance report names every remittance whose postings do not add up to its BPR', async () => {
  const get = (query: string) =>
    request(api.app).get(`/v1/remittance-balances${query}`).set('authorization', staff.biller.bearer);
  const unbalanced = await get('');
  expect(unbalanced.status).toBe(200);
  const byTrace = (rows: Array<{ traceNumber: string }>, trace: string) =>
    rows.find((r) => r.traceNumber === trace);
  // X7001 was posted by the staff match; X7005 waits for its workflow: 80.00 not yet accounted for.
  expect(byTrace(unbalanced.body.remittances, 'EFT-UM-1')).toMatchObject({
    paymentCents: 28_000,
    postedCents: 20_000,
    differenceCents: -8_000,
    unpostedClaims: 1,
    balanced: false,
  });
  expect(byTrace(unbalanced.body.remittances, 'EFT-UM-PAID')).toBeUndefined();
  const all = await get('?unbalanced=false&pageSize=100');
  expect(byTrace(all.body.remittances, 'EFT-UM-PAID')).toMatchObject({ balanced: true, differenceCents: 0 });
  expect((await get('?unbalanced=maybe')).status).toBe(400);
});

test("a takeback (PLB WO) naming one of our claims shows on that claim in the visit's record", async () => {
  const db = api.database.db;
  await storeSubmittedClaim(db, {
    visitId: 'V-UM-TB',
    pcn: 'D7020A1',
    chargeCents: 12_000,
    payerClaimNumber: 'PAYER-TB-1',
  });
  const mailbox = testMailbox();
  mailbox.deliver(
    'ERA-UM-TB',
    era(
      'EFT-UM-TB',
      [claimPayment('D7020A1', 12_000, 9_000)],
      [{ reasonCode: 'WO', reference: 'PAYER-TB-1', amountCents: 2_500 }],
    ),
  );
  await readDocument(activitiesOn(db, mailbox), 'ERA-UM-TB');
  const visit = await request(api.app).get('/v1/visits/V-UM-TB').set('authorization', staff.biller.bearer);
  expect(visit.status).toBe(200);
  expect(visit.body.claims[0].providerAdjustmentPostings).toMatchObject([
    { reasonCode: 'WO', reference: 'PAYER-TB-1', amountCents: 2_500, category: 'takeback' },
  ]);
});
