import request from 'supertest';
import { staffOfEveryRole, type TestStaff } from '../support/staff';
import { heldVisit, startStaffApi, storeTestVisit, type StaffApi } from '../support/staff-api';

let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'audit');
  await storeTestVisit(api.database, 'V-AUDIT-1');
  api.states.set('V-AUDIT-1', heldVisit('V-AUDIT-1', { kind: 'coding_review' }));
  await api.database.db.reviewTask.create({
    data: { id: 'V-AUDIT-1:coding_review:1', visitId: 'V-AUDIT-1', kind: 'coding_review', reasons: ['test'] },
  });
});

afterAll(() => api.close());

const eventsOf = (visitId: string) =>
  api.database.db.auditEvent.findMany({ where: { visitId }, orderBy: { at: 'asc' } });

describe('the audit trail', () => {
  it('records a read of a visit: who, role, what, which visit, from where, outcome', async () => {
    const response = await request(api.app)
      .get('/v1/visits/V-AUDIT-1')
      .set('authorization', staff.biller.bearer)
      .set('user-agent', 'billing-script/2.1');
    expect(response.status).toBe(200);
    const [event] = await eventsOf('V-AUDIT-1');
    expect(event).toMatchObject({
      actor: 'audit-biller',
      actorUserId: staff.biller.userId,
      actorRole: 'biller',
      action: 'visit.read',
      visitId: 'V-AUDIT-1',
      outcome: 'succeeded',
      userAgent: 'billing-script/2.1',
      detail: { method: 'GET', route: '/v1/visits/:visitId', status: 200 },
    });
    expect(Math.abs(event!.at.getTime() - api.clock.now.getTime())).toBeLessThan(1000);
    expect(event!.ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('records a read of an unknown visit as rejected', async () => {
    const response = await request(api.app)
      .get('/v1/visits/V-NOT-THERE')
      .set('authorization', staff.biller.bearer);
    expect(response.status).toBe(404);
    expect(await eventsOf('V-NOT-THERE')).toEqual([
      expect.objectContaining({ action: 'visit.read', outcome: 'rejected' }),
    ]);
  });

  it('the review queue read names every visit it showed', async () => {
    await request(api.app).get('/v1/review-tasks').set('authorization', staff.supervisor.bearer);
    const event = await api.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'review-tasks.read', actorUserId: staff.supervisor.userId },
    });
    expect(event.detail).toMatchObject({ status: 'open', visitIds: ['V-AUDIT-1'] });
  });

  it('records metrics, inbound-document and ERA-upload requests', async () => {
    await request(api.app).get('/v1/metrics').set('authorization', staff.biller.bearer);
    await request(api.app).get('/v1/inbound-documents').set('authorization', staff.biller.bearer);
    const upload = await request(api.app)
      .post('/v1/remittances')
      .set('authorization', staff.biller.bearer)
      .set('content-type', 'application/edi-x12')
      .send('not an 835');
    expect(upload.status).toBe(400);
    const actions = await api.database.db.auditEvent.findMany({
      where: {
        actorUserId: staff.biller.userId,
        action: { in: ['metrics.read', 'inbound-documents.read', 'remittance.upload'] },
      },
      orderBy: { at: 'asc' },
    });
    expect(actions.map((a) => [a.action, a.outcome])).toEqual([
      ['metrics.read', 'succeeded'],
      ['inbound-documents.read', 'succeeded'],
      ['remittance.upload', 'rejected'],
    ]);
  });

  it('records a refused action as denied, with the user who tried', async () => {
    const response = await request(api.app)
      .post('/v1/visits/V-AUDIT-1/review-decision')
      .set('authorization', staff.biller.bearer)
      .send({ action: 'reject' });
    expect(response.status).toBe(403);
    const events = await eventsOf('V-AUDIT-1');
    expect(events.at(-1)).toMatchObject({
      action: 'review.decide',
      outcome: 'denied',
      actorUserId: staff.biller.userId,
      resourceType: 'review-task',
      resourceId: 'V-AUDIT-1:coding_review:1',
      detail: expect.objectContaining({ action: 'reject', kind: 'coding_review', status: 403 }),
    });
  });

  it('cannot be written by an unauthenticated caller, however it tries', async () => {
    const before = await api.database.db.auditEvent.count();
    const attempts = [
      request(api.app).get('/v1/visits/V-AUDIT-1'),
      request(api.app).get('/v1/admin/audit-events'),
      request(api.app).post('/v1/admin/audit-events').send({ actor: 'audit-admin', action: 'forged' }),
      request(api.app).post('/v1/visits/V-AUDIT-1/review-decision').send({ action: 'approve' }),
      request(api.app).delete('/v1/session'),
      request(api.app).get('/v1/review-tasks').set('cookie', 'dermclaims_session=guessed-session-token'),
      request(api.app).post('/v1/session').send({ username: 'audit-admin', password: 'guessing-a-password' }),
    ];
    const statuses = [];
    for (const attempt of attempts) statuses.push((await attempt).status);
    // POST is not an operation of the audit trail: 405 from the published contract.
    expect(statuses).toEqual([401, 401, 405, 401, 401, 401, 401]);
    expect(await api.database.db.auditEvent.count()).toBe(before);
  });

  it('an admin reads it, filtered by user, visit, action and outcome, newest first and paged', async () => {
    const read = (query: Record<string, string>) =>
      request(api.app).get('/v1/admin/audit-events').query(query).set('authorization', staff.admin.bearer);

    const byVisit = await read({ visitId: 'V-AUDIT-1' });
    expect(byVisit.status).toBe(200);
    expect(byVisit.body.events.map((e: { action: string }) => e.action)).toEqual([
      'review.decide',
      'visit.read',
    ]);

    const denied = await read({ outcome: 'denied', userId: staff.biller.userId });
    expect(denied.body.events).toHaveLength(1);
    expect(denied.body.events[0]).toMatchObject({ visitId: 'V-AUDIT-1', actor: 'audit-biller' });

    const byAction = await read({ action: 'visit.read', role: 'biller' });
    expect(byAction.body.events.map((e: { visitId: string }) => e.visitId).sort()).toEqual([
      'V-AUDIT-1',
      'V-NOT-THERE',
    ]);

    const first = await read({ actor: 'audit-biller', limit: '2' });
    expect(first.body.events).toHaveLength(2);
    const second = await read({ actor: 'audit-biller', limit: '2', before: first.body.next });
    const ids = [...first.body.events, ...second.body.events].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);

    // Reading the trail is itself on the trail.
    const reads = await read({ action: 'audit.read', userId: staff.admin.userId });
    expect(reads.body.events.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses an invalid filter with 400 and its problems', async () => {
    // A value outside a published enum is refused by the contract, before the route.
    const unknownOutcome = await request(api.app)
      .get('/v1/admin/audit-events')
      .query({ outcome: 'maybe' })
      .set('authorization', staff.admin.bearer);
    expect(unknownOutcome.status).toBe(400);
    expect(unknownOutcome.body.problems.map((p: { path: string }) => p.path)).toEqual(['query.outcome']);
    const response = await request(api.app)
      .get('/v1/admin/audit-events')
      .query({ outcome: 'denied', limit: '100000', since: 'yesterday' })
      .set('authorization', staff.admin.bearer);
    expect(response.status).toBe(400);
    expect(response.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['limit', 'since']);
  });
});
