import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('code')
    .description('print the coding result for a visit document (JSON)')
    .argument('<file>', 'visit-completed event JSON')
    .action(async (file: string) => {
      const { runCodeCommand } = await import('../code-command');
      process.exitCode = await runCodeCommand(file);
    });
}
