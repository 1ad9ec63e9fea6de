import type { Command } from 'commander';

export function register(program: Command): void {
  const x12 = program.command('x12').description('read, validate and write X12 5010 documents');
  x12
    .command('parse')
    .argument('<file>')
    .description('not implemented yet')
    .action(() => {
      throw new Error('x12 parse is not implemented yet');
    });
}
