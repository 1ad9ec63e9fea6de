import request from 'supertest';
import { sha256Hex } from '../../src/auth/tokens';
import { createStaff, type TestStaff } from '../support/staff';
import { heldVisit, startStaffApi, type StaffApi } from '../support/staff-api';

const PASSWORD = 'correct horse battery staple';
let api: StaffApi;
let biller: TestStaff;

beforeAll(async () => {
  api = await startStaffApi({ session: { ttlMs: 8 * 3600_000, idleMs: 30 * 60_000 }, secureCookies: 'auto' });
  biller = await createStaff(api.database.db, 'sam.session', 'biller', PASSWORD);
});

afterAll(() => api.close());

/** Signs in; returns the cookie header to send back and the CSRF token. */
async function login(host?: string) {
  const call = request(api.app).post('/v1/session');
  const response = await (host ? call.set('host', host) : call).send({
    username: biller.username,
    password: PASSWORD,
  });
  expect(response.status).toBe(201);
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  expect(setCookie).toHaveLength(1);
  return {
    setCookie: setCookie[0]!,
    cookie: setCookie[0]!.split(';')[0]!,
    csrfToken: response.body.csrfToken as string,
    body: response.body,
  };
}

describe('password sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const session = await login();
    expect(session.body.user).toEqual({ userId: biller.userId, username: 'sam.session', role: 'biller' });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const attributes = session.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^dermclaims_session=[a-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    // Reached on 127.0.0.1 (plain HTTP on the developer's machine): no Secure flag.
    expect(attributes).not.toContain('secure');
    // The cookie's token is not what the database keeps.
    const token = session.cookie.split('=')[1]!;
    expect(await api.database.db.webSession.count({ where: { id: token } })).toBe(0);
    expect(await api.database.db.webSession.count({ where: { userId: biller.userId } })).toBeGreaterThan(0);
  });

  it('is Secure (and __Host- prefixed) when the API is not reached on localhost', async () => {
    const session = await login('billing.practice.example');
    const attributes = session.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^__host-dermclaims_session=/);
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
    // …and only that cookie name counts on that host.
    const me = await request(api.app)
      .get('/v1/session')
      .set('host', 'billing.practice.example')
      .set('cookie', session.cookie);
    expect(me.status).toBe(200);
    const plainName = session.cookie.replace(/^__Host-/, '');
    const refused = await request(api.app)
      .get('/v1/session')
      .set('host', 'billing.practice.example')
      .set('cookie', plainName);
    expect(refused.status).toBe(401);
  });

  it.each([
    ['a wrong password', { username: 'sam.session', password: 'not the password at all' }],
    ['an unknown user', { username: 'nobody-here', password: PASSWORD }],
  ])('%s is a 401 with the same answer, no cookie, and nothing in the audit trail', async (_label, body) => {
    const before = await api.database.db.auditEvent.count();
    const response = await request(api.app).post('/v1/session').send(body);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'wrong username or password' });
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(await api.database.db.auditEvent.count()).toBe(before);
  });

  it('a user with only an API key (no password) cannot sign in', async () => {
    const keyOnly = await createStaff(api.database.db, 'kim.keyonly', 'biller');
    const response = await request(api.app)
      .post('/v1/session')
      .send({ username: keyOnly.username, password: PASSWORD });
    expect(response.status).toBe(401);
  });

  it('records the sign-in in the audit trail with where it came from', async () => {
    await request(api.app)
      .post('/v1/session')
      .set('user-agent', 'audit-test-browser/1.0')
      .send({ username: biller.username, password: PASSWORD });
    const event = await api.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'session.login', userAgent: 'audit-test-browser/1.0' },
    });
    expect(event).toMatchObject({
      actor: 'sam.session',
      actorUserId: biller.userId,
      actorRole: 'biller',
      outcome: 'succeeded',
    });
    expect(event.ip).toMatch(/127\.0\.0\.1|::1/);
  });
});

