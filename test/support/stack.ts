/**
 * dermclaims as separate processes, as an operator deploys it: the Temporal dev server (SQLite state,
 * so it can be restarted), PostgreSQL scratch databases for dermclaims and for the sandbox
 * clearinghouse, and `bin/dermclaims.js sandbox | api | worker` processes, each restarted when it
 * exits (a supervisor, as Compose's `restart: unless-stopped`). Used by the two-worker test, the
 * chaos test and bench/chaos.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { createTestDatabase, type TestDatabase } from './database';
import { freePort } from './ports';
import { spawnDermclaims, type DermclaimsProcess } from './processes';

export const STACK_WEBHOOK_SECRET = 'stack-webhook-secret-0123456789';

/** One role's process, restarted whenever it exits until the stack stops. */
export class Supervised {
  current: DermclaimsProcess | undefined;
  /** Pids of every process this role ran, in order. */
  readonly pids: number[] = [];
  /** Exits nobody asked for (crashes), with the process's last words. */
  readonly crashes: string[] = [];
  private stopping = false;
  private expectExit = false;
  private loop: Promise<void> | undefined;
  private readyWaiters: Array<() => void> = [];
  /** The pid of the running process once it is ready (undefined while starting or after it exits). */
  private readyPid: number | undefined;

  constructor(
    readonly role: string,
    private readonly args: string[],
    private readonly env: () => Record<string, string>,
  ) {}

  /** Starts the role; rejects (with the process's output) if it is not ready within `timeoutMs`. */
  start(timeoutMs = 120_000): Promise<void> {
    const ready = this.nextReady();
    this.loop = this.run();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new Error(`${this.role} not ready after ${timeoutMs} ms: ${this.current?.output() ?? ''}`)),
        timeoutMs,
      );
    });
    return Promise.race([ready, late]).finally(() => clearTimeout(timer));
  }

  /** Resolves when the running process is ready: at once if it is already. */
  whenReady(): Promise<void> {
    return this.readyPid !== undefined && this.readyPid === this.current?.child.pid
      ? Promise.resolve()
      : this.nextReady();
  }

  /** Resolves the next time a (re)started process is ready. */
  nextReady(): Promise<void> {
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const process = spawnDermclaims(this.args, this.env());
      this.current = process;
      this.pids.push(process.child.pid!);
      void process.ready.then(
        () => {
          this.readyPid = process.child.pid;
          this.readyWaiters.splice(0).forEach((resolve) => resolve());
        },
        () => undefined,
      );
      await process.exited;
      this.readyPid = undefined;
      if (!this.expectExit && !this.stopping) this.crashes.push(process.output().slice(-600));
      this.expectExit = false;
      if (!this.stopping) await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGKILL the running process (it is restarted). */
  async kill(): Promise<void> {
    this.expectExit = true;
    await this.current?.kill();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.stop();
    await this.loop;
  }
}

export interface StackOptions {
  workers: number;
  /** Where the workers reach the clearinghouse; default the sandbox process directly. */
  clearinghouseUrl?: (sandboxUrl: string) => Promise<string> | string;
  inboxPollInterval?: string;
}

export interface Stack {
  apiUrl: string;
  sandboxUrl: string;
  billing: TestDatabase;
  sandboxDb: TestDatabase;
  temporal: { address: string; restart(): Promise<void> };
  /** `id:base64` of the payload key every process shares. */
  payloadKeys: string;
  api: Supervised;
  sandbox: Supervised;
  workers: Supervised[];
  stop(): Promise<void>;
}

/** Everything up and ready; `stop()` takes it all down (also after a failure part-way). */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => console.error('stack stop:', e));
  };
  try {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'dermclaims-stack-'));
    stops.push(() => rm(dataDir, { recursive: true, force: true }));
    const [temporalPort, uiPort, sandboxPort, apiPort] = await Promise.all(
      [1, 2, 3, 4].map(() => freePort()),
    );
    let server: DevServer = await startDevServer({ dataDir, port: temporalPort!, uiPort: uiPort! });
    stops.push(() => server.stop());
    const temporal = {
      address: server.address,
      async restart() {
        await server.stop();
        server = await startDevServer({ dataDir, port: temporalPort!, uiPort: uiPort! });
      },
    };
    const [billing, sandboxDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    stops.push(
      () => billing.drop(),
      () => sandboxDb.drop(),
    );
    const payloadKeys = `stack:${randomBytes(32).toString('base64')}`;
    const common = { DERMCLAIMS_PAYLOAD_KEYS: payloadKeys, DERMCLAIMS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandbox = new Supervised('sandbox', ['sandbox', '--port', String(sandboxPort)], () => ({
      ...common,
      DATABASE_URL: sandboxDb.url,
    }));
    stops.push(() => sandbox.stop());
    await sandbox.start();
    const clearinghouseUrl = (await options.clearinghouseUrl?.(sandboxUrl)) ?? sandboxUrl;
    const dermclaimsEnv = () => ({
      ...common,
      DATABASE_URL: billing.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'stack-billing',
      CLEARINGHOUSE_URL: clearinghouseUrl,
      INBOX_POLL_INTERVAL: options.inboxPollInterval ?? '1s',
      EHR_WEBHOOK_SECRET: STACK_WEBHOOK_SECRET,
      DERMCLAIMS_CODEC_TOKEN: randomBytes(24).toString('base64url'),
      API_PORT: String(apiPort),
      // Effectively off. (All three at 0 makes createApiApp call app.use([]), which Express refuses.)
      RATE_LIMIT_WEBHOOK: '1000000',
      RATE_LIMIT_STAFF: '1000000',
      RATE_LIMIT_PUBLIC: '1000000',
    });
    const workers = Array.from(
      { length: options.workers },
      (_, i) => new Supervised(`worker ${i + 1}`, ['worker'], dermclaimsEnv),
    );
    for (const worker of workers) stops.push(() => worker.stop());
    await Promise.all(workers.map((w) => w.start()));
    const api = new Supervised('api', ['api'], dermclaimsEnv);
    stops.push(() => api.stop());
    await api.start();
    return {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      sandboxUrl,
      billing,
      sandboxDb,
      temporal,
      payloadKeys,
      api,
      sandbox,
      workers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
