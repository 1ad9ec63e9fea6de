import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('send')
    .description('sign a visit-completed document and post it to the API webhook; prints the response')
    .argument('<file>', 'visit-completed event JSON')
    .option('--api <url>', 'dermclaims API base URL', 'http://127.0.0.1:3000')
    .action(async (file: string, options: { api: string }) => {
      const { apiTargetFromEnv } = await import('../../demo/api-client');
      const { runSendCommand } = await import('../../demo/send-visit');
      process.exitCode = await runSendCommand(file, await apiTargetFromEnv(options.api));
    });
}
