/**
 * Benchmark: stream-parse a generated ~100,000-claim 835 with our reader and with npm x12-parser.
 * Run with `npx tsx bench/x12-835.ts [claims]`. Each parser runs in its own child process so peak
 * RSS/heap are measured separately.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { X12parser as X12parserClass } from 'x12-parser';
import type { RemittanceAdvice } from '../src/remittance/types';
import type * as stream from '../src/x12/stream';
import { write835 } from '../src/x12';
import { numberArgument } from './args';
import { payments } from './generate-835';
import { median } from './stats';

interface RunResult {
  parser: string;
  seconds: number;
  /** CPU time (user + system) of the parse: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  claims: number;
  peakRssMb: number;
  peakHeapMb: number;
}

function interchange(advices: RemittanceAdvice[], controlNumber: number): string {
  return write835(advices, {
    envelope: {
      senderId: 'PAYER',
      receiverId: 'DERMCLAIMS',
      interchangeControlNumber: controlNumber,
      groupControlNumber: controlNumber,
      createdAt: new Date('2026-03-01T00:00:00Z'),
    },
  });
}

async function generate(file: string, claims: number): Promise<void> {
  await writeFile(file, interchange(payments(0, claims, 1000), 1));
}

/**
 * A file of at least `megabytes` MB, written interchange by interchange (10,000 claims each) so the
 * generator itself never holds the whole text.
 */
async function generateLarge(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file);
  let written = 0;
  for (let n = 1; written < megabytes * 1024 * 1024; n += 1) {
    const text = interchange(payments((n - 1) * 10_000, 10_000, 1000), n);
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Our reader as `npm start` runs it: the compiled dist/ (scripts/build.js), not the TypeScript
 * compiled on the fly by tsx. A stale or missing dist/ is refused, not measured in its place.
 */
function compiledReader(): typeof stream {
  const root = path.resolve(__dirname, '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildIsCurrent } = require('../scripts/build-state') as { buildIsCurrent(root: string): boolean };
  if (!buildIsCurrent(root)) throw new Error('dist/ is missing or stale: run `npm run build` first');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(root, 'dist/src/x12/stream.js')) as typeof stream;
}

type Parse = (file: string) => Promise<number>;

/** Our reader, loaded before the clock starts. */
function loadOurs(): Parse {
  const { streamRemittanceBatches } = compiledReader();
  return (file) => runOurs(streamRemittanceBatches, file);
}

async function runOurs(
  streamRemittanceBatches: typeof stream.streamRemittanceBatches,
  file: string,
): Promise<number> {
  let claims = 0;
  const source = createReadStream(file, { highWaterMark: 256 * 1024 });
  for await (const events of streamRemittanceBatches(source)) {
    for (const event of events) {
      if (event.kind !== 'claim') continue;
      claims += 1;
      if (event.problems.length > 0) throw new Error(event.problems[0]?.message);
    }
  }
  return claims;
}

/** npm x12-parser, loaded before the clock starts. */
async function loadX12Parser(): Promise<Parse> {
  const { X12parser } = await import('x12-parser');
  return (file) => runX12Parser(X12parser, file);
}

function runX12Parser(X12parser: typeof X12parserClass, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let claims = 0;
    const parser = new X12parser();
    parser.on('error', reject);
    parser.on('data', (segment: { name: string }) => {
      if (segment.name === 'CLP') claims += 1;
    });
    parser.on('end', () => resolve(claims));
    createReadStream(file, { highWaterMark: 256 * 1024 })
      .on('error', reject)
      .pipe(parser);
  });
}

async function child(which: string, file: string): Promise<void> {
  const parse = which === 'ours' ? loadOurs() : await loadX12Parser();
  let peakHeap = 0;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 10);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const claims = await parse(file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  clearInterval(timer);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const result: RunResult = {
    parser: which,
    seconds,
    cpuSeconds,
    claims,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
  };
  process.send?.(result);
}

