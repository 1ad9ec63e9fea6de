import request from 'supertest';
import { patientAccountDiscrepancies } from '../../src/payments/ledger-check';
import { startStaffApi, type StaffApi } from '../support/staff-api';
import { staffOfEveryRole, type TestStaff } from '../support/staff';
import { issueInitialStatement, paidVisit } from './seed';

let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'pb');
});
afterAll(async () => {
  await api?.close();
});

const db = () => api.database.db;

function pay(body: object, key: string | undefined, as: TestStaff = staff.biller) {
  const req = request(api.app).post('/v1/patient-payments').set('authorization', as.bearer);
  return (key ? req.set('idempotency-key', key) : req).send(body);
}

const patientAr = (visitId: string) =>
  db().ledgerEntry.findMany({ where: { visitId, account: 'PATIENT_AR' }, orderBy: { createdAt: 'asc' } });

/** The text of an uncompressed pdfkit PDF: its TJ strings (hex-encoded WinAnsi), one per line. */
function pdfText(bytes: Buffer): string {
  const arrays = bytes.toString('latin1').match(/\[([^\]]*)\] TJ/g) ?? [];
  return arrays
    .map((array) =>
      [...array.matchAll(/<([0-9a-fA-F]+)>/g)]
        .map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

test('a statement reads the same as HTML and PDF: practice, visit, services, insurance, amount due, how to pay', async () => {
  await paidVisit(db(), 'PB-DOC');
  const statement = await issueInitialStatement(db(), 'PB-DOC');
  expect(statement).toMatchObject({ amountDueCents: 3825, cycle: 1, kind: 'initial' });
  const expected = [
    'Riverside Dermatology Group',
    '100 Main Street',
    '(217) 555-0100',
    'Patient statement',
    'Date of service: 2026-11-20',
    'Provider: Maya Lindqvist',
    '17000',
    'destruction of premalignant lesion',
    'Insurance paid: -$153.00',
    'Insurance adjustments: -$63.75',
    'Amount due: $38.25',
    'Online: https://pay.example.com/riverside-dermatology',
  ];
  const html = await request(api.app)
    .get(`/v1/statements/${statement!.statementId}`)
    .set('authorization', staff.biller.bearer);
  expect(html.status).toBe(200);
  expect(html.type).toBe('text/html');
  const htmlText = html.text
    .replace(/<\/dt><dd>|<\/th><td>/g, ': ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ :/g, ':');
  for (const phrase of expected.map((p) => p.replace('-$', '−$'))) expect(htmlText).toContain(phrase);
  expect(html.text).toContain('Elena Fischer');

  const pdf = await request(api.app)
    .get(`/v1/statements/${statement!.statementId}.pdf`)
    .set('authorization', staff.biller.bearer)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  const bytes = pdf.body as Buffer;
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(bytes);
  for (const phrase of expected) expect(text.replace(/\s+/g, ' ')).toContain(phrase);
});

test('the statement re-renders from its snapshot: later postings do not change an issued statement', async () => {
  await paidVisit(db(), 'PB-SNAP');
  const statement = await issueInitialStatement(db(), 'PB-SNAP');
  const before = await request(api.app)
    .get(`/v1/statements/${statement!.statementId}`)
    .set('authorization', staff.biller.bearer);
  expect((await pay({ visitId: 'PB-SNAP', amountCents: 1000, method: 'cash' }, 'snap-key-0001')).status).toBe(
    201,
  );
  const after = await request(api.app)
    .get(`/v1/statements/${statement!.statementId}`)
    .set('authorization', staff.biller.bearer);
  expect(after.text).toBe(before.text);
  expect(await issueInitialStatement(db(), 'PB-SNAP')).toEqual(statement);
});

test('a partial payment, then the payment that closes the balance; the workflow hears of each by ids and cents', async () => {
  await paidVisit(db(), 'PB-PART');
  const first = await pay(
    { visitId: 'PB-PART', amountCents: 2000, method: 'check', reference: '1042' },
    'part-key-0001',
  );
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    balanceCents: 1825,
    payment: { amountCents: 2000, method: 'check', receivedBy: 'pb-biller' },
  });
  const second = await pay({ visitId: 'PB-PART', amountCents: 1825, method: 'cash' }, 'part-key-0002');
  expect(second.status).toBe(201);
  expect(second.body.balanceCents).toBe(0);
  expect((await patientAr('PB-PART')).map((e) => [e.entryType, e.amountCents])).toEqual([
    ['patient_responsibility', 3825],
    ['patient_payment', -2000],
    ['patient_payment', -1825],
  ]);
  expect(api.signals.filter((s) => s.workflowId === 'visit-PB-PART')).toEqual([
    {
      workflowId: 'visit-PB-PART',
      signal: 'patientPaymentReceived',
      payload: { paymentId: first.body.payment.paymentId, amountCents: 2000, balanceCents: 1825 },
    },
    {
      workflowId: 'visit-PB-PART',
      signal: 'patientPaymentReceived',
      payload: { paymentId: second.body.payment.paymentId, amountCents: 1825, balanceCents: 0 },
    },
  ]);
  const audit = await db().auditEvent.findMany({
    where: { visitId: 'PB-PART', action: 'patient-payment.posted' },
  });
  expect(audit.map((a) => a.actor)).toEqual(['pb-biller', 'pb-biller']);
});

