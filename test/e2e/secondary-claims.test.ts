import request from 'supertest';
import { createActivities } from '../../activities';
import type { VisitBillingState } from '../../src/visit-billing/messages';
import { parseX12, transactionsOf } from '../../src/x12';
import { el } from '../../src/x12/segment';
import { startE2eBilling, type E2eBilling } from '../support/e2e-billing';
import { createStaff, type TestStaff } from '../support/staff';
import { actinicKeratosisVisit } from '../support/visit-fixture';

/**
 * Coordination of benefits end to end: the primary pays, the patient's share goes to the
 * secondary (an 837P with the primary's adjudication, or a crossover), the secondary's 835 posts,
 * and the patient owes only what the secondary left, to the cent on the ledger.
 */
let e2e: E2eBilling;
let env: E2eBilling['env'];
let billingDb: E2eBilling['billingDb'];
let sandbox: E2eBilling['sandbox'];
let app: E2eBilling['app'];
/** The billing office's biller, signed in with an API key. */
let biller: TestStaff;

beforeAll(async () => {
  e2e = await startE2eBilling('e2e-secondary');
  ({ env, billingDb, sandbox, app } = e2e);
  biller = await createStaff(billingDb.db, 'bea.biller', 'biller');
});

afterAll(() => e2e?.stop());

const postVisit = (body: unknown, secret?: string) => e2e.postVisit(body, secret);

type Entry = { account: string; entryType: string; amountCents: number; reasonCode?: string | null };
const total = (entries: Entry[], where: Partial<Entry> = {}) =>
  entries
    .filter((e) => Object.entries(where).every(([k, v]) => e[k as keyof Entry] === v))
    .reduce((s, e) => s + e.amountCents, 0);

/** A visit with a secondary coverage on file (SUPPL1, member SECGAP01: $10 deductible, 10%). */
function visitWithSecondary(visitId: string, primaryMemberId?: string) {
  const visit = actinicKeratosisVisit(visitId, primaryMemberId);
  return {
    ...visit,
    otherCoverages: [
      {
        payerId: 'SUPPL1',
        payerName: 'SANDBOX SUPPLEMENT',
        payerType: 'commercial' as const,
        memberId: 'SECGAP01',
        relationship: 'self' as const,
      },
    ],
  };
}

/** Per claim: opening (charge or secondary_billed) = payments + contractual + PR to patient + open. */
async function expectClaimBalances(claimId: string): Promise<Entry[]> {
  const entries = await billingDb.db.ledgerEntry.findMany({ where: { claimId } });
  const insurance = entries.filter((e) => e.account === 'INSURANCE_AR');
  const opening =
    total(insurance, { entryType: 'charge' }) + total(insurance, { entryType: 'secondary_billed' });
  const payments = -total(insurance, { entryType: 'insurance_payment' });
  const contractual = -total(insurance, { entryType: 'contractual_adjustment' });
  const toPatient = -total(insurance, { entryType: 'transfer_to_patient' });
  expect(opening).toBe(payments + contractual + toPatient + total(insurance));
  expect(total(insurance)).toBe(0);
  return entries;
}

