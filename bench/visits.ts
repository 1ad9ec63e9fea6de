/**
 * End-to-end workflow benchmark: N generated visits through the full billing workflow (coding →
 * eligibility → decision → claim → 999/277CA → 835 posting → statement) on a real Temporal dev
 * server, a scratch PostgreSQL database and the in-process sandbox clearinghouse answering
 * instantly; then, on the same server in the same run, a no-op workflow calling a no-op activity
 * K times (K = the billing workflow's average activity count, measured from its histories).
 *
 *   npx tsx bench/visits.ts [--visits N]      (default 200; needs PostgreSQL at TEST_POSTGRES_URL
 *                                             or 127.0.0.1:5432 and .tools/temporal, see scripts/install-tools.sh)
 *   npx tsx bench/visits.ts --rate R --seconds T
 *                                             steady load: R visits offered per second for T seconds
 *                                             (N = R·T), then as many no-op workflows at the same rate
 *
 * Latencies start just before the visit is stored (storeVisit + startVisitBilling, as the webhook
 * does) or the no-op workflow is started; "closed" is the server's close time, "submitted" the
 * claim's submittedAt (no-op: the end of the activity at the same position as submitClaim).
 */
import { Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Context } from '@temporalio/activity';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createClearinghouse } from '../src/clearinghouse/factory';
import { defaultFeeSchedule } from '../src/coding/fee-schedule';
import { generateVisit, SCENARIO_COUNT } from '../src/demo/visit-generator';
import { parseVisitEvent, storeVisit } from '../src/intake/receive-visit';
import { demoPracticeProfile } from '../src/practice/practice-profile';
import { createTemporalClient } from '../src/temporal/client';
import { encryptingDataConverter, failureConverterPath } from '../src/temporal/codec/data-converter';
import { generatedKeyring } from '../src/temporal/codec/keyring';
import { startDevServer } from '../src/temporal/dev-server';
import { ensureInboxWorkflow, startVisitBilling } from '../src/temporal/visit-workflows';
import { createBillingWorker } from '../src/temporal/worker';
import { createTestDatabase } from '../test/support/database';
import { freePort } from '../test/support/ports';
import { INBOX_WORKFLOW_ID, visitWorkflowId } from '../src/visit-billing/messages';
import { type BillingTimers, defaultBillingTimers } from '../src/visit-billing/vocabulary';
import type { noopWorkflow } from './noop-workflow';
import { hasArgument, numberArgument } from './args';
import { cpuSince, isPostgres, isTemporalServer, processCpuMs } from './process-cpu';
import { percentile } from './stats';

/** Steady load: visits offered at RATE per second (each started on time, whatever is still running). */
const RATE = hasArgument('rate') ? numberArgument('rate', 5, { fraction: true }) : undefined;
const N = RATE ? Math.round(RATE * numberArgument('seconds', 30)) : numberArgument('visits', 200);
const WARM_UP = 5;
const BILLING_QUEUE = 'bench-billing';
const NOOP_QUEUE = 'bench-noop';
/**
 * The production timers, but one statement cycle of 1 ms: the workflow closes once the patient's
 * statement is out (the final notice unpaid opens a collections task) instead of waiting 90 days.
 */
const BENCH_TIMERS: BillingTimers = {
  ...defaultBillingTimers,
  statementCycles: [{ kind: 'final', untilNext: '1 ms' }],
};
/** Visits (workflows) started at a time, as concurrent webhook deliveries would be. */
const START_CONCURRENCY = 10;

/** Starts each item at its time: i / rate seconds after the first. */
async function paced<T, R>(items: T[], rate: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const start = Date.now();
  const started: Array<Promise<R>> = [];
  for (const [i, item] of items.entries()) {
    const due = start + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    started.push(work(item));
  }
  return Promise.all(started);
}

/** The start pattern of a phase: paced at RATE, else START_CONCURRENCY at a time (a burst). */
function offer<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  return RATE ? paced(items, RATE, work) : mapLimit(items, START_CONCURRENCY, work);
}