describe('a signed-in browser', () => {
  it('GET /v1/session says who is signed in', async () => {
    const session = await login();
    const me = await request(api.app).get('/v1/session').set('cookie', session.cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { username: 'sam.session', role: 'biller' },
      via: 'session',
      csrfToken: session.csrfToken,
    });
  });

  it('reads with the cookie alone, but changes state only with the CSRF token (403 and nothing sent otherwise)', async () => {
    api.states.set('V-CSRF-1', heldVisit('V-CSRF-1', { kind: 'coding_review' }));
    const session = await login();
    expect((await request(api.app).get('/v1/review-tasks').set('cookie', session.cookie)).status).toBe(200);

    api.signals.length = 0;
    const before = await api.database.db.auditEvent.count({ where: { visitId: 'V-CSRF-1' } });
    for (const token of [undefined, 'forged-token', `${session.csrfToken}x`]) {
      const call = request(api.app).post('/v1/visits/V-CSRF-1/review-decision').set('cookie', session.cookie);
      const response = await (token ? call.set('x-csrf-token', token) : call).send({ action: 'approve' });
      expect(response.status).toBe(403);
      expect(response.body.error).toMatch(/X-CSRF-Token/);
    }
    expect(api.signals).toEqual([]);
    // A forged request is not the user's action: it is not put on their record.
    expect(await api.database.db.auditEvent.count({ where: { visitId: 'V-CSRF-1' } })).toBe(before);

    const accepted = await request(api.app)
      .post('/v1/visits/V-CSRF-1/review-decision')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken)
      .send({ action: 'approve' });
    expect(accepted.status).toBe(200);
    expect(api.signals).toHaveLength(1);
  });

  it('an API key needs no CSRF token (it is not sent by the browser on its own)', async () => {
    api.states.set('V-CSRF-2', heldVisit('V-CSRF-2', { kind: 'coding_review' }));
    const response = await request(api.app)
      .post('/v1/visits/V-CSRF-2/review-decision')
      .set('authorization', biller.bearer)
      .send({ action: 'approve' });
    expect(response.status).toBe(200);
  });

  it('logs out with DELETE /v1/session (CSRF token required); the cookie is then worthless', async () => {
    const session = await login();
    expect((await request(api.app).delete('/v1/session').set('cookie', session.cookie)).status).toBe(403);
    const out = await request(api.app)
      .delete('/v1/session')
      .set('cookie', session.cookie)
      .set('x-csrf-token', session.csrfToken);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/dermclaims_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await request(api.app).get('/v1/session').set('cookie', session.cookie)).status).toBe(401);
    expect((await request(api.app).get('/v1/review-tasks').set('cookie', session.cookie)).status).toBe(401);
    const logout = await api.database.db.auditEvent.findFirst({
      where: { action: 'session.logout', actorUserId: biller.userId },
    });
    expect(logout?.outcome).toBe('succeeded');
  });
});

describe('session expiry', () => {
  const start = new Date('2026-11-20T15:00:00Z');
  afterEach(() => {
    api.clock.now = start;
  });

  it('ends after 30 idle minutes; use keeps it alive', async () => {
    api.clock.now = start;
    const session = await login();
    const at = (minutes: number) => {
      api.clock.now = new Date(start.getTime() + minutes * 60_000);
      return request(api.app).get('/v1/session').set('cookie', session.cookie);
    };
    expect((await at(29)).status).toBe(200);
    expect((await at(58)).status).toBe(200); // 29 minutes after the last use
    expect((await at(89)).status).toBe(401); // 31 idle minutes
  });

  it('ends 8 hours after sign-in however busy it is', async () => {
    api.clock.now = start;
    const session = await login();
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      api.clock.now = new Date(start.getTime() + minutes * 60_000);
      expect((await request(api.app).get('/v1/session').set('cookie', session.cookie)).status).toBe(200);
    }
    api.clock.now = new Date(start.getTime() + 8 * 3600_000 + 1000);
    expect((await request(api.app).get('/v1/session').set('cookie', session.cookie)).status).toBe(401);
  });

  it('GET /v1/session reports when the session ends if left idle', async () => {
    api.clock.now = start;
    const session = await login();
    const expiresAt = new Date(session.body.expiresAt as string).getTime();
    expect(expiresAt - start.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    expect(expiresAt - start.getTime()).toBeLessThan(30 * 60_000 + 1000);
  });
});

describe('password guessing', () => {
  it('is refused with 429 after ten wrong passwords for one username from one address; other usernames are unaffected', async () => {
    const target = await createStaff(api.database.db, 'gus.guessed', 'biller', PASSWORD);
    const attempt = (username: string, password: string) =>
      request(api.app).post('/v1/session').send({ username, password });
    for (let i = 0; i < 10; i += 1) expect((await attempt(target.username, `guess-${i}`)).status).toBe(401);
    const blocked = await attempt(target.username, 'guess-10');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toMatch(/too many refused sign-ins/);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Even the right password waits out the window: the guesser cannot tell when they hit it.
    expect((await attempt(target.username, PASSWORD)).status).toBe(429);
    expect((await attempt('someone.else', 'wrong')).status).toBe(401);
    expect((await attempt(biller.username, PASSWORD)).status).toBe(201);
  });
});

describe('ended sessions', () => {
  it('are deleted at the next sign-in (logged out, expired or idle), live ones kept', async () => {
    const start = new Date('2026-11-21T09:00:00Z');
    api.clock.now = start;
    const loggedOut = await login();
    await request(api.app)
      .delete('/v1/session')
      .set('cookie', loggedOut.cookie)
      .set('X-CSRF-Token', loggedOut.csrfToken)
      .expect(204);
    const idle = await login();
    api.clock.now = new Date(start.getTime() + 31 * 60_000);
    const live = await login();
    const rows = await api.database.db.webSession.findMany({ where: { userId: biller.userId } });
    const tokenOf = (cookie: string) => cookie.split('=')[1]!;
    const ids = new Set(rows.map((row) => row.id));
    expect(ids.has(sha256Hex(tokenOf(live.cookie)))).toBe(true);
    expect(ids.has(sha256Hex(tokenOf(idle.cookie)))).toBe(false);
    expect(ids.has(sha256Hex(tokenOf(loggedOut.cookie)))).toBe(false);
  });
});
