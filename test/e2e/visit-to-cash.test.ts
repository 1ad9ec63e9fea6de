import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { reversalOf } from '../../src/clearinghouse/sandbox/payer-rules';
import type { ClaimPayment } from '../../src/remittance/types';
import { era } from '../support/remittances';
import { visitWorkflowId, type VisitBillingState } from '../../src/visit-billing/messages';
import { claimStateQuery } from '../../src/temporal/visit-messages';
import { E2E_WEBHOOK_SECRET, startE2eBilling, type E2eBilling } from '../support/e2e-billing';
import { createStaff, type TestStaff } from '../support/staff';
import { actinicKeratosisVisit, mohsGraftVisitV2 } from '../support/visit-fixture';
import { readFixture } from '../x12/helpers';
import { runLedgerChecks } from '../../src/ledger/run-checks';

const SECRET = E2E_WEBHOOK_SECRET;

let e2e: E2eBilling;
let env: E2eBilling['env'];
let billingDb: E2eBilling['billingDb'];
let clearinghouseDb: E2eBilling['clearinghouseDb'];
let sandbox: E2eBilling['sandbox'];
let app: E2eBilling['app'];
/** The billing office's biller, signed in with an API key. */
let biller: TestStaff;
/** A second biller, deciding at the same moment. */
let secondBiller: TestStaff;

beforeAll(async () => {
  e2e = await startE2eBilling('e2e-billing');
  ({ env, billingDb, clearinghouseDb, sandbox, app } = e2e);
  biller = await createStaff(billingDb.db, 'bea.biller', 'biller');
  secondBiller = await createStaff(billingDb.db, 'ben.biller', 'biller');
});

afterAll(() => e2e?.stop());

const postVisit = (body: unknown, secret?: string) => e2e.postVisit(body, secret);
const startWorker = () => e2e.startWorker();
const stopWorker = () => e2e.stopWorker();

