/**
 * Coding throughput: visits coded per second on one core over the test corpus.
 *   npx tsx bench/coding.ts [seconds]
 * Goal: ≥ 50,000 visits/s (issue 8).
 */
import { buildCodingOptions, codeVisit, CodingValidationError } from '../src/coding';
import { corpus } from '../test/coding/corpus';
import { visit } from '../test/coding/helpers';

const seconds = Number(process.argv[2] ?? 3);
const visits = corpus
  .filter((c) => !c.expect.validation && !c.expect.schema)
  .map((c) => visit(c.visit, c.id));
const options = buildCodingOptions();

function codeAll(): number {
  let lines = 0;
  for (const v of visits) {
    try {
      lines += codeVisit(v, options).lines.length;
    } catch (error) {
      if (!(error instanceof CodingValidationError)) throw error;
    }
  }
  return lines;
}

for (let i = 0; i < 200; i++) codeAll(); // warm-up (JIT)
let coded = 0;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const deadline = start + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < deadline) {
  codeAll();
  coded += visits.length;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
// CPU seconds of this process: on a shared machine wall time also counts other processes' turns.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rate = coded / cpuSeconds;
console.log(
  `coding bench: ${coded} visits (${visits.length}-visit corpus) in ${cpuSeconds.toFixed(2)} CPU s (${elapsed.toFixed(2)} s wall) = ${Math.round(rate).toLocaleString('en-US')} visits per CPU second on one core (wall: ${Math.round(coded / elapsed).toLocaleString('en-US')}/s; goal ≥ 50,000/s) ${rate >= 50000 ? 'OK' : 'BELOW GOAL'}`,
);
