import { SandboxClearinghouse } from '../../src/clearinghouse/sandbox/sandbox-clearinghouse';
import type { InboundDocument } from '../../src/clearinghouse/types';
import type { ProfessionalClaim } from '../../src/claims/types';
import type { ClaimPayment, RemittanceAdvice } from '../../src/remittance/types';
import { read835 } from '../../src/x12';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { batch, claim, expectPyx12Valid, practice, testClock } from './fixtures';

/**
 * Corrected claims at the sandbox payer (docs/sandbox.md "Replacements and voids"): a replacement
 * (CLM05-3 = 7) or void (8) names the original by its payer claim number (REF*F8); a paid original is
 * reversed (CLP02 22, amounts negated) in the same 835 as the replacement's own adjudication.
 */

let test: TestDatabase;
let clearinghouse: SandboxClearinghouse;
const clock = testClock();
let cursor: string | null = null;
let key = 0;

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

/** Submits the claims under a fresh idempotency key and returns what the sandbox sends back. */
async function submit(...claims: ProfessionalClaim[]): Promise<InboundDocument[]> {
  key += 1;
  await clearinghouse.submitClaims(batch(...claims), { idempotencyKey: `replacement-${key}` });
  return drain();
}

async function drain(): Promise<InboundDocument[]> {
  const page = await clearinghouse.listInbound(cursor);
  cursor = page.nextCursor;
  const docs: InboundDocument[] = [];
  for (const ref of page.documents) docs.push(await clearinghouse.fetchDocument(ref.id));
  return docs;
}

const remittancesOf = (docs: InboundDocument[]): RemittanceAdvice[] =>
  docs.filter((d) => d.kind === '835').flatMap((d) => d.remittances);
const ackOf = (docs: InboundDocument[], pcn: string) =>
  docs
    .filter((d) => d.kind === '277CA')
    .flatMap((d) => d.acknowledgements)
    .find((a) => a.patientControlNumber === pcn);
const adjustments = (p: ClaimPayment) =>
  p.lines.flatMap((l) => l.adjustments.map((a) => `${a.group}-${a.reasonCode}:${a.amountCents}`));

/** Read back from the X12 text: read835 throws on an unbalanced payment; pyx12 must say OK. */
async function checked835(docs: InboundDocument[]): Promise<RemittanceAdvice> {
  const remits = docs.filter((d) => d.kind === '835');
  expect(remits).toHaveLength(1);
  const raw = remits[0]!.raw;
  await expectPyx12Valid(raw);
  const [advice] = read835(raw);
  const plb = advice!.providerAdjustments.reduce((s, a) => s + a.amountCents, 0);
  expect(advice!.paymentCents).toBe(advice!.claims.reduce((s, c) => s + c.paidCents, 0) - plb);
  return advice!;
}

// Commercial plan: E/M 99213 billed with a same-day procedure and no modifier 25 is denied CO-4;
// the replacement adds modifier 25 (the corrected modifier) and the E/M is paid.
const lines = (emModifiers: string[]) => [
  { code: '99213', modifiers: emModifiers, chargeCents: 12500, pointers: [2] },
  { code: '11102', chargeCents: 15000, pointers: [1] },
];
const visit = { memberId: 'MVISIT1', diagnosisCodes: ['D48.5', 'L57.0'] };
const original = claim('V1A1', { ...visit, lines: lines([]) });
const replacement = claim('V1A2', {
  ...visit,
  lines: lines(['25']),
  frequencyCode: '7',
  originalPayerClaimNumber: 'SBXV1A1',
});

