/**
 * The fault run of issue 7, reusable at any size: visits offered to the API of a process stack
 * (test/support/stack.ts) while a proxy fails clearinghouse calls, workers are SIGKILLed a few
 * seconds after each time they are ready, the Temporal dev server is restarted and the database's
 * connections are killed; then what must hold is counted. bench/chaos.ts runs 300 visits,
 * test/e2e/chaos.test.ts a short version.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { visitWorkflowId } from '../../src/visit-billing/messages';
import { generateVisit, seededRandom, SCENARIO_COUNT } from '../../src/demo/visit-generator';
import { signWebhookBody, SIGNATURE_HEADER } from '../../src/intake/webhook-signature';
import { startFaultProxy, type FaultCounts } from './fault-proxy';
import { startStack, STACK_WEBHOOK_SECRET, type Stack } from './stack';

export interface ChaosOptions {
  visits: number;
  /** Visits offered per second. */
  rate: number;
  workers: number;
  /** Share of clearinghouse calls that fail (half 503, half dropped after the work). */
  failureRate: number;
  /** SIGKILL each worker this many ms (uniform) after each time it is ready; none when unset. */
  workerKillAfterMs?: [number, number];
  /** Stop killing after this many kills (per worker); unlimited when unset. */
  maxWorkerKills?: number;
  restartTemporal: boolean;
  killDatabaseConnections: boolean;
  /** Give up waiting this long after the last visit was accepted. */
  settleTimeoutMs: number;
  seed: number;
  log?: (line: string) => void;
}

export interface VisitOutcome {
  finished: string[];
  /** Open staff tasks, by visit: kind and reason codes. */
  waitingForStaff: Array<{ visitId: string; kind: string; reasons: unknown }>;
  /** Neither finished nor waiting for staff: stuck (the visit's status). */
  stuck: Array<{ visitId: string; status: string; workflow?: string }>;
}

/** For a stuck visit: its workflow's state and the last events of its history (types only, no payloads). */
async function explainStuck(address: string, stuck: VisitOutcome['stuck']): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const client = new TemporalClient({ connection });
    for (const visit of stuck.slice(0, 5)) {
      const handle = client.workflow.getHandle(visitWorkflowId(visit.visitId));
      visit.workflow = await handle
        .describe()
        .then(async (d) => {
          const events = (await handle.fetchHistory()).events ?? [];
          const last = events.slice(-4).map((e) => String(e.eventType ?? '?').replace('EVENT_TYPE_', ''));
          const pending = (d.raw.pendingActivities ?? []).map(
            (a) => `${a.activityType?.name} attempt ${a.attempt} (${a.lastFailure?.message ?? 'no failure'})`,
          );
          return `${d.status.name}, ${events.length} events, last event types ${last.join(' ')}; pending: ${pending.join(', ') || 'none'}`;
        })
        .catch((error: unknown) => `no workflow (${(error as Error).name})`);
    }
  } finally {
    await connection.close();
  }
}

export interface ChaosReport extends VisitOutcome {
  visits: number;
  duplicateSubmissions: string[];
  duplicatePostings: string[];
  ledgerProblems: string[];
  /** From the last visit accepted by the API to every visit settled (or the timeout). */
  settleSeconds: number;
  settled: boolean;
  faults: FaultCounts & {
    workerKills: number;
    workerCrashes: number;
    otherCrashes: number;
    temporalRestarts: number;
    databaseKills: number;
  };
  workerPids: number[][];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Posts one visit-completed event until the API takes it, as an EHR redelivers. */
async function deliver(apiUrl: string, body: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${apiUrl}/v1/webhooks/visit-completed`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhookBody(STACK_WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      await response.text();
      if (response.ok) return;
      if (response.status < 500 && response.status !== 429)
        throw new Error(`the API refused a visit: ${response.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('the API refused')) throw error;
    }
    await sleep(Math.min(5_000, 250 * attempt));
  }
}

