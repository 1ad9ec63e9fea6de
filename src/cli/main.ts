import { Command } from 'commander';
import { registerCommands } from './commands';

const program = new Command('dermclaims').description(
  'Durable billing and claims engine for dermatology practices',
);
registerCommands(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
