import type { Command } from 'commander';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "0", "250ms", "30s", "4h", "14d" → milliseconds. */
export function parseDelay(text: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`not a delay: "${text}" (use e.g. 0, 500ms, 30s, 4h, 14d)`);
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}

export function register(program: Command): void {
  program
    .command('sandbox')
    .description('run the sandbox clearinghouse + payer as an X12-over-HTTP service (needs DATABASE_URL)')
    .option('-p, --port <port>', 'port to listen on', process.env.SANDBOX_PORT ?? '4010')
    .option('--host <host>', 'interface to listen on', process.env.SANDBOX_HOST ?? '127.0.0.1')
    .option('--ack-delay <delay>', '277CA delay (0, 30s, 4h…)', process.env.SANDBOX_ACK_DELAY_MS ?? '0')
    .option(
      '--payment-delay <delay>',
      'delay before a claim is paid in an 835 run',
      process.env.SANDBOX_PAYMENT_DELAY_MS ?? '0',
    )
    .option(
      '--migrate',
      'apply migrations to its own database first (a sandbox deployed alone, as in docker-compose.yml); else it only checks',
      false,
    )
    .action(
      async (options: {
        port: string;
        host: string;
        ackDelay: string;
        paymentDelay: string;
        migrate: boolean;
      }) => {
        const databaseUrl = process.env.DATABASE_URL;
        if (!databaseUrl) throw new Error('the sandbox needs a database: set DATABASE_URL');
        const { applyMigrations, assertSchemaCurrent } = await import('../../db/migrate');
        if (options.migrate) await applyMigrations(databaseUrl);
        else await assertSchemaCurrent(databaseUrl);
        const { startSandboxHttpServer } = await import('../../clearinghouse/sandbox/http-server');
        const running = await startSandboxHttpServer({
          databaseUrl,
          port: Number(options.port),
          host: options.host,
          timing: {
            acknowledgementDelayMs: parseDelay(options.ackDelay),
            paymentDelayMs: parseDelay(options.paymentDelay),
          },
        });
        console.log(`sandbox clearinghouse listening on ${running.url}`);
        console.log(`  point the worker at it with CLEARINGHOUSE_URL=${running.url}`);
        let stopping = false;
        const shutdown = async () => {
          if (stopping) return;
          stopping = true;
          await running.stop();
          process.exit(0);
        };
        process.on('SIGINT', () => void shutdown());
        process.on('SIGTERM', () => void shutdown());
      },
    );
}
