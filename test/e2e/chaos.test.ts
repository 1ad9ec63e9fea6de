/**
 * The short fault run (bench/chaos.ts runs 300 visits with every fault): 30 visits through the
 * API, worker and sandbox processes, 20% of clearinghouse calls failing (half 503, half dropped
 * after the clearinghouse did the work), the worker SIGKILLed 3–8 s after it is ready (twice) and
 * restarted, the database's connections killed once. Every visit must end finished or waiting for
 * staff, with no claim sent or posted twice and the ledger exact.
 */
import { formatChaosReport, runChaos } from '../support/chaos';

test('under clearinghouse faults, worker kills and dropped database connections, 30 visits settle exactly once', async () => {
  const report = await runChaos({
    visits: 30,
    rate: 3,
    workers: 1,
    failureRate: 0.2,
    workerKillAfterMs: [3_000, 8_000],
    maxWorkerKills: 2,
    restartTemporal: false,
    killDatabaseConnections: true,
    settleTimeoutMs: 120_000,
    seed: 11,
  });
  console.log(formatChaosReport(report));
  expect(report.stuck).toEqual([]);
  expect(report.settled).toBe(true);
  expect(report.finished.length + report.waitingForStaff.length).toBe(30);
  expect(report.duplicateSubmissions).toEqual([]);
  expect(report.duplicatePostings).toEqual([]);
  expect(report.ledgerProblems).toEqual([]);
  // The faults happened: otherwise this proves nothing.
  expect(report.faults.workerKills).toBe(2);
  expect(report.faults.refused).toBeGreaterThan(0);
  expect(report.faults.dropped).toBeGreaterThan(0);
  expect(report.faults.databaseKills).toBeGreaterThan(0);
}, 300_000);
