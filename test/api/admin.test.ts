import request from 'supertest';
import { staffOfEveryRole, type TestStaff } from '../support/staff';
import { startStaffApi, type StaffApi } from '../support/staff-api';

let api: StaffApi;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;

beforeAll(async () => {
  api = await startStaffApi();
  staff = await staffOfEveryRole(api.database.db, 'admin-test');
});

afterAll(() => api.close());

const asAdmin = {
  get: (path: string) => request(api.app).get(path).set('authorization', staff.admin.bearer),
  post: (path: string, body: object) =>
    request(api.app).post(path).set('authorization', staff.admin.bearer).send(body),
  patch: (path: string, body: object) =>
    request(api.app).patch(path).set('authorization', staff.admin.bearer).send(body),
  put: (path: string, body: object) =>
    request(api.app).put(path).set('authorization', staff.admin.bearer).send(body),
  delete: (path: string) => request(api.app).delete(path).set('authorization', staff.admin.bearer),
};

describe('admin: users and API keys', () => {
  it('creates a user, issues a key shown once (only its hash stored), and the key works for that role', async () => {
    const created = await asAdmin.post('/v1/admin/users', { username: 'nina.new', role: 'biller' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'nina.new',
      role: 'biller',
      hasPassword: false,
      apiKeys: [],
    });
    const issued = await asAdmin.post(`/v1/admin/users/${created.body.user.id}/api-keys`, {
      label: 'month-end script',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^dck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const stored = await api.database.db.apiKey.findUniqueOrThrow({ where: { id: issued.body.keyId } });
    expect(JSON.stringify(stored)).not.toContain(issued.body.key.split('_').at(-1));
    expect(stored.label).toBe('month-end script');

    const bearer = `Bearer ${issued.body.key}`;
    expect((await request(api.app).get('/v1/review-tasks').set('authorization', bearer)).status).toBe(200);
    expect((await request(api.app).get('/v1/admin/users').set('authorization', bearer)).status).toBe(403);

    const listed = await asAdmin.get('/v1/admin/users');
    const nina = listed.body.users.find((u: { username: string }) => u.username === 'nina.new');
    expect(nina.apiKeys).toEqual([expect.objectContaining({ keyId: issued.body.keyId, revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
    expect(JSON.stringify(listed.body)).not.toMatch(/secretHash|passwordHash/);
  });

  it('refuses a duplicate username (409), a bad username or role (400), a short password (400)', async () => {
    expect(
      (await asAdmin.post('/v1/admin/users', { username: 'admin-test-biller', role: 'biller' })).status,
    ).toBe(409);
    const bad = await asAdmin.post('/v1/admin/users', {
      username: 'Has Spaces',
      role: 'owner',
      password: 'short',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      'password',
      'role',
      'username',
    ]);
  });

  it('revokes a key: 204, then the key is a 401; an unknown key is a 404', async () => {
    const created = await asAdmin.post('/v1/admin/users', { username: 'rita.revoked', role: 'supervisor' });
    const issued = await asAdmin.post(`/v1/admin/users/${created.body.user.id}/api-keys`, {});
    const bearer = `Bearer ${issued.body.key}`;
    expect((await request(api.app).get('/v1/metrics').set('authorization', bearer)).status).toBe(200);
    expect((await asAdmin.delete(`/v1/admin/api-keys/${issued.body.keyId}`)).status).toBe(204);
    expect((await request(api.app).get('/v1/metrics').set('authorization', bearer)).status).toBe(401);
    expect((await asAdmin.delete('/v1/admin/api-keys/0000000000000000')).status).toBe(404);
    const revoked = await api.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'api-key.revoke', resourceId: issued.body.keyId },
    });
    expect(revoked).toMatchObject({ actorUserId: staff.admin.userId, outcome: 'succeeded' });
  });

  it('sets a password (the user can then sign in) and changes a role', async () => {
    const created = await asAdmin.post('/v1/admin/users', { username: 'paul.password', role: 'biller' });
    const id = created.body.user.id as string;
    expect((await asAdmin.put(`/v1/admin/users/${id}/password`, { password: 'short' })).status).toBe(400);
    expect(
      (await asAdmin.put(`/v1/admin/users/${id}/password`, { password: 'a long enough passphrase' })).status,
    ).toBe(204);
    const login = await request(api.app)
      .post('/v1/session')
      .send({ username: 'paul.password', password: 'a long enough passphrase' });
    expect(login.status).toBe(201);
    expect(login.body.user.role).toBe('biller');
    const promoted = await asAdmin.patch(`/v1/admin/users/${id}`, { role: 'supervisor' });
    expect(promoted.body.user.role).toBe('supervisor');
    // The role is read on every request: the open session is a supervisor's now.
    const me = await request(api.app)
      .get('/v1/session')
      .set('cookie', String(login.headers['set-cookie']).split(';')[0]!);
    expect(me.body.user.role).toBe('supervisor');
  });

  it('disabling a user stops every key and session at once', async () => {
    const created = await asAdmin.post('/v1/admin/users', {
      username: 'dora.disabled',
      role: 'biller',
      password: 'a long enough passphrase',
    });
    const id = created.body.user.id as string;
    const issued = await asAdmin.post(`/v1/admin/users/${id}/api-keys`, {});
    const login = await request(api.app)
      .post('/v1/session')
      .send({ username: 'dora.disabled', password: 'a long enough passphrase' });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const disabled = await asAdmin.patch(`/v1/admin/users/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.disabledAt).not.toBeNull();
    expect(
      (await request(api.app).get('/v1/metrics').set('authorization', `Bearer ${issued.body.key}`)).status,
    ).toBe(401);
    expect((await request(api.app).get('/v1/session').set('cookie', cookie)).status).toBe(401);
    expect(
      (
        await request(api.app)
          .post('/v1/session')
          .send({ username: 'dora.disabled', password: 'a long enough passphrase' })
      ).status,
    ).toBe(401);
    expect((await asAdmin.post(`/v1/admin/users/${id}/api-keys`, {})).status).toBe(409);
  });

  it('the last active admin can be neither disabled nor demoted', async () => {
    const only = await asAdmin.patch(`/v1/admin/users/${staff.admin.userId}`, { role: 'biller' });
    expect(only.status).toBe(409);
    expect(only.body.error).toMatch(/last active admin/);
    expect((await asAdmin.patch(`/v1/admin/users/${staff.admin.userId}`, { disabled: true })).status).toBe(
      409,
    );
    expect((await asAdmin.patch('/v1/admin/users/no-such-user', { disabled: true })).status).toBe(404);
    expect((await asAdmin.patch(`/v1/admin/users/${staff.admin.userId}`, {})).status).toBe(400);
  });

  it('a supervisor cannot create users: 403 and no user is created', async () => {
    const before = await api.database.db.user.count();
    const response = await request(api.app)
      .post('/v1/admin/users')
      .set('authorization', staff.supervisor.bearer)
      .send({ username: 'sneaky.admin', role: 'admin' });
    expect(response.status).toBe(403);
    expect(await api.database.db.user.count()).toBe(before);
    const denied = await api.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'user.create', actorUserId: staff.supervisor.userId },
    });
    expect(denied.outcome).toBe('denied');
  });
});
