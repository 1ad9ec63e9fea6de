import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/temporal/binaries';
import { startTestApi, TEST_WEBHOOK_SECRET, type RunningTestApi } from '../support/api-server';

/**
 * Property-based tests of the running API (real PostgreSQL, real Temporal dev server) against the
 * OpenAPI document it publishes: schemathesis (PyPI, installed by scripts/install-tools.sh)
 * generates valid and invalid requests for every operation, signs webhook bodies (hooks.py), and
 * runs every check it has: no 5xx, only documented statuses and bodies, schema-violating requests
 * refused, schema-valid ones accepted, 405 with Allow for undeclared methods, auth enforced.
 */
const ST = path.join(projectRoot, '.tools/schemathesis/bin/st');
const CONFIG = path.join(projectRoot, 'test/api/schemathesis/schemathesis.toml');
const HOOKS = path.join(projectRoot, 'test/api/schemathesis/hooks.py');
const SEED = 20261201;
/** Per operation and phase: enough to find the classes of failure, and the run stays near a minute. */
const MAX_EXAMPLES = 25;

let api: RunningTestApi;

beforeAll(async () => {
  // schemathesis sends a few thousand requests a minute: the limits are tested in rate-limit.test.ts.
  api = await startTestApi({
    worker: true,
    overrides: { rateLimits: { windowSeconds: 60, webhook: 1_000_000, staff: 1_000_000, public: 1_000_000 } },
  });
});

afterAll(async () => {
  await api?.stop();
});

function runSchemathesis(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Asynchronous: the API under test runs in this process and must keep answering.
    const child = spawn(
      ST,
      [
        '--config-file',
        CONFIG,
        'run',
        `${url}/openapi.json`,
        '--seed',
        String(SEED),
        '--max-examples',
        String(MAX_EXAMPLES),
        '--no-color',
      ],
      {
        env: {
          ...process.env,
          DERMCLAIMS_SCHEMATHESIS_HOOKS: HOOKS,
          DERMCLAIMS_STAFF_TOKEN: api.staffKey,
          DERMCLAIMS_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('schemathesis finds no failure in any operation of the published OpenAPI document', async () => {
  if (!existsSync(ST)) throw new Error(`${ST} not found: run "bash scripts/install-tools.sh"`);
  const { code, output } = await runSchemathesis(api.url);
  const summary = output.slice(output.indexOf('SUMMARY'));
  if (code !== 0 || /failures?|errors?\b/i.test(summary.replace(/ST\d+|0 failures/g, ''))) {
    throw new Error(`schemathesis exited with ${code}:\n${output}`);
  }
  // Not a vacuous pass: every operation was tested with many cases, and signed documents got
  // through to storage.
  // Every operation schemathesis selected from the document was tested (the sign-in and admin ones too).
  const [, selected, listed] = /Selected: (\d+)\/(\d+)/.exec(summary) ?? [];
  expect(Number(listed)).toBeGreaterThanOrEqual(20);
  expect(selected).toBe(listed);
  expect(summary).toMatch(new RegExp(`Tested: ${listed}\\b`));
  const generated = Number(/(\d+) generated/.exec(summary)?.[1] ?? 0);
  expect(generated).toBeGreaterThan(1000);
  expect(await api.database.db.webhookDelivery.count()).toBeGreaterThan(0);
}, 300_000);
