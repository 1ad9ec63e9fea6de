/**
 * The fault run of issue 7 (not part of the tests; test/e2e/chaos.test.ts is its short version):
 * the API, the worker(s) and the sandbox clearinghouse as separate processes (bin/dermclaims.js)
 * on the embedded stack (Temporal dev server, PostgreSQL), a proxy failing 20% of clearinghouse
 * calls (half 503, half dropped after the clearinghouse did the work), each worker SIGKILLed 3–8 s
 * after each time it is ready and restarted, the Temporal dev server restarted once, the
 * database connections killed once (pg_terminate_backend). Prints what must hold.
 *
 *   npx tsx bench/chaos.ts [--visits 300] [--rate 5] [--workers 1] [--seed 7]
 *                          (needs PostgreSQL at TEST_POSTGRES_URL or 127.0.0.1:5432, .tools/temporal,
 *                          and `npm run build` for fast worker restarts)
 */
import { cpus, loadavg } from 'node:os';
import { formatChaosReport, runChaos } from '../test/support/chaos';
import { numberArgument } from './args';

async function main(): Promise<void> {
  const visits = numberArgument('visits', 300);
  const rate = numberArgument('rate', 5, { fraction: true });
  const started = Date.now();
  const report = await runChaos({
    visits,
    rate,
    workers: numberArgument('workers', 1),
    failureRate: 0.2,
    workerKillAfterMs: [3_000, 8_000],
    restartTemporal: true,
    killDatabaseConnections: true,
    settleTimeoutMs: numberArgument('settle-timeout', 900) * 1000,
    seed: numberArgument('seed', 7),
    log: (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${line}`),
  });
  console.log(
    `\nbench/chaos.ts: ${visits} visits offered at ${rate}/s; ${((Date.now() - started) / 1000).toFixed(0)} s in all; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(formatChaosReport(report));
  const ok =
    report.settled &&
    report.stuck.length === 0 &&
    report.duplicateSubmissions.length === 0 &&
    report.duplicatePostings.length === 0 &&
    report.ledgerProblems.length === 0;
  process.exitCode = ok ? 0 : 1;
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
