import type { Command } from 'commander';
import { register as registerCode } from './code';
import { register as registerDemo } from './demo';
import { register as registerEhrSim } from './ehr-sim';
import { register as registerHl7 } from './hl7';
import { register as registerLedger } from './ledger';
import { register as registerRuntime } from './runtime';
import { register as registerSandbox } from './sandbox';
import { register as registerSend } from './send';
import { register as registerUsers } from './users';
import { register as registerX12 } from './x12';

/**
 * Each subcommand lives in its own module. Modules import heavy dependencies (Temporal, Prisma)
 * inside their actions, so `dermclaims code` stays fast.
 */
export function registerCommands(program: Command): void {
  registerRuntime(program);
  registerCode(program);
  registerX12(program);
  registerSandbox(program);
  registerSend(program);
  registerDemo(program);
  registerUsers(program);
  registerHl7(program);
  registerEhrSim(program);
  registerLedger(program);
}
