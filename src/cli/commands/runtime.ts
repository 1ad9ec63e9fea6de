import type { Command } from 'commander';

async function run(mode: 'up' | 'worker' | 'api'): Promise<void> {
  const { loadConfig } = await import('../../config');
  const { createLogger } = await import('../../logger');
  const { startDermclaims } = await import('../../runtime/start-dermclaims');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const running = await startDermclaims(config, logger, {
    api: mode !== 'worker',
    worker: mode !== 'api',
    migrate: mode === 'up',
  });
  if (running.devCredentials) {
    const { formatDevCredentials } = await import('../../auth/dev-users');
    console.log(formatDevCredentials(running.devCredentials.credentials, running.devCredentials.file));
  }
  console.log('dermclaims is running');
  if (running.apiUrl)
    console.log(`  API:          ${running.apiUrl}  (OpenAPI: ${running.apiUrl}/openapi.json)`);
  console.log(`  Temporal:     ${running.temporalAddress}`);
  if (running.temporalUiUrl)
    console.log(`  Temporal UI:  ${running.temporalUiUrl}/namespaces/${config.temporal.namespace}/workflows`);
  if (running.apiUrl) {
    console.log(`  Codec server: ${running.codec.endpoint}  (payloads are encrypted; an admin signs in at`);
    console.log(
      `                ${running.codec.endpoint}/login with the token in ${running.codec.tokenFrom})`,
    );
  }
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

export function register(program: Command): void {
  program
    .command('up')
    .description('run everything: database, Temporal dev server + UI, worker and API (embedded defaults)')
    .action(() => run('up'));
  program
    .command('worker')
    .description('run a billing worker (needs DATABASE_URL and TEMPORAL_ADDRESS for production)')
    .action(() => run('worker'));
  program
    .command('api')
    .description('run the HTTP API only')
    .action(() => run('api'));
  program
    .command('migrate')
    .description(
      'apply database migrations to DATABASE_URL, else the running embedded database (a deployment step: workers and the API only check)',
    )
    .action(async () => {
      const { loadConfig } = await import('../../config');
      const { applyMigrations, pendingMigrations } = await import('../../db/migrate');
      const { embeddedDatabaseUrl } = await import('../../db/embedded-postgres');
      const url = loadConfig().databaseUrl ?? embeddedDatabaseUrl();
      const pending = await pendingMigrations(url);
      if (pending.length === 0) return console.log('the database schema is current; nothing to apply');
      await applyMigrations(url);
      console.log(`migrations applied: ${pending.join(', ')}`);
    });
}
