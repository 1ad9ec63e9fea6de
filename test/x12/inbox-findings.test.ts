import type { Client } from '@temporalio/client';
import express from 'express';
import request from 'supertest';
import { createInboxActivities } from '../../activities/inbox';
import { remittanceUploadHandler } from '../../src/api/remittance-upload';
import type { X12InboundDocument, X12Transport } from '../../src/clearinghouse/x12-clearinghouse';
import { X12Clearinghouse } from '../../src/clearinghouse/x12-clearinghouse';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import { demoPracticeProfile } from '../../src/practice/practice-profile';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from './helpers';

const invalid = (name: string) => readFileSync(path.join(FIXTURES_DIR, 'invalid', name), 'utf8');

/** A mailbox holding fixed X12 files. */
function mailbox(files: Array<{ id: string; raw: string }>): X12Transport {
  const documents = files.map((f, i) => ({
    ...f,
    kind: '835' as const,
    receivedAt: `2026-11-2${i}T10:00:00Z`,
  }));
  const unused = () => Promise.reject(new Error('not used'));
  return {
    send837: unused,
    exchange270: unused,
    exchange276: unused,
    fetchSubmission: unused,
    listInbound: async () => ({
      documents: documents.map(({ id, kind, receivedAt }) => ({ id, kind, receivedAt })),
      nextCursor: String(documents.length),
    }),
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

test('every finding is stored with the inbound document: warnings post, errors keep the file unposted', async () => {
  const clearinghouse = new X12Clearinghouse(
    mailbox([
      { id: 'ERA-NO-PER', raw: invalid('payer-without-per.835') },
      { id: 'ERA-CAS20', raw: invalid('cas-past-cas19.835') },
      { id: 'ERA-GS-XX', raw: invalid('gs01-not-st01.835') },
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
  expect(batch.unreadableDocuments.sort()).toEqual(['ERA-CAS20', 'ERA-GS-XX']);

  const stored = await database.db.inboundDocument.findMany({ orderBy: { id: 'asc' } });
  const byId = Object.fromEntries(stored.map((d) => [d.id, d]));
  expect(byId['ERA-NO-PER']).toMatchObject({ kind: '835', problem: null });
  expect(byId['ERA-NO-PER']!.findings).toEqual([expect.stringMatching(/^warning: .*PER\*BL .* is required/)]);
  expect(byId['ERA-CAS20']).toMatchObject({ kind: 'unreadable' });
  expect(byId['ERA-CAS20']!.problem).toMatch(/CAS20: element past the last defined element/);
  expect(byId['ERA-CAS20']!.findings[0]).toMatch(/^error: .*CAS20/);
  expect(byId['ERA-GS-XX']!.problem).toMatch(/GS01 functional identifier/);
  // Only the payment without PER is posted (the CAS one would have balanced on dropped amounts).
  const remittances = await database.db.remittance.findMany();
  expect(remittances.map((r) => r.documentId)).toEqual(['ERA-NO-PER']);
});

test('an uploaded ERA gets the same rules: an error refuses it (400), warnings are stored with it', async () => {
  // No claim of these files is in the database, so no workflow is signalled.
  const app = express().post(
    '/upload',
    ...remittanceUploadHandler({ db: database.db, temporal: {} as Client, clock: () => new Date() }),
  );
  const refused = await request(app)
    .post('/upload')
    .set('content-type', 'text/plain')
    .send(invalid('cas-past-cas19.835'));
  expect(refused.status).toBe(400);
  expect(refused.body.problems[0].message).toMatch(/CAS20: element past the last defined element/);
  const accepted = await request(app)
    .post('/upload')
    .set('content-type', 'text/plain')
    .send(invalid('payer-without-per.835').replace('CHK100234', 'CHK-UPLOAD-1'));
  expect(accepted.status).toBe(202);
  const stored = await database.db.inboundDocument.findUniqueOrThrow({
    where: { id: accepted.body.documentId },
  });
  expect(stored.findings).toEqual([expect.stringMatching(/^warning: .*PER\*BL/)]);
});