test('an overpayment leaves a credit and opens a refund task', async () => {
  await paidVisit(db(), 'PB-OVER');
  const response = await pay({ visitId: 'PB-OVER', amountCents: 5000, method: 'cash' }, 'over-key-0001');
  expect(response.status).toBe(201);
  expect(response.body.balanceCents).toBe(-1175);
  const tasks = await db().reviewTask.findMany({ where: { visitId: 'PB-OVER' } });
  expect(tasks).toEqual([
    expect.objectContaining({ id: response.body.refundTaskId, kind: 'patient_refund', status: 'open' }),
  ]);
  expect(tasks[0]!.reasons).toEqual([expect.stringContaining('credit of 1175 cents')]);
});

test("staff close the account's tasks no workflow owns: a biller the refund, only a supervisor a collections task", async () => {
  const refund = await db().reviewTask.findFirstOrThrow({
    where: { visitId: 'PB-OVER', kind: 'patient_refund' },
  });
  const resolve = (taskId: string, as: TestStaff) =>
    request(api.app)
      .post(`/v1/account-tasks/${taskId}/resolve`)
      .set('authorization', as.bearer)
      .send({ note: 'refunded by check 4411' });
  const closed = await resolve(refund.id, staff.biller);
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({
    outcome: 'resolved',
    resolvedBy: staff.biller.username,
    replay: false,
  });
  expect((await resolve(refund.id, staff.supervisor)).body).toMatchObject({
    replay: true,
    resolvedBy: staff.biller.username,
  });
  expect(await db().reviewTask.findUniqueOrThrow({ where: { id: refund.id } })).toMatchObject({
    status: 'resolved',
    resolution: { note: 'refunded by check 4411' },
  });
  expect(await db().auditEvent.count({ where: { action: 'review.resolved.patient_refund' } })).toBe(1);

  await paidVisit(db(), 'PB-COLL');
  await db().reviewTask.create({
    data: {
      id: 'T-COLL-1',
      visitId: 'PB-COLL',
      kind: 'patient_collections',
      reasons: ['final notice unpaid'],
    },
  });
  expect((await resolve('T-COLL-1', staff.biller)).status).toBe(403);
  expect((await db().reviewTask.findUniqueOrThrow({ where: { id: 'T-COLL-1' } })).status).toBe('open');
  expect((await resolve('T-COLL-1', staff.supervisor)).status).toBe(200);
  // A task a workflow owns is not closed this way.
  await db().reviewTask.create({
    data: { id: 'T-CODING-1', visitId: 'PB-COLL', kind: 'coding_review', reasons: ['low confidence'] },
  });
  expect((await resolve('T-CODING-1', staff.supervisor)).status).toBe(404);
});