async function waitForState(
  visitId: string,
  done: (s: VisitBillingState) => boolean,
): Promise<VisitBillingState> {
  const handle = env.client.workflow.getHandle(visitWorkflowId(visitId));
  for (let i = 0; i < 600; i++) {
    const state = await handle.query(claimStateQuery).catch(() => undefined);
    if (state && done(state)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`visit ${visitId} did not reach the expected state`);
}

async function ledgerBalance(visitId: string, account: 'INSURANCE_AR' | 'PATIENT_AR'): Promise<number> {
  const sum = await billingDb.db.ledgerEntry.aggregate({
    where: { visitId, account },
    _sum: { amountCents: true },
  });
  return sum._sum.amountCents ?? 0;
}

/** What `dermclaims ledger check` finds about these claims (other tests' visits may still be open). */
async function ledgerDiscrepanciesOf(claimIds: string[]) {
  const report = await runLedgerChecks(billingDb.db);
  return report.discrepancies.filter((d) =>
    claimIds.some((id) => d.subject === id || d.message.includes(id)),
  );
}

test('a posted visit is coded, submitted as an 837P, acknowledged, paid by 835 and posted to a balanced ledger', async () => {
  const visit = actinicKeratosisVisit('E2E-PAID-1');
  const response = await postVisit(visit);
  expect(response.status).toBe(202);
  expect(response.body).toMatchObject({
    visitId: 'E2E-PAID-1',
    workflowId: 'visit-E2E-PAID-1',
    duplicate: false,
  });

  const handle = env.client.workflow.getHandle('visit-E2E-PAID-1');
  const final = (await handle.result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.history.map((h) => h.status)).toEqual([
    'coding',
    'eligibility',
    'submitted',
    'accepted',
    'paid',
    'patient_billed',
    'closed',
  ]);
  expect(final.lines.map((l) => `${l.code}${l.modifiers.map((m) => `-${m}`).join('')}x${l.units}`)).toEqual([
    '99213-25x1',
    '17000x1',
    '17003x2',
  ]);

  const claims = await billingDb.db.claim.findMany({
    where: { visitId: visit.visitId },
    include: { submissions: true },
  });
  expect(claims).toHaveLength(1);
  expect(claims[0]!.status).toBe('paid');
  expect(claims[0]!.submissions).toHaveLength(1);

  // Every exchange was real X12, stored as received.
  const documents = await billingDb.db.inboundDocument.findMany();
  expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(['999', '277CA', '835']));
  for (const d of documents) expect(d.raw.startsWith('ISA*')).toBe(true);
  const listed = await request(app).get('/v1/inbound-documents').set('authorization', biller.bearer);
  expect(listed.body.documents.map((d: { id: string }) => d.id).sort()).toEqual(
    documents.map((d) => d.id).sort(),
  );
  const unreadable = await request(app)
    .get('/v1/inbound-documents?problem=true')
    .set('authorization', biller.bearer);
  expect(unreadable.body.documents).toEqual([]);
  const received837 = await request(sandbox.url).get(
    `/submissions/${claims[0]!.submissions[0]!.submissionId}/837`,
  );
  expect(received837.text).toContain(`CLM*${claims[0]!.patientControlNumber}*`);

  // Ledger: insurance receivable fully resolved; the patient owes exactly the PR adjustments.
  const payment = await billingDb.db.payment.findFirstOrThrow({ where: { claimId: claims[0]!.id } });
  const patientShare = await billingDb.db.adjustment.aggregate({
    where: { claimId: claims[0]!.id, groupCode: 'PR' },
    _sum: { amountCents: true },
  });
  expect(payment.amountCents).toBe(final.paidCents);
  expect(await ledgerBalance(visit.visitId, 'INSURANCE_AR')).toBe(0);
  expect(await ledgerBalance(visit.visitId, 'PATIENT_AR')).toBe(patientShare._sum.amountCents);
  const statement = await billingDb.db.patientStatement.findFirstOrThrow({
    where: { visitId: visit.visitId },
  });
  expect(statement.amountDueCents).toBe(patientShare._sum.amountCents);
  expect(await ledgerDiscrepanciesOf(claims.map((c) => c.id))).toEqual([]);

  // The run is findable in the Web UI by its custom search attributes.
  const description = await handle.describe();
  expect(description.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value])).toEqual(
    expect.arrayContaining([
      ['ClaimStatus', 'closed'],
      ['PayerId', 'BCBS1'],
      ['NeedsReview', false],
    ]),
  );

  const visitView = await request(app).get('/v1/visits/E2E-PAID-1').set('authorization', biller.bearer);
  expect(visitView.status).toBe(200);
  expect(visitView.body.ledger).toMatchObject({
    insuranceBalanceCents: 0,
    patientBalanceCents: statement.amountDueCents,
  });
  // Timely filing: the claim shows its deadline, the date of service plus this policy's 3650 days.
  const { dateOfService } = await billingDb.db.visit.findUniqueOrThrow({ where: { id: visit.visitId } });
  expect(visitView.body.claims[0].timelyFilingDeadline).toBe(
    new Date(dateOfService.getTime() + 3650 * 86_400_000).toISOString(),
  );
});

test('the same visit posted again finds the same workflow and makes no second claim', async () => {
  const visit = actinicKeratosisVisit('E2E-DUP-1');
  const first = await postVisit(visit);
  const again = await postVisit(visit); // same event id (a webhook retry)
  const renamed = await postVisit({ ...visit, eventId: 'EV-E2E-DUP-1-b' }); // a second event for the visit
  expect([first.status, again.status, renamed.status]).toEqual([202, 202, 202]);
  expect(again.body).toMatchObject({
    workflowId: first.body.workflowId,
    runId: first.body.runId,
    duplicate: true,
  });
  expect(renamed.body).toMatchObject({
    workflowId: first.body.workflowId,
    runId: first.body.runId,
    duplicate: true,
  });
  await env.client.workflow.getHandle('visit-E2E-DUP-1').result();
  // Posting after the run has closed still starts nothing.
  const late = await postVisit({ ...visit, eventId: 'EV-E2E-DUP-1-c' });
  expect(late.body).toMatchObject({ runId: first.body.runId, duplicate: true });

  expect(await billingDb.db.claim.count({ where: { visitId: visit.visitId } })).toBe(1);
  expect(await billingDb.db.submission.count({ where: { claim: { visitId: visit.visitId } } })).toBe(1);
  expect(await billingDb.db.payment.count({ where: { claim: { visitId: visit.visitId } } })).toBe(1);
  let runs = 0;
  for await (const _ of env.client.workflow.list({ query: `WorkflowId = 'visit-E2E-DUP-1'` })) runs += 1;
  expect(runs).toBe(1);
});