async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** A stuck workflow (e.g. one waiting for staff) must not hang the bench. */
async function withDeadline<T>(work: Promise<T>, explain: () => Promise<string>): Promise<T> {
  const ms = Math.max(120_000, N * 2_000);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void explain().then((why) => reject(new Error(`not done after ${ms / 1000} s: ${why}`)), reject);
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function meanEventTypes(facts: HistoryFacts[]): Array<[string, number]> {
  const totals: Record<string, number> = {};
  for (const fact of facts)
    for (const [type, count] of Object.entries(fact.types)) totals[type] = (totals[type] ?? 0) + count;
  return Object.entries(totals)
    .map(([type, total]): [string, number] => [type, total / Math.max(1, facts.length)])
    .sort((a, b) => b[1] - a[1]);
}

interface HistoryFacts {
  events: number;
  /** Events by type (WorkflowTaskScheduled, MarkerRecorded…). */
  types: Record<string, number>;
  activities: number;
  /** 1-based position of submitClaim among the scheduled activities (billing only). */
  submitPosition?: number;
}

async function historyFacts(handle: WorkflowHandle): Promise<HistoryFacts> {
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes);
  const submitIndex = scheduled.findIndex(
    (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim',
  );
  const types: Record<string, number> = {};
  for (const event of events) {
    const type = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown').replace(
      /^EVENT_TYPE_/,
      '',
    );
    types[type] = (types[type] ?? 0) + 1;
  }
  return {
    events: events.length,
    types,
    activities: scheduled.length,
    ...(submitIndex >= 0 ? { submitPosition: submitIndex + 1 } : {}),
  };
}

async function closeTimeMs(handle: WorkflowHandle): Promise<number> {
  const description = await handle.describe();
  if (!description.closeTime) throw new Error(`${handle.workflowId} is not closed`);
  return description.closeTime.getTime();
}

interface PhaseResult {
  workflows: number;
  wallSeconds: number;
  throughput: number;
  closedP50: number;
  closedP95: number;
  submittedP50: number;
  submittedP95: number;
  submittedCount: number;
  eventsPerWorkflow: number;
  /** Mean events per workflow by type, largest first. */
  eventTypes: Array<[string, number]>;
  activitiesPerWorkflow: number;
  submitPosition: number;
  /** CPU of this process (worker, in-process sandbox clearinghouse, client) per workflow. */
  cpuMsPerWorkflow: number;
  /** CPU of the Temporal dev server and of PostgreSQL per workflow (from /proc, Linux only). */
  serverCpuMsPerWorkflow: number;
  postgresCpuMsPerWorkflow: number;
}

/** CPU of every process the bench runs on, from a phase's start. */
function cpuMeter(): () => { bench: NodeJS.CpuUsage; server: number; postgres: number } {
  const bench = process.cpuUsage();
  const server = processCpuMs(isTemporalServer);
  const postgres = processCpuMs(isPostgres);
  return () => ({
    bench: process.cpuUsage(bench),
    server: cpuSince(server, isTemporalServer),
    postgres: cpuSince(postgres, isPostgres),
  });
}

/** The figures of one phase, the same way for the billing and the no-op workflow. */
function summarise(phase: {
  closes: number[];
  phaseStart: number;
  closed: number[];
  submitted: number[];
  facts: HistoryFacts[];
  submitPosition: number;
  cpu: ReturnType<ReturnType<typeof cpuMeter>>;
}): PhaseResult {
  const wall = (Math.max(...phase.closes) - phase.phaseStart) / 1000;
  return {
    workflows: phase.closes.length,
    wallSeconds: wall,
    throughput: phase.closes.length / wall,
    closedP50: percentile(phase.closed, 50),
    closedP95: percentile(phase.closed, 95),
    submittedP50: percentile(phase.submitted, 50),
    submittedP95: percentile(phase.submitted, 95),
    submittedCount: phase.submitted.length,
    eventsPerWorkflow: mean(phase.facts.map((f) => f.events)),
    eventTypes: meanEventTypes(phase.facts),
    activitiesPerWorkflow: mean(phase.facts.map((f) => f.activities)),
    submitPosition: phase.submitPosition,
    cpuMsPerWorkflow: (phase.cpu.bench.user + phase.cpu.bench.system) / 1000 / phase.closes.length,
    serverCpuMsPerWorkflow: phase.cpu.server / phase.closes.length,
    postgresCpuMsPerWorkflow: phase.cpu.postgres / phase.closes.length,
  };
}