describe('replacement claim (frequency 7)', () => {
  let originalPaid: ClaimPayment;
  let reversal: ClaimPayment;
  let replaced: ClaimPayment;
  let secondRun: RemittanceAdvice;

  it('the original is paid (E/M denied CO-4, procedure paid)', async () => {
    const docs = await submit(original);
    const advice = await checked835(docs);
    originalPaid = advice.claims[0]!;
    expect(originalPaid).toMatchObject({
      patientControlNumber: 'V1A1',
      statusCode: '1',
      chargeCents: 27500,
      paidCents: 9000,
      patientResponsibilityCents: 2250,
      payerClaimNumber: 'SBXV1A1',
    });
    expect(adjustments(originalPaid)).toEqual(['CO-4:12500', 'CO-45:3750', 'PR-2:2250']);
  });

  it('the replacement is accepted; the next 835 holds the reversal of the original, then the replacement', async () => {
    const docs = await submit(replacement);
    expect(ackOf(docs, 'V1A2')).toMatchObject({ accepted: true, categoryCode: 'A2', statusCode: '20' });
    secondRun = await checked835(docs);
    expect(secondRun.claims.map((c) => [c.patientControlNumber, c.statusCode])).toEqual([
      ['V1A1', '22'],
      ['V1A2', '1'],
    ]);
    [reversal, replaced] = secondRun.claims as [ClaimPayment, ClaimPayment];
  });

  it('the reversal: CLP02 22, the original CLP01 and CLP07, every amount negated', () => {
    expect(reversal).toMatchObject({
      patientControlNumber: 'V1A1',
      statusCode: '22',
      payerClaimNumber: 'SBXV1A1',
      chargeCents: -27500,
      paidCents: -9000,
      patientResponsibilityCents: -2250,
    });
    expect(adjustments(reversal)).toEqual(['CO-4:-12500', 'CO-45:-3750', 'PR-2:-2250']);
    expect(reversal.lines.map((l) => [l.procedureCode, l.chargeCents, l.paidCents, l.units])).toEqual([
      ['99213', -12500, 0, 1],
      ['11102', -15000, -9000, 1],
    ]);
    expect(reversal.lines.map((l) => l.lineControlNumber)).toEqual(['V1A1L1', 'V1A1L2']);
    expect(reversal.lines[0]!.remarkCodes).toEqual(['N519']);
    // every claim and line of the reversal balances like the original (read835 re-checked it)
    for (const [i, line] of reversal.lines.entries()) {
      const source = originalPaid.lines[i]!;
      expect(line.chargeCents).toBe(-source.chargeCents);
      expect(line.paidCents).toBe(0 - source.paidCents);
    }
  });

  it('the replacement is adjudicated as usual with its own CLP01 (modifier 25: E/M paid)', () => {
    expect(replaced).toMatchObject({
      patientControlNumber: 'V1A2',
      statusCode: '1',
      chargeCents: 27500,
      paidCents: 14375,
      patientResponsibilityCents: 6250,
      payerClaimNumber: 'SBXV1A2',
    });
    expect(adjustments(replaced)).toEqual(['CO-45:3125', 'PR-3:4000', 'CO-45:3750', 'PR-2:2250']);
  });

  it('BPR02 = Σ CLP04 − Σ PLB: the reversal reduces the payment; net money = the replacement alone', () => {
    expect(secondRun.paymentCents).toBe(14375 - 9000);
    expect(originalPaid.paidCents + secondRun.paymentCents).toBe(replaced.paidCents);
  });

  it('the X12 text of the reversal CLP and its negated CAS/SVC segments', async () => {
    const raw = (
      await test.db.sandboxDocument.findFirstOrThrow({
        where: { kind: '835' },
        orderBy: { sequence: 'desc' },
      })
    ).raw.replace(/\r?\n/g, '');
    expect(raw).toContain('BPR*I*53.75*C*ACH');
    expect(raw).toContain('CLP*V1A1*22*-275*-90*-22.5*12*SBXV1A1~');
    expect(raw).toContain('SVC*HC:99213*-125*0**1~CAS*CO*4*-125~');
    expect(raw).toContain('SVC*HC:11102*-150*-90**1~CAS*CO*45*-37.5~CAS*PR*2*-22.5~');
    expect(raw.indexOf('CLP*V1A1*22')).toBeLessThan(raw.indexOf('CLP*V1A2*1'));
  });

  it('a second replacement of the same original is rejected (A3:78) and nothing is reversed twice', async () => {
    const again = claim('V1A3', {
      ...visit,
      lines: lines(['25']),
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV1A1',
    });
    const docs = await submit(again);
    const ack = ackOf(docs, 'V1A3')!;
    expect(ack).toMatchObject({ accepted: false, categoryCode: 'A3', statusCode: '78' });
    expect(ack.reasons[0]).toMatch(/SBXV1A1 was already replaced or voided/);
    await expectPyx12Valid(docs.find((d) => d.kind === '277CA')!.raw);
    expect(remittancesOf(docs)).toEqual([]);
    expect(remittancesOf(await drain())).toEqual([]);
  });

  it('replacing the replacement (its own payer claim number) reverses it; CO-18 does not fire against it', async () => {
    // Same codes and modifiers as V1A2 (e.g. only a corrected diagnosis order): not a duplicate of its own original.
    const latest = claim('V1A4', {
      ...visit,
      diagnosisCodes: ['L57.0', 'D48.5'],
      lines: [
        { code: '99213', modifiers: ['25'], chargeCents: 12500, pointers: [1] },
        { code: '11102', chargeCents: 15000, pointers: [2] },
      ],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV1A2',
    });
    const advice = await checked835(await submit(latest));
    expect(advice.claims.map((c) => [c.patientControlNumber, c.statusCode, c.paidCents])).toEqual([
      ['V1A2', '22', -14375],
      ['V1A4', '1', 14375],
    ]);
    expect(adjustments(advice.claims[1]!)).not.toContain('CO-18:12500');
    expect(advice.paymentCents).toBe(0);
  });

  it('a frequency-1 claim alike in every respect to the current replacement is still CO-18', async () => {
    const dup = claim('V1B1', { ...visit, lines: lines(['25']) });
    const advice = await checked835(await submit(dup));
    expect(adjustments(advice.claims[0]!)).toEqual(['CO-18:12500', 'CO-18:15000']);
  });
});