test('bad input is refused with the precise problems, and nothing is written or started', async () => {
  const before = await Promise.all([billingDb.db.visit.count(), billingDb.db.webhookDelivery.count()]);
  const visit = actinicKeratosisVisit('E2E-BAD-1');
  const bad = {
    ...visit,
    dateOfService: '20-11-2026',
    renderingProvider: { ...visit.renderingProvider, npi: '123' },
    procedures: [{ id: 'P1', kind: 'destruction_premalignant', lesionIds: ['NOPE'] }],
  };
  const response = await postVisit(bad);
  expect(response.status).toBe(400);
  expect(response.body.problems).toEqual(
    expect.arrayContaining([
      { path: 'dateOfService', message: 'must be a real calendar date YYYY-MM-DD between 1900 and 2099' },
      { path: 'renderingProvider.npi', message: 'must be a 10-digit NPI' },
    ]),
  );
  const dangling = await postVisit({
    ...visit,
    procedures: [{ id: 'P1', kind: 'biopsy_punch', lesionIds: ['NOPE'] }],
  });
  expect(dangling.status).toBe(400);
  expect(dangling.body.problems).toEqual([
    { path: 'procedures.0.lesionIds.0', message: 'no lesion with id NOPE' },
  ]);

  const unsigned = await postVisit(visit, 'a-different-secret-000000');
  expect(unsigned.status).toBe(401);
  const notJson = await request(app)
    .post('/v1/webhooks/visit-completed')
    .set('x-dermclaims-signature', signWebhookBody(SECRET, '{oops', Math.floor(Date.now() / 1000)))
    .send('{oops');
  expect(notJson.status).toBe(400);

  expect(await Promise.all([billingDb.db.visit.count(), billingDb.db.webhookDelivery.count()])).toEqual(
    before,
  );
  await expect(env.client.workflow.getHandle('visit-E2E-BAD-1').describe()).rejects.toThrow(/not found/i);
});

