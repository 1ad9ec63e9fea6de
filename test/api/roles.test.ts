import request from 'supertest';
import { revokeApiKey } from '../../src/auth/api-keys';
import { updateUser } from '../../src/auth/users';
import type { ReviewDecision } from '../../src/visit-billing/messages';
import { createStaff, staffOfEveryRole, type TestStaff } from '../support/staff';
import { heldVisit, startStaffApi, storeTestVisit, type StaffApi } from '../support/staff-api';

let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'roles');
  await storeTestVisit(api.database, 'V-ROLES-1');
  api.states.set('V-ROLES-1', heldVisit('V-ROLES-1', { kind: 'coding_review' }));
});

afterAll(() => api.close());

beforeEach(() => {
  api.signals.length = 0;
});

const auditCount = () => api.database.db.auditEvent.count();

describe('who is calling', () => {
  it.each([
    ['no credential', undefined],
    ['the old shared token', 'Bearer dermclaims-dev-staff-token'],
    ['a malformed key', 'Bearer dck_nothex_short'],
    ['an unknown key', `Bearer dck_0123456789abcdef_${'A'.repeat(43)}`],
    ['a basic credential', 'Basic YWRtaW46YWRtaW4='],
  ])('%s is a 401 and writes nothing to the audit trail', async (_label, authorization) => {
    const before = await auditCount();
    const call = request(api.app).get('/v1/visits/V-ROLES-1');
    const response = await (authorization ? call.set('authorization', authorization) : call);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.body.visitId).toBeUndefined();
    expect(await auditCount()).toBe(before);
  });

  it('a known key id with the wrong secret is a 401', async () => {
    const wrongSecret = staff.biller.bearer.replace(/_[A-Za-z0-9_-]{43}$/, `_${'B'.repeat(43)}`);
    expect(wrongSecret).not.toBe(staff.biller.bearer);
    expect((await request(api.app).get('/v1/review-tasks').set('authorization', wrongSecret)).status).toBe(
      401,
    );
  });

  it('a revoked key stops working at once; the user’s other keys and users are unaffected', async () => {
    const other = await staffOfEveryRole(api.database.db, 'revoked');
    const ok = await request(api.app).get('/v1/review-tasks').set('authorization', other.biller.bearer);
    expect(ok.status).toBe(200);
    await revokeApiKey(api.database.db, other.biller.keyId, new Date());
    const before = await auditCount();
    const refused = await request(api.app).get('/v1/review-tasks').set('authorization', other.biller.bearer);
    expect(refused.status).toBe(401);
    expect(await auditCount()).toBe(before);
    expect(
      (await request(api.app).get('/v1/review-tasks').set('authorization', staff.biller.bearer)).status,
    ).toBe(200);
  });

  it('a disabled user’s keys are refused', async () => {
    const other = await staffOfEveryRole(api.database.db, 'disabled');
    await updateUser(api.database.db, other.supervisor.userId, { disabled: true }, new Date());
    const refused = await request(api.app)
      .get('/v1/review-tasks')
      .set('authorization', other.supervisor.bearer);
    expect(refused.status).toBe(401);
  });

  it('records when a key was last used (to the minute)', async () => {
    const fresh = await createStaff(api.database.db, 'roles-fresh', 'biller');
    const lastUsed = async () =>
      (await api.database.db.apiKey.findUniqueOrThrow({ where: { id: fresh.keyId } })).lastUsedAt;
    const use = () => request(api.app).get('/v1/metrics').set('authorization', fresh.bearer);
    expect(await lastUsed()).toBeNull();
    const first = api.clock.now.getTime();
    await use();
    const recorded = (await lastUsed())!.getTime();
    expect(recorded - first).toBeLessThan(50);
    await use();
    expect((await lastUsed())!.getTime()).toBe(recorded);
    api.clock.now = new Date(api.clock.now.getTime() + 120_000);
    await use();
    expect((await lastUsed())!.getTime()).toBeGreaterThan(recorded + 119_000);
  });
});