describe('void (frequency 8)', () => {
  const voidVisit = { memberId: 'MVOID1' };
  const paid = claim('V2A1', { ...voidVisit, lines: [{ code: '11102', chargeCents: 15000 }] });
  /** PLB03-2 of the balance the void's run carried forward. */
  let carried = '';

  it('reverses the original and adjudicates nothing new', async () => {
    const first = await checked835(await submit(paid));
    expect(first.claims[0]).toMatchObject({ patientControlNumber: 'V2A1', paidCents: 9000 });
    const voided = claim('V2A2', {
      ...voidVisit,
      lines: [{ code: '11102', chargeCents: 15000 }],
      frequencyCode: '8',
      originalPayerClaimNumber: 'SBXV2A1',
    });
    const docs = await submit(voided);
    expect(ackOf(docs, 'V2A2')).toMatchObject({ accepted: true, categoryCode: 'A2' });
    const advice = await checked835(docs);
    expect(advice.claims).toHaveLength(1);
    expect(advice.claims[0]).toMatchObject({
      patientControlNumber: 'V2A1',
      statusCode: '22',
      payerClaimNumber: 'SBXV2A1',
      chargeCents: -15000,
      paidCents: -9000,
      patientResponsibilityCents: -2250,
    });
    // Nothing else in this run: no debit, as payers do. BPR02 0 (notification only) and the
    // negative balance carried forward as PLB FB, to be recovered from the next run.
    expect(advice.paymentCents).toBe(0);
    const raw = docs.find((d) => d.kind === '835')!.raw;
    expect(raw).toContain('BPR*H*0*C*NON');
    expect(raw).not.toMatch(/BPR\*[^*]*\*[^*]*\*D\*/);
    expect(advice.providerAdjustments).toEqual([
      { reasonCode: 'FB', reference: expect.stringMatching(/^FBSBXEFT\d{8}$/), amountCents: -9000 },
    ]);
    carried = advice.providerAdjustments[0]!.reference!;
    expect(first.paymentCents).toBe(9000);
  });

  it('a voided claim can be neither voided nor replaced again, and is no duplicate of a new original', async () => {
    const again = claim('V2A3', {
      ...voidVisit,
      lines: [{ code: '11102', chargeCents: 15000 }],
      frequencyCode: '8',
      originalPayerClaimNumber: 'SBXV2A1',
    });
    const voidOfVoid = claim('V2A4', {
      ...voidVisit,
      lines: [{ code: '11102', chargeCents: 15000 }],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV2A2',
    });
    const fresh = claim('V2B1', { ...voidVisit, lines: [{ code: '11102', chargeCents: 15000 }] });
    const docs = await submit(again, voidOfVoid, fresh);
    expect(ackOf(docs, 'V2A3')).toMatchObject({ accepted: false, categoryCode: 'A3', statusCode: '78' });
    expect(ackOf(docs, 'V2A4')).toMatchObject({ accepted: false, categoryCode: 'A7', statusCode: '35' });
    const advice = await checked835(docs);
    expect(advice.claims.map((c) => [c.patientControlNumber, c.statusCode, c.paidCents])).toEqual([
      ['V2B1', '1', 9000],
    ]);
    // The next run recovers the carried balance under the same reference: nothing is transferred.
    expect(advice.providerAdjustments).toEqual([{ reasonCode: 'FB', reference: carried, amountCents: 9000 }]);
    expect(advice.paymentCents).toBe(0);
  });
});

