import type { ActivityDependencies } from '../../activities';
import { createPostingActivities } from '../../activities/posting';
import { bench835, benchClaimId, createBenchClaims, storeBench835 } from '../../bench/posting-fixture';
import { claimAt } from '../../bench/generate-835';
import type { Database } from '../../src/db/client';
import { storeInboundDocument } from '../../src/inbox/inbound-documents';
import { runLedgerChecks } from '../../src/ledger/run-checks';
import { postClaimPayments } from '../../src/posting/post-claim-payments';
import type { ClaimPayment } from '../../src/remittance/types';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CLAIMS = 200;
const clock = () => new Date('2026-03-02T12:00:00Z');
let oneByOne: TestDatabase;
let batched: TestDatabase;

/** Claim 0's payment taken back (CLP02 = 22), in a second ERA: the claim is posted twice, in order. */
function reversalOfClaimZero(): ClaimPayment {
  const paid = claimAt(0);
  const negate = <T extends { amountCents: number }>(a: T) => ({ ...a, amountCents: -a.amountCents });
  return {
    ...paid,
    statusCode: '22',
    chargeCents: -paid.chargeCents,
    paidCents: -paid.paidCents,
    patientResponsibilityCents: -paid.patientResponsibilityCents,
    adjustments: [],
    lines: paid.lines.map((l) => ({
      ...l,
      chargeCents: -l.chargeCents,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map(negate),
    })),
  };
}

/** The bench claims, their 835 and a later reversal of claim 0, stored; claim payments in file order. */
async function seed(db: Database): Promise<string[]> {
  await createBenchClaims(db, CLAIMS);
  const ids = await storeBench835(db, bench835(CLAIMS));
  const reversal = reversalOfClaimZero();
  await storeInboundDocument(db, {
    id: 'reversal-835',
    kind: '835',
    receivedAt: '2026-03-05T00:00:00Z',
    raw: '',
    acknowledgements: [],
    remittances: [
      {
        traceNumber: 'REV1',
        payerId: '60054',
        payerName: 'BENCH PAYER',
        paymentCents: reversal.paidCents,
        paymentMethod: 'ACH',
        paymentDate: '2026-03-05',
        claims: [reversal],
        providerAdjustments: [],
      },
    ],
  });
  const reversalClaim = await db.remittanceClaim.findFirstOrThrow({ where: { statusCode: '22' } });
  return [...ids, reversalClaim.id];
}

/** What posting wrote, without generated ids and clocks. */
async function books(db: Database) {
  const [ledger, payments, adjustments, claims, remittanceClaims, audits] = await Promise.all([
    db.ledgerEntry.findMany({
      select: {
        visitId: true,
        claimId: true,
        account: true,
        entryType: true,
        amountCents: true,
        reasonCode: true,
        memo: true,
        idempotencyKey: true,
      },
      orderBy: { idempotencyKey: 'asc' },
    }),
    db.payment.findMany({
      select: { remittanceClaimId: true, claimId: true, amountCents: true },
      orderBy: { remittanceClaimId: 'asc' },
    }),
    db.adjustment.findMany({
      select: {
        claimId: true,
        remittanceClaimId: true,
        groupCode: true,
        reasonCode: true,
        amountCents: true,
        lineControlNumber: true,
      },
      orderBy: [
        { remittanceClaimId: 'asc' },
        { lineControlNumber: 'asc' },
        { reasonCode: 'asc' },
        { amountCents: 'asc' },
      ],
    }),
    db.claim.findMany({
      select: { id: true, status: true, paidAt: true, payerClaimNumber: true, estimateVarianceCents: true },
      orderBy: { id: 'asc' },
    }),
    db.remittanceClaim.findMany({
      select: { id: true, claimId: true, postedAt: true },
      orderBy: { id: 'asc' },
    }),
    db.auditEvent.findMany({
      select: { claimId: true, action: true, detail: true, eventKey: true },
      orderBy: { eventKey: 'asc' },
    }),
  ]);
  return { ledger, payments, adjustments, claims, remittanceClaims, audits };
}

/** Every table's rows as JSON, sorted: the books compare row for row whatever the ids sort to. */
function canonical(tables: object): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      (rows as unknown[]).map((r) => JSON.stringify(r)).sort(),
    ]),
  );
}

beforeAll(async () => {
  [oneByOne, batched] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([oneByOne?.drop(), batched?.drop()]);
});

test('the batched poster writes what the one-by-one activity writes, and a second run posts nothing', async () => {
  const idsA = await seed(oneByOne.db);
  const idsB = await seed(batched.db);
  const activities = createPostingActivities({ db: oneByOne.db, clock } as unknown as ActivityDependencies);
  const summaries = [];
  for (const [index, id] of idsA.entries())
    summaries.push(
      await activities.postRemittance({
        claimId: benchClaimId(index === CLAIMS ? 0 : index),
        remittanceClaimId: id,
      }),
    );

  const first = await postClaimPayments(batched.db, clock, idsB);
  expect(first.notFound).toEqual([]);
  expect(first.postings.filter((p) => p.posted)).toHaveLength(CLAIMS + 1);
  // The activity's summaries are the batch's (a claim's balance as it stands after the whole run).
  expect(first.postings.at(-1)).toMatchObject({ claimId: benchClaimId(0), statusCode: '22' });
  const finalBalance = new Map(first.postings.map((p) => [p.claimId, p.insuranceBalanceCents]));
  expect(
    first.postings.map(({ remittanceClaimId: _r, claimId, posted: _p, ...summary }) => ({
      ...summary,
      insuranceBalanceCents: finalBalance.get(claimId),
    })),
  ).toEqual(
    summaries.map((s, i) => ({ ...s, insuranceBalanceCents: finalBalance.get(first.postings[i]!.claimId) })),
  );
  expect(summaries.at(-1)!.insuranceBalanceCents).toBe(finalBalance.get(benchClaimId(0)));

  // Remittance claim ids are generated: B's are renamed to A's so both books compare key for key.
  const rename = (text: string) => idsB.reduce((t, id, i) => t.split(id).join(idsA[i]!), text);
  const booksA = canonical(await books(oneByOne.db));
  const booksB = canonical(JSON.parse(rename(JSON.stringify(await books(batched.db)))));
  expect(booksB).toEqual(booksA);
  expect(booksA.ledger!.length).toBeGreaterThan(CLAIMS * 4);
  expect((await books(batched.db)).claims.find((c) => c.id === benchClaimId(0))?.status).toBe('reversed');

  const second = await postClaimPayments(batched.db, clock, idsB);
  expect(second.postings.filter((p) => p.posted)).toEqual([]);
  expect(second.postings.map((p) => p.insuranceBalanceCents)).toEqual(
    first.postings.map((p) => p.insuranceBalanceCents),
  );
  expect(canonical(JSON.parse(rename(JSON.stringify(await books(batched.db)))))).toEqual(booksB);
  expect((await runLedgerChecks(batched.db)).discrepancies).toEqual([]);
}, 120_000);

test('an unknown remittance claim is reported, not posted; the activity refuses it', async () => {
  const result = await postClaimPayments(batched.db, clock, ['no-such-remittance-claim']);
  expect(result).toEqual({ postings: [], notFound: ['no-such-remittance-claim'] });
  const activities = createPostingActivities({ db: batched.db, clock } as unknown as ActivityDependencies);
  await expect(
    activities.postRemittance({ claimId: benchClaimId(1), remittanceClaimId: 'no-such-remittance-claim' }),
  ).rejects.toThrow('not found');
});
