import { Connection } from '@temporalio/client';
import { loadConfig } from '../../config';
import { createDatabase } from '../../db/client';
import { createLogger } from '../../logger';
import { loadPayloadProtection } from '../../runtime/payload-protection';
import { createTemporalClient } from '../../temporal/client';
import { temporalConnectionOptions } from '../../temporal/connection';
import { ehrConnectionsFor } from '../runtime-hook';
import { startMllpListener } from './mllp-listener';

/**
 * `dermclaims hl7`: the MLLP listener on its own, against the database and Temporal the API uses
 * (DATABASE_URL, TEMPORAL_ADDRESS); `dermclaims up` runs one itself on MLLP_PORT.
 */
export async function runHl7Listener(port: number, host: string): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.databaseUrl || !config.temporal.address)
    throw new Error(
      'dermclaims hl7 needs DATABASE_URL and TEMPORAL_ADDRESS (or run "dermclaims up", which starts one)',
    );
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a TCP port');
  const db = createDatabase(config.databaseUrl);
  const connection = await Connection.connect(
    temporalConnectionOptions({ address: config.temporal.address, tls: config.temporal.tls }),
  );
  const client = createTemporalClient({
    connection,
    namespace: config.temporal.namespace,
    keyring: loadPayloadProtection(config, logger).keyring,
  });
  const listener = await startMllpListener(
    {
      db,
      temporal: client,
      taskQueue: config.temporal.taskQueue,
      timers: config.timers,
      logger,
      clock: () => new Date(),
    },
    ehrConnectionsFor(config.ehr),
    { port, host },
  );
  console.log(`HL7 v2 MLLP listener on ${listener.host}:${listener.port}. Press Ctrl-C to stop.`);
  const shutdown = async () => {
    await listener.stop();
    await connection.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