/** Offers `count` generated visits at `rate` per second; resolves when the API has taken them all. */
export async function offerVisits(
  stack: Pick<Stack, 'apiUrl'>,
  options: { count: number; rate: number; seed: number; runId: string },
): Promise<{ visitIds: string[]; lastAcceptedAt: number }> {
  const dateOfService = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const visitIds: string[] = [];
  const deliveries: Array<Promise<void>> = [];
  const started = Date.now();
  for (let i = 0; i < options.count; i++) {
    const due = started + (i * 1000) / options.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    const raw = generateVisit({
      seed: options.seed,
      index: i + 1,
      dateOfService,
      runId: options.runId,
      scenario: i % SCENARIO_COUNT,
    });
    visitIds.push(raw.visitId);
    deliveries.push(deliver(stack.apiUrl, JSON.stringify(raw)));
  }
  await Promise.all(deliveries);
  return { visitIds, lastAcceptedAt: Date.now() };
}

/**
 * Where each visit stands: finished (closed, or billed to the patient: its statement cycles wait
 * for the patient, not for us), waiting for staff (an open task), or stuck.
 */
const FINISHED = new Set(['closed', 'patient_billed']);

export async function visitOutcome(stack: Pick<Stack, 'billing'>, visitIds: string[]): Promise<VisitOutcome> {
  const { db } = stack.billing;
  const visits = await db.visit.findMany({
    where: { id: { in: visitIds } },
    select: { id: true, status: true },
  });
  const tasks = await db.reviewTask.findMany({
    where: { visitId: { in: visitIds }, status: 'open' },
    select: { visitId: true, kind: true, reasons: true },
  });
  const status = new Map(visits.map((v) => [v.id, v.status as string]));
  const taskOf = new Map(tasks.map((t) => [t.visitId, t]));
  const outcome: VisitOutcome = { finished: [], waitingForStaff: [], stuck: [] };
  for (const visitId of visitIds) {
    const task = taskOf.get(visitId);
    if (FINISHED.has(status.get(visitId) ?? '')) outcome.finished.push(visitId);
    else if (task) outcome.waitingForStaff.push({ visitId, kind: task.kind, reasons: task.reasons });
    else outcome.stuck.push({ visitId, status: status.get(visitId) ?? 'not stored' });
  }
  return outcome;
}

/** Waits until no visit is stuck (or the timeout); returns the last outcome. */
export async function waitUntilSettled(
  stack: Pick<Stack, 'billing'>,
  visitIds: string[],
  timeoutMs: number,
): Promise<{ outcome: VisitOutcome; settled: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await visitOutcome(stack, visitIds).catch(() => undefined);
    if (outcome && outcome.stuck.length === 0) return { outcome, settled: true };
    if (Date.now() > deadline)
      return { outcome: outcome ?? (await visitOutcome(stack, visitIds)), settled: false };
    await sleep(1_000);
  }
}

