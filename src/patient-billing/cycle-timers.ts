/**
 * Statement cycles as the visit workflow's timers carry them: no zod and no config file here,
 * because the workflow bundle imports this. src/config.ts fills them from config/statement-cycles.json.
 */
import type { Duration } from '@temporalio/common';

export type StatementKind = 'initial' | 'reminder' | 'final';

export interface StatementCycleTimer {
  kind: StatementKind;
  /** How long this cycle's statement waits for a payment before the next cycle (or collections). */
  untilNext: Duration;
}

/**
 * The documented defaults (config/statement-cycles.json; a test keeps the two equal), for runs
 * whose timers were set before statement cycles existed.
 */
export const DEFAULT_STATEMENT_CYCLES: readonly StatementCycleTimer[] = [
  { kind: 'initial', untilNext: '30 days' },
  { kind: 'reminder', untilNext: '30 days' },
  { kind: 'reminder', untilNext: '30 days' },
  { kind: 'final', untilNext: '30 days' },
];
