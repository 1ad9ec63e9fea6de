import request from 'supertest';
import { startTestApi, type RunningTestApi } from '../support/api-server';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import { intakeRowCounts, noWorkflowFor, postWebhook } from './helpers';

let api: RunningTestApi;

beforeAll(async () => {
  api = await startTestApi({
    overrides: {
      rateLimits: { windowSeconds: 60, webhook: 3, staff: 2, public: 4 },
      // Behind a proxy on loopback, the client is the X-Forwarded-For address.
      trustProxy: 'loopback',
    },
  });
});

afterAll(async () => {
  await api?.stop();
});

function expectLimited(response: request.Response): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.body.error).toMatch(/too many requests/);
}

test('the webhook answers 429 with Retry-After past its limit, counting unsigned requests, and stores nothing', async () => {
  const client = { 'x-forwarded-for': '203.0.113.7' };
  for (let i = 0; i < 3; i++) {
    const unsigned = await request(api.url).post('/v1/webhooks/visit-completed').set(client).send('{}');
    expect(unsigned.status).toBe(401);
  }
  const before = await intakeRowCounts(api);
  const visit = actinicKeratosisVisit('LIMITED-1');
  const limited = await postWebhook(api, JSON.stringify(visit)).set(client);
  expectLimited(limited);
  expect(await intakeRowCounts(api)).toEqual(before);
  expect(await noWorkflowFor(api, 'LIMITED-1')).toBe(true);

  // Another client still gets through.
  const other = await postWebhook(api, JSON.stringify(visit)).set({ 'x-forwarded-for': '203.0.113.8' });
  expect(other.status).toBe(202);
});

test('each group of routes has its own counter', async () => {
  const client = { 'x-forwarded-for': '198.51.100.20' };
  for (let i = 0; i < 2; i++)
    expect(
      (await request(api.url).get('/v1/metrics').set(client).set('authorization', api.staffBearer)).status,
    ).toBe(200);
  expectLimited(
    await request(api.url).get('/v1/review-tasks').set(client).set('authorization', api.staffBearer),
  );
  // The same client's public and webhook budgets are untouched.
  expect((await request(api.url).get('/openapi.json').set(client)).status).toBe(200);
  expect((await request(api.url).post('/v1/webhooks/visit-completed').set(client).send('{}')).status).toBe(
    401,
  );
});

test('unknown paths count against the public budget too', async () => {
  const client = { 'x-forwarded-for': '198.51.100.30' };
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await request(api.url).get('/no-such-page').set(client)).status);
  expect(statuses).toEqual([404, 404, 404, 404, 429]);
});
