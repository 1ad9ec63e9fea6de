import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('ehr-sim')
    .description(
      'demo EHR: send realistic encounters as a JSON webhook, FHIR notifications (full and id-only) and an HL7 DFT^P03 over MLLP; prints what happened',
    )
    .option('--api <url>', 'dermclaims API base URL', 'http://127.0.0.1:3000')
    .option('--seed <n>', 'the same seed sends the same encounters (same ids)', '1')
    .option('--connection <id>', 'EHR connection (config/ehr-connections.json)', 'demo-ehr')
    .option('--mllp <host:port>', 'the dermclaims MLLP listener', '127.0.0.1:2575')
    .action(async (options: { api: string; seed: string; connection: string; mllp: string }) => {
      const { runEhrSimCommand } = await import('../../ehr/simulator/ehr-sim-command');
      process.exitCode = await runEhrSimCommand(options);
    });
}
