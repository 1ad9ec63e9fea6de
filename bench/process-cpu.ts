import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) used so far by each process whose command line matches. */
export function processCpuMs(matches: (commandLine: string) => boolean): Map<number, number> {
  const cpu = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return cpu; // not Linux: nothing to report
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!matches(commandLine)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      cpu.set(Number(entry), (ticks * 1000) / TICKS_PER_SECOND);
    } catch {
      // the process ended while it was read
    }
  }
  return cpu;
}

/**
 * CPU used between `before` and now by the matching processes (processes that started since count
 * in full; ones that ended are lost, so keep long-lived ones: the dev server, pooled connections).
 */
export function cpuSince(before: Map<number, number>, matches: (commandLine: string) => boolean): number {
  let total = 0;
  for (const [pid, ms] of processCpuMs(matches)) total += ms - (before.get(pid) ?? 0);
  return total;
}

export const isTemporalServer = (commandLine: string) => /temporal\S* server start-dev/.test(commandLine);
export const isPostgres = (commandLine: string) => /^(\S*\/)?postgres(:|\s)/.test(commandLine);
