/**
 * Worker start time: from spawning `node bin/dermclaims.js worker` to the worker polling its task
 * queue ("dermclaims is running" on stdout), on a Temporal dev server and a migrated scratch
 * database that are already up, as in a deployment where workers are restarted or scaled.
 *
 *   npx tsx bench/worker-start.ts [--runs N]   (default 5; needs PostgreSQL at TEST_POSTGRES_URL or
 *                                              127.0.0.1:5432 and .tools/temporal)
 *
 * Each mode: the compiled JavaScript in dist/ with the prebuilt workflow bundle (npm run build), and
 * the TypeScript sources through tsx with the workflows bundled at start (DERMCLAIMS_FROM_SOURCE=1,
 * what every start did before the build step). Runs alternate between the modes, so both see the
 * same machine load; the first run of each is reported apart (cold caches).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startDevServer } from '../src/temporal/dev-server';
import { createTestDatabase } from '../test/support/database';
import { freePort } from '../test/support/ports';
import { spawnDermclaims } from '../test/support/processes';
import { numberArgument } from './args';
import { median } from './stats';

const RUNS = numberArgument('runs', 5);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dermclaims-worker-start-'));
  const server = await startDevServer({ dataDir, port: await freePort(), uiPort: await freePort() });
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: 'bench-worker-start',
    DERMCLAIMS_PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    DERMCLAIMS_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  const modes = { compiled: { DERMCLAIMS_FROM_SOURCE: '0' }, 'from source': { DERMCLAIMS_FROM_SOURCE: '1' } };
  const times: Record<keyof typeof modes, number[]> = { compiled: [], 'from source': [] };
  try {
    for (let run = 1; run <= RUNS; run++) {
      for (const [mode, extra] of Object.entries(modes) as Array<
        [keyof typeof modes, Record<string, string>]
      >) {
        const worker = spawnDermclaims(['worker'], { ...env, ...extra });
        const ms = await worker.ready;
        times[mode].push(ms);
        console.error(`run ${run} ${mode}: ${ms} ms`);
        await worker.stop();
      }
    }
  } finally {
    await database.drop();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(`bench/worker-start.ts: spawn → worker polling, ${RUNS} runs each (${loadAverage()})`);
  for (const [mode, values] of Object.entries(times)) {
    console.log(
      `  ${mode.padEnd(12)} first ${values[0]} ms, median of the rest ${warmMedian(values)} ms (${values.join(', ')})`,
    );
  }
  console.log(
    `  compiled / from source: ${(warmMedian(times.compiled) / warmMedian(times['from source'])).toFixed(2)}×`,
  );
}

/** The median of the runs after the first (cold caches), or of the only one. */
const warmMedian = (values: number[]) => median(values.length > 1 ? values.slice(1) : values);

const loadAverage = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