describe('the permission table at the routes', () => {
  const routes: Array<[string, string, Record<'biller' | 'supervisor' | 'admin', number>]> = [
    ['GET', '/v1/visits/V-ROLES-1', { biller: 200, supervisor: 200, admin: 403 }],
    ['GET', '/v1/review-tasks', { biller: 200, supervisor: 200, admin: 403 }],
    ['GET', '/v1/inbound-documents', { biller: 200, supervisor: 200, admin: 403 }],
    ['GET', '/v1/metrics', { biller: 200, supervisor: 200, admin: 200 }],
    ['GET', '/v1/admin/users', { biller: 403, supervisor: 403, admin: 200 }],
    ['GET', '/v1/admin/audit-events', { biller: 403, supervisor: 403, admin: 200 }],
  ];
  it.each(routes)('%s %s', async (_method, path, expected) => {
    for (const role of ['biller', 'supervisor', 'admin'] as const) {
      const response = await request(api.app).get(path).set('authorization', staff[role].bearer);
      expect({ role, status: response.status }).toEqual({ role, status: expected[role] });
      if (response.status === 403) expect(response.body.missing.length).toBeGreaterThan(0);
    }
  });

  it('an admin may not decide claims (separation of duties)', async () => {
    const response = await request(api.app)
      .post('/v1/visits/V-ROLES-1/review-decision')
      .set('authorization', staff.admin.bearer)
      .send({ action: 'approve' });
    expect(response.status).toBe(403);
    expect(api.signals).toEqual([]);
  });
});