// Completion time of each no-op activity, by workflow id and step (the activity runs in this process).
const noopDone = new Map<string, number>();
const noopActivities = {
  async noop(input: { step: number }): Promise<void> {
    noopDone.set(`${Context.current().info.workflowExecution?.workflowId}#${input.step}`, Date.now());
  },
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dermclaims-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error('cleanup:', e));
  };
  // Ctrl-C: stop the dev server, drop the scratch database, remove the temp dir.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  try {
    const [port, uiPort] = [await freePort(), await freePort()];
    const server = await startDevServer({ dataDir, port, uiPort });
    cleanups.push(() => server.stop());
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    // Every Prisma operation of the run, by model and action (printed per visit at the end).
    const operations = new Map<string, number>();
    const db = database.db.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          const name = `${model ?? '$raw'}.${operation}`;
          operations.set(name, (operations.get(name) ?? 0) + 1);
          return query(args);
        },
      },
    }) as unknown as typeof database.db;

    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    // Both workflows pay for the payload codec, as in production (a key made up for this run).
    const keyring = generatedKeyring();
    const dataConverter = encryptingDataConverter(keyring);
    const client = createTemporalClient({ connection, namespace: 'default', keyring });
    const native = await NativeConnection.connect({ address: server.address });
    cleanups.push(() => native.close());

    const billingWorker = await createBillingWorker({
      connection: native,
      namespace: 'default',
      taskQueue: BILLING_QUEUE,
      dependencies: {
        db,
        clearinghouse: createClearinghouse({
          db,
          sandboxTiming: { acknowledgementDelayMs: 0, paymentDelayMs: 0 },
          practice: demoPracticeProfile,
        }),
        clock: () => new Date(),
        practice: demoPracticeProfile,
        feeSchedule: defaultFeeSchedule,
        decisionPolicy: { autoSubmitMinConfidence: 0.85 },
      },
      dataConverter,
      shutdownGraceTime: '2s',
    });
    const noopWorker = await Worker.create({
      connection: native,
      namespace: 'default',
      taskQueue: NOOP_QUEUE,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: path.resolve(__dirname, 'noop-workflow.ts'),
        failureConverterPath,
        logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
      }),
      activities: noopActivities,
      dataConverter,
      shutdownGraceTime: '2s',
    });
    const running = Promise.all([billingWorker.run(), noopWorker.run()]);
    cleanups.push(async () => {
      billingWorker.shutdown();
      noopWorker.shutdown();
      await running;
    });
    await ensureInboxWorkflow(client, BILLING_QUEUE, '200ms');
    cleanups.push(() => client.workflow.getHandle(INBOX_WORKFLOW_ID).terminate('bench done'));

    const dateOfService = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

    // ---- billing ----
    // Each phase gets its own seed: the same member, date of service and codes again would be
    // denied by the sandbox payer as a duplicate claim (CO-18) and wait for staff.
    async function billingPhase(runId: string, seed: number, count: number): Promise<PhaseResult> {
      const visits = Array.from({ length: count }, (_, i) => {
        const raw = generateVisit({
          seed,
          index: i + 1,
          dateOfService,
          runId,
          scenario: i % SCENARIO_COUNT,
        });
        const parsed = parseVisitEvent(raw);
        if (!parsed.ok) throw new Error(`generated visit ${raw.visitId} is invalid`);
        return { visit: parsed.visit, body: Buffer.from(JSON.stringify(raw)) };
      });
      const startedAt = new Map<string, number>();
      const phaseStart = Date.now();
      const meter = cpuMeter();
      const handles = await offer(visits, async ({ visit, body }) => {
        startedAt.set(visit.visitId, Date.now());
        await storeVisit(db, visit, body, visitWorkflowId(visit.visitId));
        await startVisitBilling(client, BILLING_QUEUE, visit.visitId, BENCH_TIMERS);
        return client.workflow.getHandle(visitWorkflowId(visit.visitId));
      });
      const results = await withDeadline(
        Promise.all(handles.map((h) => h.result() as Promise<{ status: string }>)),
        async () => {
          const statuses = await db.visit.groupBy({
            by: ['status'],
            where: { id: { in: visits.map((v) => v.visit.visitId) } },
            _count: true,
          });
          return `billing workflows still open; visit statuses: ${statuses.map((s) => `${s.status} ${s._count}`).join(', ')}`;
        },
      );
      const cpu = meter();
      const notClosed = results.filter((r) => r.status !== 'closed').length;
      if (notClosed > 0) console.warn(`warning: ${notClosed} billing workflows ended other than "closed"`);
      const closes = await Promise.all(handles.map(closeTimeMs));
      const facts = await Promise.all(handles.map(historyFacts));
      const claims = await db.claim.findMany({
        where: { visitId: { in: visits.map((v) => v.visit.visitId) }, attempt: 1 },
        select: { visitId: true, submittedAt: true },
      });
      const submitted = claims
        .filter((c) => c.submittedAt)
        .map((c) => c.submittedAt!.getTime() - startedAt.get(c.visitId)!);
      const closed = visits.map((v, i) => closes[i]! - startedAt.get(v.visit.visitId)!);
      const positions = facts.flatMap((f) => (f.submitPosition ? [f.submitPosition] : []));
      return summarise({
        closes,
        phaseStart,
        closed,
        submitted,
        facts,
        submitPosition: mean(positions),
        cpu,
      });
    }

    // ---- no-op ----
    async function noopPhase(runId: string, count: number, k: number, s: number): Promise<PhaseResult> {
      const startedAt = new Map<string, number>();
      const phaseStart = Date.now();
      const meter = cpuMeter();
      const handles = await offer(
        Array.from({ length: count }, (_, i) => i),
        async (i) => {
          const workflowId = `noop-${runId}-${i + 1}`;
          startedAt.set(workflowId, Date.now());
          return client.workflow.start<typeof noopWorkflow>('noopWorkflow', {
            taskQueue: NOOP_QUEUE,
            workflowId,
            args: [{ activities: k }],
          });
        },
      );
      await withDeadline(
        Promise.all(handles.map((h) => h.result())),
        async () => 'no-op workflows still open',
      );
      const cpu = meter();
      const closes = await Promise.all(handles.map(closeTimeMs));
      const facts = await Promise.all(handles.map(historyFacts));
      const closed = handles.map((h, i) => closes[i]! - startedAt.get(h.workflowId)!);
      const submitted = handles.map(
        (h) => noopDone.get(`${h.workflowId}#${s}`)! - startedAt.get(h.workflowId)!,
      );
      return summarise({ closes, phaseStart, closed, submitted, facts, submitPosition: s, cpu });
    }

    const run = Date.now().toString(36);
    console.error(`warming up (${WARM_UP} visits, ${WARM_UP} no-op workflows)…`);
    await billingPhase(`w${run}`, 4101, WARM_UP);
    await noopPhase(`w${run}`, WARM_UP, 5, 1);
    console.error(`billing: ${N} visits…`);
    const billing = await billingPhase(`b${run}`, 4242, N);
    const k = Math.round(billing.activitiesPerWorkflow);
    const s = Math.max(1, Math.round(billing.submitPosition));
    console.error(`no-op: ${N} workflows × ${k} activities…`);
    const noop = await noopPhase(`n${run}`, N, k, s);
    printTable(billing, noop, k, s);
    const perVisit = [...operations].sort((a, b) => b[1] - a[1]);
    const visits = N + WARM_UP;
    console.log(
      `database operations per visit (whole run, ${visits} visits): ${(perVisit.reduce((t, [, n]) => t + n, 0) / visits).toFixed(1)}: ` +
        perVisit.map(([name, n]) => `${name} ${(n / visits).toFixed(1)}`).join(', '),
    );
  } finally {
    await cleanup();
  }
}

