import type { Command } from 'commander';

import type * as X12837Command from '../x12-837-command';
import type * as X12Command from '../x12-command';

type X12CommandModule = typeof X12Command;

/**
 * Loads the command logic lazily. bin/dermclaims.js registers tsx's CommonJS hook only, so a dynamic
 * import() of a .ts module fails there; require() goes through the hook.
 */
function load(): X12CommandModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../x12-command') as X12CommandModule;
}

function load837(): typeof X12837Command {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../x12-837-command') as typeof X12837Command;
}

export function register(program: Command): void {
  const x12 = program.command('x12').description('read, validate and write X12 5010 documents');
  x12
    .command('parse')
    .argument('<file>', 'X12 file (835, 837P, 270, 271, 276, 277, 277CA, 999, TA1)')
    .description('print the document as JSON in billing terms (transaction detected from ST01/GS08)')
    .action(async (file: string) => {
      process.exitCode = await load().runX12Parse(file);
    });
  x12
    .command('validate')
    .argument('<file>', 'X12 file')
    .description(
      'check envelope, segment definitions, dates, separators, HL hierarchy, required segments, 837P amounts/pointers/NPIs and 835 balancing; prints errors and warnings, exits non-zero on errors',
    )
    .action(async (file: string) => {
      process.exitCode = await load().runX12Validate(file);
    });
  x12
    .command('837')
    .argument('<visit>', 'visit-completed event JSON')
    .description(
      'print the 837P a visit document would produce (nothing is submitted); exits 3 on a pathology hold or self-pay',
    )
    .action(async (file: string) => {
      process.exitCode = await load837().runX12837(file);
    });
}