describe('review decisions: a biller works review, rejection and denial tasks; a supervisor also the rest', () => {
  type Case = [
    string,
    Parameters<typeof heldVisit>[1],
    Record<string, unknown>,
    { biller: number; supervisor: number },
  ];
  const EITHER = { biller: 200, supervisor: 200 };
  const SUPERVISOR_ONLY = { biller: 403, supervisor: 200 };
  const lines = [{ code: '17000', modifiers: [], units: 1, diagnosisPointers: [1] }];
  const cases: Case[] = [
    ['approve a coding review', { kind: 'coding_review' }, { action: 'approve' }, EITHER],
    ['amend a coding review', { kind: 'coding_review' }, { action: 'amend', lines }, EITHER],
    ['bill the patient', { kind: 'coding_review' }, { action: 'bill_patient' }, EITHER],
    ['reject (not billed)', { kind: 'coding_review' }, { action: 'reject' }, SUPERVISOR_ONLY],
    [
      'approve over coding errors (override)',
      { kind: 'coding_review', codingErrors: 2 },
      { action: 'approve' },
      SUPERVISOR_ONLY,
    ],
    [
      'amend a claim with coding errors',
      { kind: 'coding_review', codingErrors: 2 },
      { action: 'amend', lines },
      EITHER,
    ],
    ['fix a rejection', { kind: 'rejection' }, { action: 'amend', lines }, EITHER],
    ['move a denial to the patient', { kind: 'denial' }, { action: 'bill_patient' }, EITHER],
    ['write off a denial', { kind: 'denial' }, { action: 'approve' }, SUPERVISOR_ONLY],
    ['an escalation (no payment)', { kind: 'no_payment' }, { action: 'approve' }, SUPERVISOR_ONLY],
    [
      'amended documentation after submission',
      { kind: 'documentation_amended' },
      { action: 'approve' },
      EITHER,
    ],
  ];

  it.each(cases)('%s', async (label, review, body, expected) => {
    for (const role of ['biller', 'supervisor'] as const) {
      const visitId = `V-DEC-${cases.findIndex((c) => c[0] === label)}-${role}`;
      api.states.set(visitId, heldVisit(visitId, review));
      api.signals.length = 0;
      const response = await request(api.app)
        .post(`/v1/visits/${visitId}/review-decision`)
        .set('authorization', staff[role].bearer)
        .send(body);
      expect({ role, status: response.status }).toEqual({ role, status: expected[role] });
      if (response.status === 403) {
        // Nothing changed: no signal reached the workflow, and the refusal is on record.
        expect(api.signals).toEqual([]);
        expect(response.body.missing[0].roles).toContain('supervisor');
        const denied = await api.database.db.auditEvent.findFirstOrThrow({ where: { visitId } });
        expect(denied).toMatchObject({
          action: 'review.decide',
          outcome: 'denied',
          actorUserId: staff[role].userId,
        });
      } else {
        expect(api.signals).toHaveLength(1);
        expect(api.signals[0]).toMatchObject({ workflowId: `visit-${visitId}`, signal: 'decideReview' });
      }
    }
  });

  it('the decision is signed by the credential, whatever name the body claims', async () => {
    api.states.set('V-SIGNED-1', heldVisit('V-SIGNED-1', { kind: 'coding_review' }));
    const response = await request(api.app)
      .post('/v1/visits/V-SIGNED-1/review-decision')
      .set('authorization', staff.biller.bearer)
      .send({
        action: 'approve',
        reviewer: 'dermclaims denial rules',
        actor: { username: 'roles-supervisor' },
      });
    expect(response.status).toBe(200);
    expect(response.body.decidedBy).toBe('roles-biller');
    const sent = api.signals[0]!.payload as ReviewDecision;
    expect(sent).toEqual({
      action: 'approve',
      // Pinned to the task the permission check saw: a different task by then is refused as stale.
      taskId: 'V-SIGNED-1:coding_review:1',
      reviewer: 'roles-biller',
      actor: { userId: staff.biller.userId, username: 'roles-biller', role: 'biller' },
    });
  });

  it('when the workflow does not answer, a decision or a report is a 503 and nothing is sent unchecked', async () => {
    api.states.set('V-SILENT-1', {
      ...heldVisit('V-SILENT-1', { kind: 'denial' }),
      pendingPathologyLesionIds: ['L1'],
    });
    api.silent.add('visit-V-SILENT-1');
    api.signals.length = 0;
    const decision = await request(api.app)
      .post('/v1/visits/V-SILENT-1/review-decision')
      .set('authorization', staff.biller.bearer)
      .send({ action: 'approve' }); // a write-off the biller may not make: never sent unchecked
    const report = await request(api.app)
      .post('/v1/visits/V-SILENT-1/pathology-results')
      .set('authorization', staff.biller.bearer)
      .send({ lesionId: 'L1', result: 'benign' });
    expect([decision.status, report.status]).toEqual([503, 503]);
    expect(decision.headers['retry-after']).toBe('5');
    expect(api.signals).toEqual([]);
  });

  it('a pathology result for a run that closed right after the query is a 409, not a 500', async () => {
    api.states.set('V-PATH-CLOSED', {
      ...heldVisit('V-PATH-CLOSED', { kind: 'coding_review' }),
      pendingPathologyLesionIds: ['L1'],
    });
    api.closeBeforeSignal.add('visit-V-PATH-CLOSED');
    api.signals.length = 0;
    const response = await request(api.app)
      .post('/v1/visits/V-PATH-CLOSED/pathology-results')
      .set('authorization', staff.biller.bearer)
      .send({ lesionId: 'L1', result: 'benign' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatch(/has finished/);
    expect(api.signals).toEqual([]);
  });

  it('a pathology result is recorded as the signed-in user, not the body’s reportedBy', async () => {
    api.states.set('V-PATH-1', {
      ...heldVisit('V-PATH-1', { kind: 'coding_review' }),
      pendingPathologyLesionIds: ['L1'],
    });
    const response = await request(api.app)
      .post('/v1/visits/V-PATH-1/pathology-results')
      .set('authorization', staff.biller.bearer)
      .send({ lesionId: 'L1', result: 'benign', reportedBy: 'roles-supervisor' });
    expect(response.status).toBe(202);
    expect(api.signals[0]!.payload).toEqual({
      lesionId: 'L1',
      result: 'benign',
      actor: { userId: staff.biller.userId, username: 'roles-biller', role: 'biller' },
    });
  });
});