test('the same Idempotency-Key: the same payment again is answered once; another payment under it is refused', async () => {
  await paidVisit(db(), 'PB-IDEM');
  const body = { visitId: 'PB-IDEM', amountCents: 1500, method: 'cash' };
  const first = await pay(body, 'idem-key-0001');
  const again = await pay(body, 'idem-key-0001');
  expect([first.status, again.status]).toEqual([201, 200]);
  expect(again.body.payment).toEqual(first.body.payment);
  const other = await pay({ ...body, amountCents: 1600 }, 'idem-key-0001');
  expect(other.status).toBe(422);
  expect(other.body.error).toMatch(/different payment/);
  expect((await patientAr('PB-IDEM')).filter((e) => e.entryType === 'patient_payment')).toHaveLength(1);
  expect(await db().patientPayment.count({ where: { visitId: 'PB-IDEM' } })).toBe(1);
});

test('a declined card posts nothing (402 with the reason); an approved card is charged and posted', async () => {
  await paidVisit(db(), 'PB-CARD');
  const declined = await pay(
    { visitId: 'PB-CARD', amountCents: 3825, method: 'card', reference: 'tok_insufficient_funds' },
    'card-key-0001',
  );
  expect(declined.status).toBe(402);
  expect(declined.body.declineReason).toBe('insufficient funds');
  expect(await db().patientPayment.count({ where: { visitId: 'PB-CARD' } })).toBe(0);
  expect(await patientAr('PB-CARD')).toHaveLength(1);
  // Retrying the same key with another card is a new charge.
  const approved = await pay(
    { visitId: 'PB-CARD', amountCents: 3825, method: 'card', reference: 'tok_visa' },
    'card-key-0001',
  );
  expect(approved.status).toBe(201);
  expect(approved.body.balanceCents).toBe(0);
  expect(await db().sandboxCardCharge.findMany({ orderBy: { createdAt: 'asc' } })).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ reference: 'tok_insufficient_funds', approved: false }),
      expect.objectContaining({ reference: 'tok_visa', approved: true, amountCents: 3825 }),
    ]),
  );
});

test('bad payments are 400s with every problem; admins may not take payments; nothing is posted', async () => {
  await paidVisit(db(), 'PB-BAD');
  const bad = await pay({ visitId: 'PB-BAD', amountCents: 12.5, method: 'bitcoin' }, undefined);
  expect(bad.status).toBe(400);
  expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual([
    'Idempotency-Key',
    'amountCents',
    'method',
  ]);
  expect((await pay({ visitId: 'PB-BAD', amountCents: 0, method: 'cash' }, 'bad-key-0001')).status).toBe(400);
  expect(
    (await pay({ visitId: 'PB-BAD', amountCents: 100, method: 'cash' }, 'bad-key-0002', staff.admin)).status,
  ).toBe(403);
  expect((await pay({ visitId: 'PB-NONE', amountCents: 100, method: 'cash' }, 'bad-key-0003')).status).toBe(
    404,
  );
  expect(await db().patientPayment.count({ where: { visitId: 'PB-BAD' } })).toBe(0);
});