function runChild(which: string, file: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(__filename, ['--child', which, file], { stdio: 'inherit' });
    proc.on('message', (message) => resolve(message as RunResult));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${which} exited with ${code}`));
    });
  });
}

function report(which: string, megabytes: number, result: RunResult): void {
  console.log(
    `${which.padEnd(11)} ${(megabytes / result.seconds).toFixed(1).padStart(7)} MB/s  ${result.seconds.toFixed(2)} s (CPU ${result.cpuSeconds.toFixed(2)} s)  claims ${result.claims}  peak RSS ${result.peakRssMb.toFixed(0)} MB  peak heap ${result.peakHeapMb.toFixed(0)} MB`,
  );
}

/**
 * Both parsers on the same file, alternating, `rounds` times each (one cold child process per
 * run), and the ratios of their medians: one cold run each swings by ±30 % on a shared machine.
 */
async function compare(file: string, label: string, rounds: number): Promise<void> {
  const megabytes = (await stat(file)).size / 1024 / 1024;
  console.log(`${label}: ${megabytes.toFixed(1)} MB, ${rounds} alternating runs of each parser`);
  const runs: Record<string, RunResult[]> = { ours: [], 'x12-parser': [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const which of ['ours', 'x12-parser']) {
      const result = await runChild(which, file);
      runs[which]?.push(result);
      report(which, megabytes, result);
    }
  }
  const ours = runs.ours ?? [];
  const theirs = runs['x12-parser'] ?? [];
  const of = (results: RunResult[], key: keyof RunResult) => median(results.map((run) => Number(run[key])));
  console.log(
    `median MB/s: ours ${(megabytes / of(ours, 'seconds')).toFixed(1)}, x12-parser ${(megabytes / of(theirs, 'seconds')).toFixed(1)}`,
  );
  console.log(
    `ratio ours/x12-parser (medians): speed ${(of(theirs, 'seconds') / of(ours, 'seconds')).toFixed(2)}x (CPU time ${(of(theirs, 'cpuSeconds') / of(ours, 'cpuSeconds')).toFixed(2)}x), peak RSS ${(of(ours, 'peakRssMb') / of(theirs, 'peakRssMb')).toFixed(2)}x, peak heap ${(of(ours, 'peakHeapMb') / of(theirs, 'peakHeapMb')).toFixed(2)}x`,
  );
  console.log(
    'goal: speed at least 2x, peak heap at most 1x (ours: the compiled dist/, as npm start runs it)',
  );
  console.log(
    '(our reader also checks envelope counts, element counts and balances every claim; x12-parser only splits segments)',
  );
}

/** Our streaming reader alone on a large file: throughput and peak RSS (goal: under 150 MB). */
async function large(file: string, megabytes: number): Promise<void> {
  await generateLarge(file, megabytes);
  const size = (await stat(file)).size / 1024 / 1024;
  console.log(`large 835 (concatenated interchanges of 10,000 claims): ${size.toFixed(1)} MB`);
  const result = await runChild('ours', file);
  report('ours', size, result);
  console.log(`peak RSS ${result.peakRssMb.toFixed(0)} MB (goal < 150 MB)`);
}

/**
 * `npx tsx bench/x12-835.ts [claims] [--rounds N]`: both parsers on a generated 835 (default
 * 100,000 claims), N alternating runs each (default 5), ratios of the medians.
 * `--large [MB]`: our reader on a generated file of MB megabytes (default 200), peak RSS printed.
 * `--write FILE [claims]`: only writes the file (for `node --cpu-prof`).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] ?? '', args[2] ?? '');
  if (args[0] === '--write') return generate(args[1] ?? 'bench.835', Number(args[2] ?? 100_000));
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-835-'));
  const file = path.join(dir, 'bench.835');
  try {
    if (args[0] === '--large') return await large(file, Number(args[1] ?? 200));
    const rounds = numberArgument('rounds', 5);
    const claims = Number(args[0] !== undefined && !args[0].startsWith('--') ? args[0] : 100_000);
    await generate(file, claims);
    await compare(file, `835 with ${claims} claims`, rounds);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
