import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../../src/api/app';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { Database } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';

/** What a failing driver might say: a host, a user and a password in the message. */
const DRIVER_MESSAGE = 'connect ECONNREFUSED db.internal:5432 user=billing password=hunter2';

function appWith(
  database: 'up' | 'down',
  temporal: 'up' | 'down',
  rateLimits?: { windowSeconds: number; webhook: number; staff: number; public: number },
) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const answer = (state: 'up' | 'down') => () =>
    state === 'up' ? Promise.resolve([{ '?column?': 1 }]) : Promise.reject(new Error(DRIVER_MESSAGE));
  const app = createApiApp({
    db: { $queryRawUnsafe: answer(database) } as unknown as Database,
    temporal: { connection: { workflowService: { getSystemInfo: answer(temporal) } } } as unknown as Client,
    taskQueue: 'test',
    timers: defaultBillingTimers,
    feeSchedule: defaultFeeSchedule,
    webhook: { secret: 'health-test-webhook-secret', toleranceSeconds: 300 },
    logger: createLogger('info', sink),
    clock: () => new Date(),
    rateLimits,
  });
  return { app, lines };
}

describe('GET /health', () => {
  it('answers 200 ok when the database and Temporal answer', async () => {
    const { app } = appWith('up', 'up');
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: { ok: true }, temporal: { ok: true } });
  });

  it('answers 503 naming what is down, without echoing the driver message', async () => {
    const { app, lines } = appWith('down', 'up');
    const response = await request(app).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      status: 'degraded',
      database: { ok: false, error: 'unreachable' },
      temporal: { ok: true },
    });
    expect(response.text).not.toContain('hunter2');
    expect(response.text).not.toContain('db.internal');
    const logged = lines.join('');
    expect(logged).toContain('health check failed');
    expect(logged).toContain('"component":"database"');
    expect(logged).not.toContain('hunter2');
  });

  it('reports Temporal down on its own', async () => {
    const { app } = appWith('up', 'down');
    const response = await request(app).get('/health');
    expect(response.status).toBe(503);
    expect(response.body.temporal).toEqual({ ok: false, error: 'unreachable' });
    expect(response.body.database).toEqual({ ok: true });
  });
});

describe('rate limits turned off', () => {
  it('an API with every limit at 0 starts and answers without rate-limit headers', async () => {
    const { app } = appWith('up', 'up', { windowSeconds: 60, webhook: 0, staff: 0, public: 0 });
    const response = await request(app).get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['ratelimit-policy']).toBeUndefined();
    expect(response.headers.ratelimit).toBeUndefined();
  });

  it('with limits on, the answer says the policy', async () => {
    const { app } = appWith('up', 'up');
    const response = await request(app).get('/health');
    expect(response.headers['ratelimit-policy']).toBeDefined();
  });
});
