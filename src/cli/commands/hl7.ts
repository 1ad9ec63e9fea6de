import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('hl7')
    .description(
      'run the HL7 v2 MLLP listener alone (needs DATABASE_URL and TEMPORAL_ADDRESS; `up` starts one itself)',
    )
    .option('--port <port>', 'MLLP port', '2575')
    .option('--host <address>', 'address to bind (MLLP has no credentials: keep it private)', '127.0.0.1')
    .action(async (options: { port: string; host: string }) => {
      const { runHl7Listener } = await import('../../ehr/hl7/listen-command');
      await runHl7Listener(Number(options.port), options.host);
    });
}