test('primary paid, secondary 837P with the COB loops, secondary 835 posted, the patient owes the remainder', async () => {
  const visit = visitWithSecondary('E2E-SEC-1');
  expect((await postVisit(visit)).status).toBe(202);
  const final = (await env.client.workflow.getHandle('visit-E2E-SEC-1').result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.payerSequence).toBe('S');
  expect(final.history.map((h) => h.status)).toEqual([
    'coding',
    'eligibility',
    'submitted',
    'accepted',
    'paid',
    'submitted',
    'accepted',
    'paid',
    'patient_billed',
    'closed',
  ]);

  const [primary, secondary] = await billingDb.db.claim.findMany({
    where: { visitId: visit.visitId },
    orderBy: { attempt: 'asc' },
    include: { submissions: true },
  });
  expect(primary!.payerSequence).toBe('P');
  expect(primary!.payerId).toBe('BCBS1');
  expect(secondary!.payerSequence).toBe('S');
  expect(secondary!.payerId).toBe('SUPPL1');
  expect(secondary!.attempt).toBe(2);
  expect(secondary!.status).toBe('paid');

  // The secondary 837P went out with the primary's figures: SBR*S, 2320 AMT*D, 2330B, 2430 SVD.
  const primaryPaid = await billingDb.db.payment.findFirstOrThrow({ where: { claimId: primary!.id } });
  const submissionId = secondary!.submissions[0]!.submissionId;
  const sent = await request(sandbox.url).get(`/submissions/${submissionId}/837`);
  const segments = transactionsOf(parseX12(sent.text)).flatMap(({ transaction }) => transaction.segments);
  expect(segments.filter((s) => s.id === 'SBR').map((s) => el(s, 1))).toEqual(['S', 'P']);
  const amt = segments.find((s) => s.id === 'AMT' && el(s, 1) === 'D')!;
  expect(Math.round(Number(el(amt, 2)) * 100)).toBe(primaryPaid.amountCents);
  expect(segments.filter((s) => s.id === 'NM1' && el(s, 1) === 'PR').map((s) => el(s, 9))).toEqual([
    'SUPPL1',
    'BCBS1',
  ]);
  expect(segments.filter((s) => s.id === 'SVD')).toHaveLength(final.lines.length);

  // Ledger, to the cent: the primary's PR moved onto the secondary claim, which posted like a primary.
  const primaryEntries = await expectClaimBalances(primary!.id);
  const secondaryEntries = await expectClaimBalances(secondary!.id);
  const primaryPatientShare = total(primaryEntries, { entryType: 'patient_responsibility' });
  expect(primaryPatientShare).toBeGreaterThan(0);
  expect(total(secondaryEntries, { entryType: 'transfer_to_secondary' })).toBe(-primaryPatientShare);
  expect(total(secondaryEntries, { entryType: 'secondary_billed' })).toBe(primaryPatientShare);
  expect(secondaryEntries.some((e) => e.reasonCode === 'OA-23')).toBe(false);
  const secondaryPaid = await billingDb.db.payment.findFirstOrThrow({ where: { claimId: secondary!.id } });
  const left = total(secondaryEntries, { account: 'PATIENT_AR', entryType: 'patient_responsibility' });
  // SECGAP01 keeps its $10.00 deductible and 10% of the rest with the patient.
  expect(left).toBe(1000 + Math.floor(((primaryPatientShare - 1000) * 1000) / 10000));
  expect(secondaryPaid.amountCents).toBe(primaryPatientShare - left);
  const all = await billingDb.db.ledgerEntry.findMany({ where: { visitId: visit.visitId } });
  expect(total(all, { account: 'INSURANCE_AR' })).toBe(0);
  expect(total(all, { account: 'PATIENT_AR' })).toBe(left);
  expect(final.patientResponsibilityCents).toBe(left);
  expect(final.paidCents).toBe(primaryPaid.amountCents + secondaryPaid.amountCents);
  const statement = await billingDb.db.patientStatement.findFirstOrThrow({
    where: { visitId: visit.visitId },
  });
  expect(statement.amountDueCents).toBe(left);
  const visitView = await request(app).get('/v1/visits/E2E-SEC-1').set('authorization', biller.bearer);
  expect(visitView.body.ledger).toMatchObject({ insuranceBalanceCents: 0, patientBalanceCents: left });

  // A retried activity gives the same claim and moves nothing again; no tertiary coverage, no claim.
  const activities = createActivities(e2e.dependencies);
  const again = await activities.createSecondaryClaim({
    visitId: visit.visitId,
    previousClaimId: primary!.id,
    attempt: 2,
  });
  expect(again).toMatchObject({
    claimId: secondary!.id,
    payerSequence: 'S',
    transferredCents: primaryPatientShare,
  });
  expect(await billingDb.db.ledgerEntry.count({ where: { visitId: visit.visitId } })).toBe(all.length);
  const tertiary = await activities.createSecondaryClaim({
    visitId: visit.visitId,
    previousClaimId: secondary!.id,
    attempt: 3,
  });
  expect(tertiary).toBeNull();
});

test('a crossed-over primary claim sends no secondary 837P: the crossover payer 835 posts to the secondary claim', async () => {
  // XOVER01 (config/sandbox-members.json): the primary forwards to SUPPL1, member SECGAP01.
  const visit = visitWithSecondary('E2E-XOVER-1', 'XOVER01');
  expect((await postVisit(visit)).status).toBe(202);
  const final = (await env.client.workflow.getHandle('visit-E2E-XOVER-1').result()) as VisitBillingState;
  expect(final.status).toBe('closed');
  expect(final.payerSequence).toBe('S');
  const [primary, secondary] = await billingDb.db.claim.findMany({
    where: { visitId: visit.visitId },
    orderBy: { attempt: 'asc' },
    include: { submissions: true },
  });
  expect(primary!.submissions).toHaveLength(1);
  expect(secondary!.submissions).toHaveLength(0);
  expect(secondary!.coordination).toMatchObject({
    crossover: { crossedOverPcn: primary!.patientControlNumber, payerId: 'SUPPL1' },
  });
  const remittances = await billingDb.db.remittanceClaim.findMany({
    where: { patientControlNumber: primary!.patientControlNumber },
    include: { remittance: true, payment: true },
  });
  expect(remittances.map((r) => [r.remittance.payerId, r.statusCode, r.payment?.claimId]).sort()).toEqual(
    [
      ['BCBS1', '19', primary!.id],
      ['SUPPL1', '2', secondary!.id],
    ].sort(),
  );
  await expectClaimBalances(primary!.id);
  const secondaryEntries = await expectClaimBalances(secondary!.id);
  const left = total(secondaryEntries, { account: 'PATIENT_AR', entryType: 'patient_responsibility' });
  const all = await billingDb.db.ledgerEntry.findMany({ where: { visitId: visit.visitId } });
  expect(total(all, { account: 'INSURANCE_AR' })).toBe(0);
  expect(total(all, { account: 'PATIENT_AR' })).toBe(left);
  expect(left).toBeGreaterThan(0);
});
