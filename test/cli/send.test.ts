import type { Client } from '@temporalio/client';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApiApp } from '../../src/api/app';
import { defaultFeeSchedule } from '../../src/coding/fee-schedule';
import type { ApiTarget } from '../../src/demo/api-client';
import { runSendCommand } from '../../src/demo/send-visit';
import { generateVisit } from '../../src/demo/visit-generator';
import { createLogger } from '../../src/logger';
import { defaultBillingTimers } from '../../src/visit-billing/vocabulary';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SECRET = 'send-test-webhook-secret';

describe('dermclaims send', () => {
  let database: TestDatabase;
  let server: Server;
  let target: ApiTarget;
  let dir = '';
  const started: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'send-'));
    // Temporal is out of scope here: the stub records which workflows the webhook starts.
    const temporal = {
      workflow: {
        start: async (_type: string, options: { workflowId: string }) => {
          started.push(options.workflowId);
          return { firstExecutionRunId: `run-${started.length}` };
        },
      },
    } as unknown as Client;
    const app = createApiApp({
      db: database.db,
      temporal,
      taskQueue: 'test',
      timers: defaultBillingTimers,
      feeSchedule: defaultFeeSchedule,
      webhook: { secret: SECRET, toleranceSeconds: 300 },
      logger: createLogger('fatal'),
      clock: () => new Date(),
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    target = {
      apiUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      webhookSecret: SECRET,
    };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, print: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
  }

  it('signs and posts a visit; the API accepts it and starts the workflow', async () => {
    const visit = generateVisit({ seed: 5, index: 1, dateOfService: '2026-01-20', runId: 'send' });
    const file = path.join(dir, 'visit.json');
    // Pretty-printed: the signature covers the bytes as they are in the file.
    await writeFile(file, JSON.stringify(visit, null, 2));
    const { out, err, print } = capture();
    expect(await runSendCommand(file, target, print)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe('HTTP 202');
    const body = JSON.parse(out[1]!);
    expect(body).toMatchObject({
      visitId: visit.visitId,
      workflowId: `visit-${visit.visitId}`,
      duplicate: false,
    });
    expect(started).toContain(`visit-${visit.visitId}`);
    const stored = await database.db.visit.findUnique({ where: { id: visit.visitId } });
    expect(stored?.status).toBe('received');

    const again = capture();
    expect(await runSendCommand(file, target, again.print)).toBe(0);
    expect(JSON.parse(again.out[1]!).duplicate).toBe(true);
  });

  it('prints the problems of an invalid document and exits 1', async () => {
    const visit = generateVisit({ seed: 5, index: 2, dateOfService: '2026-01-20', runId: 'send' });
    const file = path.join(dir, 'invalid.json');
    await writeFile(file, JSON.stringify({ ...visit, diagnoses: [] }));
    const { out, err, print } = capture();
    expect(await runSendCommand(file, target, print)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toBe('HTTP 400');
    expect(err[1]).toContain('at least one diagnosis is required');
  });

  it('exits 1 when the secret is wrong (401), 2 when the API is unreachable or the file is missing', async () => {
    const visit = generateVisit({ seed: 5, index: 3, dateOfService: '2026-01-20', runId: 'send' });
    const file = path.join(dir, 'visit3.json');
    await writeFile(file, JSON.stringify(visit));
    const wrong = capture();
    expect(
      await runSendCommand(file, { ...target, webhookSecret: 'not-the-secret-at-all' }, wrong.print),
    ).toBe(1);
    expect(wrong.err[0]).toBe('HTTP 401');
    expect(wrong.err[1]).toContain('signature does not match the body');

    const down = capture();
    expect(await runSendCommand(file, { ...target, apiUrl: 'http://127.0.0.1:1' }, down.print)).toBe(2);
    expect(down.err.join('\n')).toContain('cannot reach the dermclaims API');

    const missing = capture();
    expect(await runSendCommand(path.join(dir, 'nope.json'), target, missing.print)).toBe(2);
  });
});