type NumericFigure =
  | 'eventsPerWorkflow'
  | 'cpuMsPerWorkflow'
  | 'serverCpuMsPerWorkflow'
  | 'postgresCpuMsPerWorkflow'
  | 'activitiesPerWorkflow';

function printTable(billing: PhaseResult, noop: PhaseResult, k: number, s: number): void {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
  /** A per-workflow figure of both phases and their ratio. */
  const figure = (label: string, key: NumericFigure, digits: number): [string, string, string, string] => [
    label,
    billing[key].toFixed(digits),
    noop[key].toFixed(digits),
    ratio(billing[key], noop[key]),
  ];
  const rows: Array<[string, string, string, string]> = [
    ['workflows', String(billing.workflows), String(noop.workflows), ''],
    [
      'wall time to last close',
      `${billing.wallSeconds.toFixed(2)} s`,
      `${noop.wallSeconds.toFixed(2)} s`,
      ratio(billing.wallSeconds, noop.wallSeconds),
    ],
    [
      'throughput (closed/s)',
      billing.throughput.toFixed(1),
      noop.throughput.toFixed(1),
      ratio(billing.throughput, noop.throughput),
    ],
    [
      `p50 to submitted (#${s})`,
      ms(billing.submittedP50),
      ms(noop.submittedP50),
      ratio(billing.submittedP50, noop.submittedP50),
    ],
    [
      `p95 to submitted (#${s})`,
      ms(billing.submittedP95),
      ms(noop.submittedP95),
      ratio(billing.submittedP95, noop.submittedP95),
    ],
    ['p50 to closed', ms(billing.closedP50), ms(noop.closedP50), ratio(billing.closedP50, noop.closedP50)],
    ['p95 to closed', ms(billing.closedP95), ms(noop.closedP95), ratio(billing.closedP95, noop.closedP95)],
    figure('history events / workflow', 'eventsPerWorkflow', 1),
    figure('bench CPU ms / workflow', 'cpuMsPerWorkflow', 0),
    figure('Temporal server CPU ms / workflow', 'serverCpuMsPerWorkflow', 0),
    figure('PostgreSQL CPU ms / workflow', 'postgresCpuMsPerWorkflow', 0),
    figure('activities / workflow', 'activitiesPerWorkflow', 1),
  ];
  const header: [string, string, string, string] = ['', 'billing', `no-op (K=${k})`, 'billing/no-op'];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(
    `\nbench/visits.ts: ${RATE ? `steady load, ${RATE} offered/s for ${(N / RATE).toFixed(0)} s` : `burst, ${START_CONCURRENCY} starts at a time`}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    `N=${billing.workflows} (claims submitted: ${billing.submittedCount}); submitted = claim.submittedAt, no-op = end of activity #${s}`,
  );
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  const types = (result: PhaseResult) =>
    result.eventTypes.map(([type, count]) => `${type} ${count.toFixed(1)}`).join(', ');
  // The machine's ceiling: every process of the stack shares its cores.
  const budget = (result: PhaseResult) =>
    result.cpuMsPerWorkflow + result.serverCpuMsPerWorkflow + result.postgresCpuMsPerWorkflow;
  const ceiling = (result: PhaseResult) => (cpus().length * 1000) / budget(result);
  console.log(
    `CPU per workflow, all processes: billing ${budget(billing).toFixed(0)} ms, no-op ${budget(noop).toFixed(0)} ms; ` +
      `at 100% of ${cpus().length} cores that allows at most ${ceiling(billing).toFixed(1)} billing / ${ceiling(noop).toFixed(1)} no-op workflows per second`,
  );
  console.log(`billing history events by type: ${types(billing)}`);
  console.log(`no-op history events by type: ${types(noop)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
