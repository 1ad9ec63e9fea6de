import request from 'supertest';
import { startStaffApi, type StaffApi } from '../support/staff-api';
import { staffOfEveryRole, type TestStaff } from '../support/staff';

/** Staff see each clearinghouse document with what the X12 validation said about it. */
let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'docs');
  const receivedAt = new Date('2026-11-20T10:00:00Z');
  await api.database.db.inboundDocument.createMany({
    data: [
      { id: 'DOC-CLEAN', kind: '835', raw: 'ISA…', receivedAt },
      {
        id: 'DOC-WARN',
        kind: '835',
        raw: 'ISA…',
        receivedAt,
        findings: ['warning: 835 loop 1000A: PER*BL (payer technical contact) is required'],
      },
      {
        id: 'DOC-BAD',
        kind: 'unreadable',
        raw: 'ISA…',
        receivedAt,
        problem: 'CAS20: element past the last defined element',
        findings: ['error: CAS20: element past the last defined element'],
      },
    ],
  });
});
afterAll(() => api?.close());

const list = (query = '') =>
  request(api.app).get(`/v1/inbound-documents${query}`).set('authorization', staff.biller.bearer);

test('the document list shows every finding; findings=true and problem=true narrow it', async () => {
  const all = await list();
  expect(all.status).toBe(200);
  const byId = Object.fromEntries(
    (all.body.documents as Array<{ id: string; findings: string[] }>).map((d) => [d.id, d.findings]),
  );
  expect(byId).toEqual({
    'DOC-CLEAN': [],
    'DOC-WARN': [expect.stringMatching(/^warning: .*PER\*BL/)],
    'DOC-BAD': [expect.stringMatching(/^error: CAS20/)],
  });
  const withFindings = await list('?findings=true');
  expect(withFindings.body.documents.map((d: { id: string }) => d.id).sort()).toEqual([
    'DOC-BAD',
    'DOC-WARN',
  ]);
  const unreadable = await list('?problem=true');
  expect(unreadable.body.documents.map((d: { id: string }) => d.id)).toEqual(['DOC-BAD']);
  expect((await request(api.app).get('/v1/inbound-documents')).status).toBe(401);
});