test('staff see a held claim in the review queue and their decision, sent through the API, reaches the workflow', async () => {
  const visit = actinicKeratosisVisit('E2E-REVIEW-1', 'INACT55501'); // sandbox: coverage inactive
  expect((await postVisit(visit)).status).toBe(202);
  const held = await waitForState(visit.visitId, (s) => s.status === 'needs_review');
  expect(held.openReview?.reasons.join(' ')).toMatch(/coverage is inactive/);

  const queue = await request(app).get('/v1/review-tasks').set('authorization', biller.bearer);
  expect(queue.body.tasks).toEqual(
    expect.arrayContaining([expect.objectContaining({ visitId: visit.visitId, kind: 'coding_review' })]),
  );
  expect((await request(app).get('/v1/review-tasks')).status).toBe(401);

  const invalid = await request(app)
    .post(`/v1/visits/${visit.visitId}/review-decision`)
    .set('authorization', biller.bearer)
    .send({ action: 'amend' });
  expect(invalid.status).toBe(400);
  expect(invalid.body.problems).toEqual([
    { path: 'lines', message: 'an amendment must give the corrected lines' },
  ]);

  // Codes the coding rules reject: refused at once, and the task stays open, unchanged.
  const refused = await request(app)
    .post(`/v1/visits/${visit.visitId}/review-decision`)
    .set('authorization', biller.bearer)
    .send({
      action: 'amend',
      lines: [{ code: '27447', modifiers: [], units: 1, diagnosisPointers: [1] }],
    });
  expect(refused.status).toBe(422);
  expect(refused.body.refusal).toBe('invalid_amendment');
  expect(refused.body.problems).toEqual([
    { path: 'lines.0.code', message: "27447 is not on the practice's fee schedule" },
  ]);
  const unchanged = await waitForState(visit.visitId, (s) => s.status === 'needs_review');
  expect(unchanged.openReview?.taskId).toBe(held.openReview?.taskId);
  expect(unchanged.lines).toEqual(held.lines);

  // Two billers decide at the same moment: one decision wins, the other is refused as a conflict.
  // Each body claims to be an automatic rule: a decision is still its signed-in biller's.
  const decide = (who: TestStaff) =>
    request(app).post(`/v1/visits/${visit.visitId}/review-decision`).set('authorization', who.bearer).send({
      action: 'bill_patient',
      reviewer: 'dermclaims denial rules',
      note: 'coverage ended; patient informed',
    });
  const [first, second] = await Promise.all([decide(biller), decide(secondBiller)]);
  expect([first.status, second.status].sort()).toEqual([200, 409]);
  const winner = first.status === 200 ? biller : secondBiller;
  const loser = first.status === 200 ? second : first;
  expect((first.status === 200 ? first : second).body.decidedBy).toBe(winner.username);
  expect(loser.body.refusal).toMatch(/already_decided|decision_in_progress|no_open_review/);
  const final = (await env.client.workflow.getHandle(`visit-${visit.visitId}`).result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(await billingDb.db.claim.count({ where: { visitId: visit.visitId } })).toBe(0);
  const total = final.selfPayLines.reduce((s, l) => s + l.chargeCents, 0);
  expect(await ledgerBalance(visit.visitId, 'PATIENT_AR')).toBe(total);
  const task = await billingDb.db.reviewTask.findFirstOrThrow({
    where: { visitId: visit.visitId, kind: { not: 'patient_collections' } },
  });
  expect(task).toMatchObject({ status: 'resolved', resolvedBy: winner.username });
  const late = await request(app)
    .post(`/v1/visits/${visit.visitId}/review-decision`)
    .set('authorization', biller.bearer)
    .send({ action: 'approve' });
  expect(late.status).toBe(409); // the visit's workflow has finished: nothing open to decide
  expect(late.body.refusal).toBe('no_open_review');
  // The API request (with its outcome) and the workflow's resolution are both the winner's.
  const audit = await billingDb.db.auditEvent.findMany({
    where: { visitId: visit.visitId, actorUserId: winner.userId },
    orderBy: { at: 'asc' },
  });
  const rows = audit.map((a) => [a.action, a.outcome, a.actor, a.actorRole]);
  expect(rows).toEqual(
    expect.arrayContaining([
      ['review.decide', 'succeeded', winner.username, 'biller'],
      ['review.bill_patient', 'succeeded', winner.username, 'biller'],
    ]),
  );
  expect(
    rows.filter(([action, outcome]) => action === 'review.decide' && outcome === 'succeeded'),
  ).toHaveLength(1);
  expect(await billingDb.db.auditEvent.count({ where: { actor: 'dermclaims denial rules' } })).toBe(0);
});

test('a worker stopped and restarted in the middle of a run finishes it with nothing duplicated', async () => {
  const visit = actinicKeratosisVisit('E2E-RESTART-1');
  expect((await postVisit(visit)).status).toBe(202);
  await waitForState(visit.visitId, (s) => s.status !== 'received');
  await stopWorker();
  const stateWhileDown = await env.client.workflow.getHandle(`visit-${visit.visitId}`).describe();
  expect(stateWhileDown.status.name).toBe('RUNNING');
  await startWorker();

  const final = (await env.client.workflow.getHandle(`visit-${visit.visitId}`).result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  const where = { claim: { visitId: visit.visitId } };
  expect(await billingDb.db.claim.count({ where: { visitId: visit.visitId } })).toBe(1);
  expect(await billingDb.db.submission.count({ where })).toBe(1);
  expect(await billingDb.db.payment.count({ where })).toBe(1);
  expect(await billingDb.db.patientStatement.count({ where: { visitId: visit.visitId } })).toBe(1);
  expect(await clearinghouseDb.db.sandboxSubmission.count()).toBe(
    await billingDb.db.submission.count(), // the clearinghouse saw each claim exactly once
  );
  expect(await ledgerBalance(visit.visitId, 'INSURANCE_AR')).toBe(0);
});

test('an excision waits for its pathology report; the signal from the API re-codes it in the malignant range', async () => {
  const example = JSON.parse(
    readFileSync(path.join(__dirname, '../../docs/examples/visit-excision-pending-pathology.json'), 'utf8'),
  ) as { visitId: string; eventId: string };
  const visit = { ...example, visitId: 'E2E-PATH-1', eventId: 'EV-E2E-PATH-1' };
  expect((await postVisit(visit)).status).toBe(202);
  const held = await waitForState(visit.visitId, (s) => s.status === 'pathology_hold');
  expect(held.pendingPathologyLesionIds).toEqual(['L1']);
  expect(await billingDb.db.claim.count({ where: { visitId: visit.visitId } })).toBe(0);

  const wrongLesion = await request(app)
    .post(`/v1/visits/${visit.visitId}/pathology-results`)
    .set('authorization', biller.bearer)
    .send({ lesionId: 'L9', result: 'malignant' });
  expect(wrongLesion.status).toBe(409);
  const report = await request(app)
    .post(`/v1/visits/${visit.visitId}/pathology-results`)
    .set('authorization', biller.bearer)
    .send({ lesionId: 'L1', result: 'malignant', diagnosisCode: 'C44.519', reportedBy: 'someone-else' });
  expect(report.status).toBe(202);

  const final = (await env.client.workflow.getHandle(`visit-${visit.visitId}`).result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  // 1.0 cm lesion + 2 × 0.2 cm margins = 1.4 cm on the trunk, malignant: 11602.
  const excision = final.lines.find((l) => l.code.startsWith('116'));
  expect(excision).toMatchObject({ code: '11602', lesionId: 'L1' });
  expect(final.diagnosisCodes[excision!.diagnosisPointers[0]! - 1]).toBe('C44.519');
  const claim = await billingDb.db.claim.findFirstOrThrow({
    where: { visitId: visit.visitId },
    include: { lines: true },
  });
  expect(claim.lines.map((l) => l.code)).toContain('11602');
  // Recorded by the signed-in biller, whatever the body's reportedBy said.
  const recorded = await billingDb.db.auditEvent.findFirstOrThrow({
    where: { visitId: visit.visitId, action: 'pathology.final' },
  });
  expect(recorded).toMatchObject({ actor: 'bea.biller', actorUserId: biller.userId, actorRole: 'biller' });
});

test('runs are found in the Web UI by their custom search attributes', async () => {
  const query = `ClaimStatus = "closed" AND PayerId = "BCBS1" AND NeedsReview = false`;
  let found: string[] = [];
  for (let i = 0; i < 50 && !found.includes('visit-E2E-PAID-1'); i++) {
    found = [];
    for await (const run of env.client.workflow.list({ query })) found.push(run.workflowId);
    if (!found.includes('visit-E2E-PAID-1')) await new Promise((r) => setTimeout(r, 200));
  }
  expect(found).toContain('visit-E2E-PAID-1');
  const waiting: string[] = [];
  for await (const run of env.client.workflow.list({ query: 'ClaimStatus = "needs_review"' }))
    waiting.push(run.workflowId);
  expect(waiting).not.toContain('visit-E2E-PAID-1');
});

test('a CO-4 denial with a known fix is corrected automatically: replacement claim, payer reversal, balanced ledger', async () => {
  const visit = actinicKeratosisVisit('E2E-FIX-1', 'INACT77001'); // held for review: coverage shows inactive
  expect((await postVisit(visit)).status).toBe(202);
  await waitForState(visit.visitId, (s) => s.status === 'needs_review');
  // Staff confirm coverage by phone and re-key the lines, forgetting modifier 25 on the E/M.
  const amend = await request(app)
    .post(`/v1/visits/${visit.visitId}/review-decision`)
    .set('authorization', biller.bearer)
    .send({
      action: 'amend',
      note: 'coverage confirmed by phone',
      lines: [
        { code: '99213', modifiers: [], units: 1, diagnosisPointers: [2] },
        { code: '17000', modifiers: [], units: 1, diagnosisPointers: [1] },
        { code: '17003', modifiers: [], units: 2, diagnosisPointers: [1] },
      ],
    });
  expect(amend.status).toBe(200);

  const final = (await env.client.workflow.getHandle(`visit-${visit.visitId}`).result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.history.map((h) => h.status)).toEqual(
    expect.arrayContaining(['submitted', 'denied', 'paid', 'patient_billed', 'closed']),
  );
  const claims = await billingDb.db.claim.findMany({
    where: { visitId: visit.visitId },
    orderBy: { attempt: 'asc' },
    include: { lines: { orderBy: { lineNumber: 'asc' } }, payments: true },
  });
  expect(claims.map((c) => [c.attempt, c.frequencyCode, c.status])).toEqual([
    [1, '1', 'reversed'],
    [2, '7', 'paid'],
  ]);
  expect(claims[1]!.payerClaimNumber).toBeTruthy();
  expect(claims[1]!.lines[0]!.modifiers).toEqual(['25']);
  // The original's payment came back (CLP02 = 22) and the replacement was paid in full.
  expect(claims[0]!.payments.map((p) => p.amountCents).reduce((a, b) => a + b, 0)).toBe(0);
  expect(await ledgerBalance(visit.visitId, 'INSURANCE_AR')).toBe(0);
  const statement = await billingDb.db.patientStatement.findFirstOrThrow({
    where: { visitId: visit.visitId },
  });
  expect(await ledgerBalance(visit.visitId, 'PATIENT_AR')).toBe(statement.amountDueCents);
  const prOnReplacement = await billingDb.db.adjustment.aggregate({
    where: { claimId: claims[1]!.id, groupCode: 'PR' },
    _sum: { amountCents: true },
  });
  expect(statement.amountDueCents).toBe(prOnReplacement._sum.amountCents);
  expect(await ledgerDiscrepanciesOf(claims.map((c) => c.id))).toEqual([]);
  expect(await billingDb.db.reviewTask.count({ where: { visitId: visit.visitId, kind: 'denial' } })).toBe(0);
});

test('an ERA uploaded by staff is checked, stored once per payment, and an unbalanced one is refused whole', async () => {
  const era = readFixture('four-claims-one-check.835');
  const upload = (body: string) =>
    request(app)
      .post('/v1/remittances')
      .set('authorization', biller.bearer)
      .set('content-type', 'application/edi-x12')
      .send(body);

  const before = await billingDb.db.remittance.count();
  const first = await upload(era);
  expect(first.status).toBe(202);
  expect(first.body.payments).toHaveLength(1);
  expect(first.body.unmatchedClaims).toBeGreaterThan(0); // not our claims: stored for staff, nothing posted
  const again = await upload(era);
  expect(again.status).toBe(202);
  expect(await billingDb.db.remittance.count()).toBe(before + 1);

  const documents = await billingDb.db.inboundDocument.count();
  const unbalanced = era.replace(
    /BPR\*([A-Z])\*([0-9.]+)\*/,
    (_m, code, amount) => `BPR*${code}*${(Number(amount) + 1).toFixed(2)}*`,
  );
  const refused = await upload(unbalanced);
  expect(refused.status).toBe(400);
  expect(refused.body.problems[0]).toMatchObject({ level: 'payment', segmentId: 'BPR' });
  const notX12 = await upload('this is not X12');
  expect(notX12.status).toBe(400);
  const eligibility = await upload(readFixture('active-benefits.271'));
  expect(eligibility.status).toBe(400);
  expect(eligibility.body.error).toMatch(/expected an 835/);
  expect(await billingDb.db.inboundDocument.count()).toBe(documents);
  expect((await request(app).post('/v1/remittances').send(era)).status).toBe(401);
});

test('the EHR amends a visit under review: the task is superseded, the new documentation is coded and billed', async () => {
  const original = actinicKeratosisVisit('E2E-AMEND-1', 'INACT88001'); // held: coverage shows inactive
  expect((await postVisit(original)).status).toBe(202);
  await waitForState(original.visitId, (s) => s.status === 'needs_review');

  // The front desk fixes the member id and the provider adds a second AK: a new event, same visit.
  const amended = {
    ...original,
    eventId: 'EV-E2E-AMEND-1-b',
    coverage: { ...original.coverage!, memberId: 'MBR880011' },
    procedures: [{ id: 'P1', kind: 'destruction_premalignant' as const, lesionCount: 4 }],
  };
  const response = await postVisit(amended);
  expect(response.status).toBe(202);
  expect(response.body).toMatchObject({ duplicate: true, amendment: { revision: 2, delivered: true } });
  // The same content again is a plain redelivery, not another revision.
  expect((await postVisit({ ...amended, eventId: 'EV-E2E-AMEND-1-c' })).body.amendment).toBeUndefined();

  const final = (await env.client.workflow
    .getHandle(`visit-${original.visitId}`)
    .result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.lines.map((l) => `${l.code}x${l.units}`)).toEqual(['99213x1', '17000x1', '17003x3']);
  const tasks = await billingDb.db.reviewTask.findMany({
    where: { visitId: original.visitId, kind: { not: 'patient_collections' } },
  });
  expect(tasks.map((t) => [t.kind, t.status])).toEqual([['coding_review', 'superseded']]);
  const revision = await billingDb.db.visitRevision.findFirstOrThrow({
    where: { visitId: original.visitId },
  });
  expect(revision).toMatchObject({ revision: 2, eventId: 'EV-E2E-AMEND-1-b' });
  expect(revision.appliedAt).not.toBeNull();
  const claim = await billingDb.db.claim.findFirstOrThrow({ where: { visitId: original.visitId } });
  expect(claim.status).toBe('paid');
  expect(await ledgerBalance(original.visitId, 'INSURANCE_AR')).toBe(0);
});

test('a schema-v2 document (Mohs with a full-thickness graft, a biopsy of the ear, a drug by dose with its NDC) is coded and its new families reach the submitted 837P', async () => {
  const visit = mohsGraftVisitV2('E2E-V2-GRAFT-1');
  const response = await postVisit(visit);
  expect(response.status).toBe(202);
  const final = (await env.client.workflow
    .getHandle(visitWorkflowId(visit.visitId))
    .result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.lines.map((l) => `${l.code}${l.modifiers.map((m) => `-${m}`).join('')}x${l.units}`)).toEqual([
    '17311x1',
    '15260x1',
    '69100x1',
    '11900x1',
    'J3301x3',
  ]);
  const claim = await billingDb.db.claim.findFirstOrThrow({
    where: { visitId: visit.visitId },
    include: { submissions: true },
  });
  const received837 = await request(sandbox.url).get(
    `/submissions/${claim.submissions[0]!.submissionId}/837`,
  );
  const segments = received837.text.split('~').map((s) => s.trim());
  expect(segments.filter((s) => s.startsWith('SV1*')).map((s) => s.split('*')[1])).toEqual([
    'HC:17311',
    'HC:15260',
    'HC:69100',
    'HC:11900',
    'HC:J3301',
  ]);
  const drugLine = segments.findIndex((s) => s.startsWith('SV1*HC:J3301*'));
  expect(segments.slice(drugLine + 3, drugLine + 5)).toEqual(['LIN**N4*00003029320', 'CTP****2.5*ML']);
});

test('a reversal of a visit whose workflow has closed is posted to its claim once, with a staff task', async () => {
  // E2E-PAID-1 was paid and its workflow closed (the first test); the payer now takes the payment back.
  const claim = await billingDb.db.claim.findFirstOrThrow({ where: { visitId: 'E2E-PAID-1' } });
  const paid = await billingDb.db.remittanceClaim.findFirstOrThrow({
    where: { claimId: claim.id },
    include: { remittance: true },
  });
  const reversal = era(
    'E2E-LATE-REVERSAL',
    [reversalOf(paid.detail as unknown as ClaimPayment)],
    [],
    paid.remittance.payerId,
  );
  const upload = () =>
    request(app)
      .post('/v1/remittances')
      .set('authorization', biller.bearer)
      .set('content-type', 'application/edi-x12')
      .send(reversal);
  const first = await upload();
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({ claimsRouted: 1, undeliveredClaims: 1 });
  expect((await upload()).status).toBe(202);

  const payments = await billingDb.db.payment.findMany({ where: { claimId: claim.id } });
  expect(payments.map((p) => p.amountCents).sort((a, b) => a - b)).toEqual([-paid.paidCents, paid.paidCents]);
  // The whole claim is open with the payer again (payment, contractual and patient share reversed).
  expect(await ledgerBalance('E2E-PAID-1', 'INSURANCE_AR')).toBe(claim.totalChargeCents);
  expect((await billingDb.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe('reversed');
  const tasks = await billingDb.db.reviewTask.findMany({
    where: { visitId: 'E2E-PAID-1', kind: 'late_reversal' },
  });
  expect(tasks).toHaveLength(1);
  const queue = await request(app)
    .get('/v1/review-tasks?kind=late_reversal')
    .set('authorization', biller.bearer);
  expect(queue.body.tasks.map((t: { visitId: string }) => t.visitId)).toEqual(['E2E-PAID-1']);
});
