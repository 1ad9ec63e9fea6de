import { createInboxActivities } from '../../activities/inbox';
import type { X12InboundDocument, X12Transport } from '../../src/clearinghouse/x12-clearinghouse';
import { X12Clearinghouse } from '../../src/clearinghouse/x12-clearinghouse';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { readFixture } from '../x12/helpers';

const era = readFixture('one-claim-check.835');

/** A clearinghouse mailbox holding fixed X12 files, in order. */
function mailbox(files: Array<{ id: string; raw: string }>): X12Transport {
  const documents = files.map((f, i) => ({
    ...f,
    kind: '835' as const,
    receivedAt: `2026-11-2${i}T10:00:00Z`,
  }));
  return {
    send837: () => Promise.reject(new Error('not used')),
    exchange270: () => Promise.reject(new Error('not used')),
    exchange276: () => Promise.reject(new Error('not used')),
    fetchSubmission: () => Promise.reject(new Error('not used')),
    listInbound: async (cursor) => {
      const after = cursor ? Number(cursor) : 0;
      const page = documents.slice(after);
      return {
        documents: page.map(({ id, kind, receivedAt }) => ({ id, kind, receivedAt })),
        nextCursor: String(documents.length),
      };
    },
    fetchInbound: async (id) => {
      const found = documents.find((d) => d.id === id)!;
      return { id: found.id, receivedAt: found.receivedAt, raw: found.raw } as X12InboundDocument;
    },
  };
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

test('an ERA delivered twice is stored twice but recorded once; an unreadable file is kept and blocks nothing', async () => {
  // The same payment, amounts tampered so the claim no longer balances.
  const unbalanced = era.replace(
    /CLP\*([^*]*)\*([^*]*)\*([^*]*)\*([^*]*)\*/,
    (_m, a, b, c, d) => `CLP*${a}*${b}*${c}*${(Number(d) + 1).toFixed(2)}*`,
  );
  expect(unbalanced).not.toBe(era);
  const clearinghouse = new X12Clearinghouse(
    mailbox([
      { id: 'ERA-1', raw: era },
      { id: 'ERA-1-RESENT', raw: era },
      { id: 'ERA-BAD', raw: unbalanced },
    ]),
    { name: 'test-mailbox', identity: demoPracticeProfile },
  );
  const { pullInboundDocuments } = createInboxActivities({
    db: database.db,
    clearinghouse,
    clock: () => new Date(),
    practice: demoPracticeProfile,
    feeSchedule: defaultFeeSchedule,
    decisionPolicy: { autoSubmitMinConfidence: 0.85 },
  });

  const batch = await pullInboundDocuments({ cursor: null });
  expect(batch).toMatchObject({
    documentsRead: 3,
    nextCursor: '3',
    unreadableDocuments: ['ERA-BAD'],
    notices: [],
  });
  expect(batch.unmatchedClaims).toBe(2); // claim V2001 is not in this database (counted in both copies): left for staff

  const stored = await database.db.inboundDocument.findMany({ orderBy: { id: 'asc' } });
  expect(stored.map((d) => [d.id, d.kind, d.problem === null])).toEqual([
    ['ERA-1', '835', true],
    ['ERA-1-RESENT', '835', true],
    ['ERA-BAD', 'unreadable', false],
  ]);
  expect(stored[2]!.problem).toMatch(/CLP/);
  expect(await database.db.remittance.count()).toBe(1);
  expect((await database.db.remittance.findFirstOrThrow()).documentId).toBe('ERA-1');

  // A retried activity (same cursor) changes nothing.
  await pullInboundDocuments({ cursor: null });
  expect(await database.db.remittance.count()).toBe(1);
  expect(await database.db.inboundDocument.count()).toBe(3);
  expect(await database.db.payment.count()).toBe(0);
});