describe('corrections the payer cannot apply, or that need no reversal', () => {
  it('an unknown REF*F8 is rejected in the 277CA (A7:35 claim/encounter not found); nothing is adjudicated', async () => {
    const orphan = claim('V3A2', {
      lines: [{ code: '11102', chargeCents: 15000 }],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXNOSUCHCLAIM',
    });
    const docs = await submit(orphan);
    const ack = ackOf(docs, 'V3A2')!;
    expect(ack).toMatchObject({ accepted: false, categoryCode: 'A7', statusCode: '35' });
    expect(ack.payerClaimNumber).toBeUndefined();
    expect(ack.reasons[0]).toBe(
      'A7/35 claim/encounter not found, no adjudicated claim SBXNOSUCHCLAIM to replace',
    );
    const ca = docs.find((d) => d.kind === '277CA')!;
    expect(ca.raw).toContain('STC*A7:35*');
    await expectPyx12Valid(ca.raw);
    expect(remittancesOf(docs)).toEqual([]);
  });

  it('a payer claim number of another payer is not found either', async () => {
    const paid = claim('V4A1', { lines: [{ code: '11102', chargeCents: 15000 }] });
    await submit(paid);
    const elsewhere = claim('V4A2', {
      memberId: 'MV4A1',
      payerId: 'AETNA1',
      lines: [{ code: '11102', chargeCents: 15000 }],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV4A1',
    });
    const docs = await submit(elsewhere);
    expect(ackOf(docs, 'V4A2')).toMatchObject({ accepted: false, categoryCode: 'A7', statusCode: '35' });
  });

  it('the replacement of a denied original (CLP02 4) is adjudicated without a reversal', async () => {
    const denied = claim('V5A1', {
      memberId: 'MV5',
      diagnosisCodes: ['L57.0'],
      lines: [{ code: '17380', chargeCents: 20000 }],
    });
    const first = await checked835(await submit(denied));
    expect(first.claims[0]).toMatchObject({ statusCode: '4', paidCents: 0 });
    const corrected = claim('V5A2', {
      memberId: 'MV5',
      diagnosisCodes: ['L57.0'],
      lines: [{ code: '17000', chargeCents: 9000 }],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV5A1',
    });
    const advice = await checked835(await submit(corrected));
    expect(advice.claims.map((c) => [c.patientControlNumber, c.statusCode])).toEqual([['V5A2', '1']]);
    expect(advice.paymentCents).toBe(advice.claims[0]!.paidCents);
  });

  it('an original not yet paid is paid, reversed and replaced in one 835, in that order', async () => {
    key += 1;
    const early = claim('V6A1', { memberId: 'MV6', lines: [{ code: '11102', chargeCents: 15000 }] });
    await clearinghouse.submitClaims(batch(early), { idempotencyKey: `replacement-${key}` });
    // No listInbound (no payment run) between the original and its replacement.
    const fixed = claim('V6A2', {
      memberId: 'MV6',
      lines: [{ code: '11102', modifiers: ['RT'], chargeCents: 15000 }],
      frequencyCode: '7',
      originalPayerClaimNumber: 'SBXV6A1',
    });
    const docs = await submit(fixed);
    const advice = await checked835(docs);
    expect(advice.claims.map((c) => [c.patientControlNumber, c.statusCode, c.paidCents])).toEqual([
      ['V6A1', '1', 9000],
      ['V6A1', '22', -9000],
      ['V6A2', '1', 9000],
    ]);
    expect(advice.paymentCents).toBe(9000);
  });
});
