import { SandboxClearinghouse } from '../../src/clearinghouse/sandbox/sandbox-clearinghouse';
import type { InboundDocument } from '../../src/clearinghouse/types';
import type { ClaimPayment } from '../../src/remittance/types';
import { detectTransaction, read277CA, read835, read837P, read999 } from '../../src/x12';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { batch, claim, eligibilityRequest, expectPyx12Valid, practice, testClock } from './fixtures';

let test: TestDatabase;
let clearinghouse: SandboxClearinghouse;
const clock = testClock();

beforeAll(async () => {
  test = await createTestDatabase();
  clearinghouse = new SandboxClearinghouse(
    test.db,
    { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
    clock.now,
    { identity: practice },
  );
});

afterAll(async () => {
  await test?.drop();
});

const scenario = batch(
  claim('PAY1', {
    diagnosisCodes: ['D48.5', 'L57.0'],
    lines: [
      { code: '99213', modifiers: ['25'], chargeCents: 12500, pointers: [2] },
      { code: '11102', chargeCents: 15000, pointers: [1] },
    ],
  }),
  claim('DED1', { memberId: 'DED0001', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('EM4', {
    lines: [
      { code: '99213', chargeCents: 12500 },
      { code: '17000', chargeCents: 9000 },
    ],
  }),
  claim('COS1', { diagnosisCodes: ['L70.0'], lines: [{ code: '17380', chargeCents: 20000 }] }),
  claim('TERM1', { memberId: 'TERM0001', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('DX11', { diagnosisCodes: ['L82.1'], lines: [{ code: '17110', chargeCents: 18000 }] }),
  claim('DX11OK', { diagnosisCodes: ['L82.0'], lines: [{ code: '17110', chargeCents: 18000 }] }),
  claim('NCCI1', {
    diagnosisCodes: ['L57.0', 'L91.8'],
    lines: [
      { code: '17000', chargeCents: 9000, pointers: [1] },
      { code: '11200', chargeCents: 11000, pointers: [2] },
    ],
  }),
  claim('NCCI2', {
    diagnosisCodes: ['L57.0', 'L91.8'],
    lines: [
      { code: '17000', chargeCents: 9000, pointers: [1] },
      { code: '11200', modifiers: ['59'], chargeCents: 11000, pointers: [2] },
    ],
  }),
  claim('DUP1', { memberId: 'MDUP', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('DUP2', { memberId: 'MDUP', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('REJ1', { memberId: 'REJ0001', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('LATE1', { memberId: 'LATE0001', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('MC1', { payerId: 'MCR01', lines: [{ code: '11102', chargeCents: 15000 }] }),
  claim('HD1', { memberId: 'HDHP0001', lines: [{ code: '11102', chargeCents: 15000 }] }),
);

const documents: InboundDocument[] = [];
let submissionId = '';

async function drainInbound(
  cursor: string | null,
): Promise<{ docs: InboundDocument[]; cursor: string | null }> {
  const page = await clearinghouse.listInbound(cursor);
  const docs: InboundDocument[] = [];
  for (const ref of page.documents) docs.push(await clearinghouse.fetchDocument(ref.id));
  return { docs, cursor: page.nextCursor };
}

let cursor: string | null = null;

function payment(pcn: string): ClaimPayment {
  const found = documents
    .flatMap((d) => d.remittances.flatMap((r) => r.claims))
    .find((c) => c.patientControlNumber === pcn);
  if (!found) throw new Error(`no payment for ${pcn}`);
  return found;
}

const reasons = (p: ClaimPayment) =>
  p.lines.flatMap((l) => l.adjustments.map((a) => `${a.group}-${a.reasonCode}:${a.amountCents}`));

describe('sandbox clearinghouse speaking X12', () => {
  it('accepts the 837P, answers with a 999 and a 277CA, and pays in one 835 per payer', async () => {
    const receipt = await clearinghouse.submitClaims(scenario, { idempotencyKey: 'batch-1' });
    expect(receipt.newlyAccepted).toBe(true);
    expect(receipt.submissionId).toMatch(/^SBX-[0-9a-f]{16}$/);
    expect(detectTransaction(receipt.raw!)).toBe('999');
    submissionId = receipt.submissionId;
    const drained = await drainInbound(null);
    documents.push(...drained.docs);
    cursor = drained.cursor;
    expect(documents.map((d) => d.kind)).toEqual(['999', '277CA', '835', '835']);
    for (const d of documents) expect(d.raw.startsWith('ISA*')).toBe(true);
  });

  it('the sandbox adjudicated the 837P text it received (read back equals what we sent)', async () => {
    const sent = await clearinghouse.payer.submission(submissionId);
    const [received] = read837P(sent!.x12);
    expect(received!.claims.map((c) => c.patientControlNumber)).toEqual(
      scenario.claims.map((c) => c.patientControlNumber),
    );
  });

  it('every 837P, 999, 277CA and 835 passes pyx12', async () => {
    const sent = await clearinghouse.payer.submission(submissionId);
    await expectPyx12Valid(sent!.x12);
    for (const d of documents) await expectPyx12Valid(d.raw);
  });

  it('999 acknowledgements name every claim of the transaction set', () => {
    const ack = documents.find((d) => d.kind === '999')!;
    expect(read999(ack.raw)[0]!.status).toBe('A');
    expect(ack.acknowledgements.map((a) => a.patientControlNumber)).toEqual(
      scenario.claims.map((c) => c.patientControlNumber),
    );
    expect(ack.acknowledgements.every((a) => a.accepted && a.categoryCode === 'A1')).toBe(true);
  });

  it('277CA rejects with real STC codes and accepts the others with a payer claim number', () => {
    const ca = documents.find((d) => d.kind === '277CA')!;
    const rejected = ca.acknowledgements.find((a) => a.patientControlNumber === 'REJ1')!;
    expect(rejected).toMatchObject({ accepted: false, categoryCode: 'A7', statusCode: '33' });
    expect(rejected.reasons[0]).toBe('A7/33 subscriber and subscriber id not found');
    expect(ca.raw).toContain('STC*A7:33*20260302*U*150');
    const accepted = ca.acknowledgements.find((a) => a.patientControlNumber === 'PAY1')!;
    expect(accepted).toMatchObject({
      accepted: true,
      categoryCode: 'A2',
      statusCode: '20',
      payerClaimNumber: 'SBXPAY1',
    });
    expect(read277CA(ca.raw)).toHaveLength(scenario.claims.length);
  });

  it('one 835 per payer, several claims per payment, balanced (read835 re-checks)', () => {
    const remits = documents.filter((d) => d.kind === '835');
    const byPayer = Object.fromEntries(remits.map((d) => [d.remittances[0]!.payerId, d.remittances[0]!]));
    expect(Object.keys(byPayer).sort()).toEqual(['BCBS1', 'MCR01']);
    const commercial = byPayer.BCBS1!;
    expect(commercial.claims.map((c) => c.patientControlNumber)).not.toContain('REJ1');
    expect(commercial.claims.length).toBe(13);
    for (const d of remits) {
      const [advice] = read835(d.raw);
      const plb = advice!.providerAdjustments.reduce((s, a) => s + a.amountCents, 0);
      expect(advice!.paymentCents).toBe(advice!.claims.reduce((s, c) => s + c.paidCents, 0) - plb);
      expect(Number.isInteger(advice!.paymentCents)).toBe(true);
    }
    expect(byPayer.MCR01!.claims.map((c) => c.patientControlNumber)).toEqual(['MC1']);
  });

  it('CO-45 fee schedule, PR-3 copay on the E/M and PR-2 coinsurance', () => {
    const p = payment('PAY1');
    expect(reasons(p)).toEqual(['CO-45:3125', 'PR-3:4000', 'CO-45:3750', 'PR-2:2250']);
    expect(p).toMatchObject({ statusCode: '1', paidCents: 5375 + 9000, patientResponsibilityCents: 6250 });
  });

  it('PR-1 deductible before coinsurance', () => {
    expect(reasons(payment('DED1'))).toEqual(['CO-45:3750', 'PR-1:10000', 'PR-2:250']);
    expect(payment('DED1').paidCents).toBe(1000);
    expect(reasons(payment('HD1'))).toEqual(['CO-45:3750', 'PR-1:11250']);
  });

  it('Medicare plan: 60% allowed, no copay', () => {
    expect(reasons(payment('MC1'))).toEqual(['CO-45:6000', 'PR-2:1800']);
  });

  it('CO-4 E/M with a same-day procedure and no modifier 25 (RARC N519)', () => {
    const p = payment('EM4');
    expect(p.lines[0]!.adjustments).toEqual([{ group: 'CO', reasonCode: '4', amountCents: 12500 }]);
    expect(p.lines[0]!.remarkCodes).toEqual(['N519']);
    expect(p.lines[1]!.paidCents).toBeGreaterThan(0);
  });

  it('CO-96 cosmetic, CO-27 coverage ended (claim denied, status 4)', () => {
    expect(reasons(payment('COS1'))).toEqual(['CO-96:20000']);
    expect(payment('TERM1')).toMatchObject({ statusCode: '4', paidCents: 0 });
    expect(reasons(payment('TERM1'))).toEqual(['CO-27:15000']);
  });

  it('CO-11: benign destruction 17110 supported only by L82.1; L82.0 pays', () => {
    expect(reasons(payment('DX11'))).toEqual(['CO-11:18000']);
    expect(payment('DX11').lines[0]!.remarkCodes).toEqual(['M76']);
    expect(payment('DX11OK').paidCents).toBeGreaterThan(0);
  });

  it('CO-236: NCCI pair 17000 + 11200 without a modifier denies the column-2 line; 59 bypasses', () => {
    expect(reasons(payment('NCCI1'))).toEqual(['CO-45:2250', 'PR-2:1350', 'CO-236:11000']);
    expect(payment('NCCI2').lines.every((l) => l.paidCents > 0)).toBe(true);
  });

  it('CO-18: an exact duplicate original claim is denied', () => {
    expect(payment('DUP1').paidCents).toBeGreaterThan(0);
    expect(reasons(payment('DUP2'))).toEqual(['CO-18:15000']);
  });

  it('PLB: prompt-pay interest (L6) for a LATE member, referencing the payer claim number', () => {
    const document = documents.find((d) => d.remittances[0]?.payerId === 'BCBS1')!;
    const advice = document.remittances[0]!;
    const late = payment('LATE1');
    expect(advice.providerAdjustments).toEqual([
      { reasonCode: 'L6', reference: 'SBXLATE1', amountCents: -Math.floor(late.paidCents / 100) },
    ]);
    expect(document.raw).toMatch(/^PLB\*1234567893\*\d{8}\*L6:SBXLATE1\*-\d+/m);
  });

  it('a resent batch (same idempotency key) returns the same submission and is never adjudicated twice', async () => {
    const before = await test.db.sandboxAdjudication.count();
    const again = await clearinghouse.submitClaims(scenario, { idempotencyKey: 'batch-1' });
    expect(again).toMatchObject({ submissionId, newlyAccepted: false });
    expect(await test.db.sandboxAdjudication.count()).toBe(before);
    expect(await test.db.sandboxSubmission.count()).toBe(1);
    const page = await clearinghouse.listInbound(cursor);
    expect(page.documents).toEqual([]);
  });

  it('a claim number already adjudicated under another key is rejected A3:78, the first stands', async () => {
    const receipt = await clearinghouse.submitClaims(batch(scenario.claims[0]!), {
      idempotencyKey: 'batch-2',
    });
    expect(receipt.newlyAccepted).toBe(true);
    const { docs, cursor: next } = await drainInbound(cursor);
    cursor = next;
    expect(docs.map((d) => d.kind)).toEqual(['999', '277CA']);
    expect(docs[1]!.acknowledgements[0]).toMatchObject({
      accepted: false,
      categoryCode: 'A3',
      statusCode: '78',
    });
    await expectPyx12Valid(docs[1]!.raw);
  });

  it('270 → 271: active with benefits, deductible, prior auth; inactive; not found', async () => {
    const active = await clearinghouse.checkEligibility(eligibilityRequest('DED0002', ['17311', '11102']));
    expect(active).toMatchObject({
      status: 'active',
      planName: 'SANDBOX PPO GOLD',
      deductibleRemainingCents: 10000,
      coinsuranceBasisPoints: 2000,
      copayCents: 4000,
      priorAuthRequiredFor: [],
      errors: [],
    });
    const pa = await clearinghouse.checkEligibility(eligibilityRequest('PA0001', ['17311', '11102']));
    expect(pa.priorAuthRequiredFor).toEqual(['17311']);
    const inactive = await clearinghouse.checkEligibility(eligibilityRequest('INACT0001'));
    expect(inactive).toMatchObject({ status: 'inactive', coverageEnd: '2025-12-31', errors: [] });
    const unknown = await clearinghouse.checkEligibility(eligibilityRequest('UNK0001'));
    expect(unknown).toMatchObject({ status: 'error', errors: [{ code: '75' }] });
  });

  it('276 → 277: paid, denied, rejected, not found', async () => {
    const ask = (pcn: string) =>
      clearinghouse.getClaimStatus({
        payerId: 'BCBS1',
        patientControlNumber: pcn,
        memberId: `M${pcn}`,
        providerNpi: practice.billingProvider.npi,
        dateOfService: '2026-02-20',
        chargeCents: 15000,
      });
    expect(await ask('PAY1')).toMatchObject({
      categoryCode: 'F1',
      statusCode: '65',
      payerClaimNumber: 'SBXPAY1',
    });
    expect(await ask('TERM1')).toMatchObject({ categoryCode: 'F2', statusCode: '1' });
    expect(await ask('REJ1')).toMatchObject({ categoryCode: 'A7', statusCode: '33' });
    expect(await ask('NOPE')).toMatchObject({ categoryCode: 'A4', statusCode: '35' });
  });
});

describe('sandbox timing', () => {
  it('holds the 277CA and the 835 until their delays pass, without skipping documents', async () => {
    const slow = new SandboxClearinghouse(
      test.db,
      { acknowledgementDelayMs: 4 * 3600_000, paymentDelayMs: 14 * 86_400_000 },
      clock.now,
      { identity: practice },
    );
    const start = (await slow.listInbound(cursor)).nextCursor;
    await slow.submitClaims(batch(claim('SLOW1', { lines: [{ code: '11102', chargeCents: 15000 }] })), {
      idempotencyKey: 'slow-1',
    });
    // 999 at once; later submissions cannot overtake the pending 277CA.
    let page = await slow.listInbound(start);
    expect(page.documents.map((d) => d.kind)).toEqual(['999']);
    const status = await slow.getClaimStatus({
      payerId: 'BCBS1',
      patientControlNumber: 'SLOW1',
      memberId: 'MSLOW1',
      providerNpi: practice.billingProvider.npi,
      dateOfService: '2026-02-20',
      chargeCents: 15000,
    });
    expect(status).toMatchObject({ categoryCode: 'P1', statusCode: '20' });
    clock.advance(4 * 3600_000);
    page = await slow.listInbound(page.nextCursor);
    expect(page.documents.map((d) => d.kind)).toEqual(['277CA']);
    clock.advance(14 * 86_400_000);
    page = await slow.listInbound(page.nextCursor);
    expect(page.documents.map((d) => d.kind)).toEqual(['835']);
    const remit = await slow.fetchDocument(page.documents[0]!.id);
    expect(remit.remittances[0]!.paymentDate).toBe(clock.now().toISOString().slice(0, 10));
    await expectPyx12Valid(remit.raw);
  });
});