test("a visit's patient balance lists its statements with links and its payments; the account (an opaque id) sums its visits", async () => {
  await paidVisit(db(), 'PB-ACC1', 'MRN-SHARED');
  await paidVisit(db(), 'PB-ACC2', 'MRN-SHARED');
  const statement = await issueInitialStatement(db(), 'PB-ACC1');
  await pay({ visitId: 'PB-ACC1', amountCents: 825, method: 'cash' }, 'acc-key-0001');
  const visit = await request(api.app)
    .get('/v1/visits/PB-ACC1/patient-balance')
    .set('authorization', staff.biller.bearer);
  expect(visit.status).toBe(200);
  expect(visit.body).toMatchObject({
    visitId: 'PB-ACC1',
    balanceCents: 3000,
    statements: [
      {
        statementId: statement!.statementId,
        cycle: 1,
        kind: 'initial',
        amountDueCents: 3825,
        html: `/v1/statements/${statement!.statementId}`,
        pdf: `/v1/statements/${statement!.statementId}.pdf`,
      },
    ],
    payments: [{ amountCents: 825, method: 'cash' }],
  });
  expect(visit.body.account).not.toContain('MRN');
  const account = await request(api.app)
    .get(visit.body.account as string)
    .set('authorization', staff.supervisor.bearer);
  expect(account.status).toBe(200);
  expect(account.body.balanceCents).toBe(3000 + 3825);
  expect(account.body.visits.map((v: { visitId: string }) => v.visitId).sort()).toEqual([
    'PB-ACC1',
    'PB-ACC2',
  ]);
  expect(JSON.stringify(account.body)).not.toContain('MRN-SHARED');
  expect(
    (
      await request(api.app)
        .get(visit.body.account as string)
        .set('authorization', staff.admin.bearer)
    ).status,
  ).toBe(403);
});

test('the ledger check finds nothing on clean books and a planted discrepancy when there is one', async () => {
  expect(await patientAccountDiscrepancies(db())).toEqual([]);
  await paidVisit(db(), 'PB-CHECK');
  await issueInitialStatement(db(), 'PB-CHECK');
  const paid = await pay({ visitId: 'PB-CHECK', amountCents: 1000, method: 'cash' }, 'check-key-0001');
  expect(await patientAccountDiscrepancies(db())).toEqual([]);
  // Planted: the payment's ledger entry says 100 cents, the payment 1000.
  await db().ledgerEntry.updateMany({
    where: { idempotencyKey: `patient-payment:${paid.body.payment.paymentId}` },
    data: { amountCents: -100 },
  });
  const found = await patientAccountDiscrepancies(db());
  expect(found.map((d) => [d.check, d.subject])).toEqual([
    ['patient-payment-posted', paid.body.payment.paymentId],
  ]);
  // Planted: a statement whose amount due is not what its lines sum to.
  await db().ledgerEntry.updateMany({
    where: { idempotencyKey: `patient-payment:${paid.body.payment.paymentId}` },
    data: { amountCents: -1000 },
  });
  const statement = await db().patientStatement.findFirstOrThrow({ where: { visitId: 'PB-CHECK' } });
  await db().patientStatement.update({ where: { id: statement.id }, data: { amountDueCents: 4000 } });
  expect((await patientAccountDiscrepancies(db())).map((d) => [d.check, d.subject])).toEqual([
    ['statement-lines', statement.id],
    ['patient-balance', 'PB-CHECK'],
  ]);
});

test("the claim page shows the visit's statements with their documents and the patient's payments", async () => {
  await paidVisit(db(), 'PB-PAGE');
  const statement = await issueInitialStatement(db(), 'PB-PAGE');
  await pay({ visitId: 'PB-PAGE', amountCents: 1234, method: 'check', reference: '2001' }, 'page-key-0001');
  const page = await request(api.app).get('/claims/PB-PAGE').set('authorization', staff.biller.bearer);
  expect(page.status).toBe(200);
  const section = page.text.slice(
    page.text.indexOf('id="patient-heading"'),
    page.text.indexOf('id="audit-heading"'),
  );
  expect(section).toContain('The patient owes <strong>$25.91</strong>');
  expect(section).toContain(`<a href="/v1/statements/${statement!.statementId}.pdf">PDF</a>`);
  expect(section).toMatch(/<td>check<\/td><td>\$12\.34<\/td><td>pb-biller<\/td>/);
});