/** Claim control numbers (CLM01) the payer received more than once, across every 837 it got. */
export async function duplicateSubmissions(stack: Pick<Stack, 'sandboxDb'>): Promise<string[]> {
  const rows = await stack.sandboxDb.db.sandboxSubmission.findMany({ select: { batch: true } });
  const seen = new Map<string, number>();
  for (const row of rows) {
    const x12 = (row.batch as { x12?: string }).x12 ?? '';
    for (const match of x12.matchAll(/(?:^|~)\s*CLM\*([^*~]+)\*/g))
      seen.set(match[1]!, (seen.get(match[1]!) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([pcn, n]) => `${pcn} ×${n}`);
}

/** The same payer decision (claim, payer claim number, status) posted from more than one 835. */
export async function duplicatePostings(
  stack: Pick<Stack, 'billing'>,
  visitIds: string[],
): Promise<string[]> {
  const posted = await stack.billing.db.remittanceClaim.findMany({
    where: {
      postedAt: { not: null },
      claimId: { not: null },
      payment: { claim: { visitId: { in: visitIds } } },
    },
    select: { patientControlNumber: true, payerClaimNumber: true, statusCode: true, paidCents: true },
  });
  const seen = new Map<string, number>();
  for (const p of posted) {
    const key = `${p.patientControlNumber}/${p.payerClaimNumber}/${p.statusCode}/${p.paidCents}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

/**
 * To the cent: every finished visit owes the insurer nothing and the patient exactly its latest
 * statement; every payment equals what the payer's 835 paid for that claim.
 */
export async function ledgerProblems(stack: Pick<Stack, 'billing'>, finished: string[]): Promise<string[]> {
  const { db } = stack.billing;
  const problems: string[] = [];
  const balances = await db.ledgerEntry.groupBy({
    by: ['visitId', 'account'],
    where: { visitId: { in: finished } },
    _sum: { amountCents: true },
  });
  const balance = (visitId: string, account: string) =>
    balances.find((b) => b.visitId === visitId && b.account === account)?._sum.amountCents ?? 0;
  const statements = await db.patientStatement.findMany({
    where: { visitId: { in: finished } },
    orderBy: { issuedAt: 'asc' },
    select: { visitId: true, amountDueCents: true },
  });
  const latest = new Map(statements.map((s) => [s.visitId, s.amountDueCents]));
  for (const visitId of finished) {
    if (balance(visitId, 'INSURANCE_AR') !== 0)
      problems.push(`${visitId}: insurance balance ${balance(visitId, 'INSURANCE_AR')} ≠ 0`);
    if (balance(visitId, 'PATIENT_AR') !== (latest.get(visitId) ?? 0))
      problems.push(
        `${visitId}: patient balance ${balance(visitId, 'PATIENT_AR')} ≠ statement ${latest.get(visitId) ?? 0}`,
      );
  }
  const payments = await db.payment.findMany({
    where: { claim: { visitId: { in: finished } } },
    select: {
      amountCents: true,
      remittanceClaim: { select: { paidCents: true, patientControlNumber: true } },
    },
  });
  for (const p of payments)
    if (p.amountCents !== p.remittanceClaim.paidCents)
      problems.push(
        `${p.remittanceClaim.patientControlNumber}: posted ${p.amountCents} ≠ paid ${p.remittanceClaim.paidCents}`,
      );
  return problems;
}

/** Ends every connection to the database but this one's (pg_terminate_backend). */
export async function killDatabaseConnections(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Kills a worker `min..max` ms after each time it is ready, until stopped. */
function killEachTimeReady(stack: Stack, options: ChaosOptions, random: () => number) {
  let stopped = false;
  let kills = 0;
  const loops = stack.workers.map(async (worker) => {
    let mine = 0;
    while (!stopped && (options.maxWorkerKills === undefined || mine < options.maxWorkerKills)) {
      await worker.whenReady();
      const [min, max] = options.workerKillAfterMs!;
      await sleep(min + random() * (max - min));
      if (stopped) break;
      await worker.kill();
      kills++;
      mine++;
      options.log?.(`killed ${worker.role} (kill ${kills})`);
    }
  });
  return {
    kills: () => kills,
    stop: async () => {
      stopped = true;
      // A loop may wait for a ready that never comes once the stack stops: do not wait for it.
      await Promise.race([Promise.all(loops), sleep(100)]);
    },
  };
}

/** The whole run; the stack is always taken down. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  let proxyCounts: FaultCounts = { forwarded: 0, refused: 0, dropped: 0 };
  let stopProxy: () => Promise<void> = () => Promise.resolve();
  const stack = await startStack({
    workers: options.workers,
    clearinghouseUrl: async (sandboxUrl) => {
      const proxy = await startFaultProxy({
        target: sandboxUrl,
        failureRate: options.failureRate,
        seed: options.seed,
      });
      proxyCounts = proxy.counts;
      stopProxy = proxy.stop;
      return proxy.url;
    },
  });
  log(`stack up: api ${stack.apiUrl}, ${options.workers} worker(s), temporal ${stack.temporal.address}`);
  const killer = options.workerKillAfterMs ? killEachTimeReady(stack, options, random) : undefined;
  let temporalRestarts = 0;
  let databaseKills = 0;
  try {
    const offering = offerVisits(stack, {
      count: options.visits,
      rate: options.rate,
      seed: options.seed,
      runId: `c${Date.now().toString(36)}`,
    });
    const offerSeconds = options.visits / options.rate;
    const faults = (async () => {
      if (options.killDatabaseConnections) {
        await sleep(offerSeconds * 300);
        databaseKills += await killDatabaseConnections(stack.billing.url);
        databaseKills += await killDatabaseConnections(stack.sandboxDb.url);
        log(`killed ${databaseKills} database connections`);
      }
      if (options.restartTemporal) {
        await sleep(offerSeconds * 300);
        log('restarting the Temporal dev server');
        await stack.temporal.restart();
        temporalRestarts++;
        log('Temporal dev server back');
      }
    })();
    const { visitIds, lastAcceptedAt } = await offering;
    await faults;
    log(`all ${visitIds.length} visits accepted; waiting for them to settle`);
    const { outcome, settled } = await waitUntilSettled(stack, visitIds, options.settleTimeoutMs);
    const settleSeconds = (Date.now() - lastAcceptedAt) / 1000;
    await killer?.stop();
    await explainStuck(stack.temporal.address, outcome.stuck).catch(() => undefined);
    return {
      visits: visitIds.length,
      ...outcome,
      duplicateSubmissions: await duplicateSubmissions(stack),
      duplicatePostings: await duplicatePostings(stack, visitIds),
      ledgerProblems: await ledgerProblems(stack, outcome.finished),
      settleSeconds,
      settled,
      faults: {
        ...proxyCounts,
        workerKills: killer?.kills() ?? 0,
        workerCrashes: stack.workers.reduce((n, w) => n + w.crashes.length, 0),
        otherCrashes: stack.api.crashes.length + stack.sandbox.crashes.length,
        temporalRestarts,
        databaseKills,
      },
      workerPids: stack.workers.map((w) => [...w.pids]),
    };
  } finally {
    await killer?.stop();
    await stack.stop();
    await stopProxy();
  }
}

/** The run's figures, as bench/chaos.ts prints them. */
export function formatChaosReport(report: ChaosReport): string {
  const reasons = new Map<string, number>();
  for (const w of report.waitingForStaff) {
    const key = `${w.kind}: ${JSON.stringify(w.reasons)}`.slice(0, 160);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const f = report.faults;
  return [
    `visits: ${report.visits}; finished ${report.finished.length}, waiting for staff ${report.waitingForStaff.length}, stuck ${report.stuck.length}`,
    ...[...reasons].map(([reason, n]) => `  waiting ×${n}: ${reason}`),
    ...report.stuck
      .slice(0, 20)
      .map((s) => `  stuck: ${s.visitId} (${s.status}${s.workflow ? `; workflow ${s.workflow}` : ''})`),
    `duplicate submissions to the payer: ${report.duplicateSubmissions.length}${report.duplicateSubmissions.length ? ` (${report.duplicateSubmissions.slice(0, 5).join(', ')})` : ''}`,
    `duplicate postings: ${report.duplicatePostings.length}${report.duplicatePostings.length ? ` (${report.duplicatePostings.slice(0, 5).join(', ')})` : ''}`,
    `ledger to the cent: ${report.ledgerProblems.length === 0 ? 'yes' : `NO, ${report.ledgerProblems.length} problems (${report.ledgerProblems.slice(0, 5).join('; ')})`}`,
    `settle time after the last visit was accepted: ${report.settleSeconds.toFixed(1)} s${report.settled ? '' : ' (NOT settled: timed out)'}`,
    `faults: clearinghouse calls ${f.forwarded + f.refused + f.dropped} (503 ${f.refused}, dropped after the work ${f.dropped}); worker SIGKILLs ${f.workerKills}; unasked worker exits ${f.workerCrashes}; api/sandbox exits ${f.otherCrashes}; Temporal restarts ${f.temporalRestarts}; database connections killed ${f.databaseKills}`,
  ].join('\n');
}
