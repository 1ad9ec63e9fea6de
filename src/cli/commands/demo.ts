import type { Command } from 'commander';

function positiveInt(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
    return n;
  };
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('post generated dermatology visits to the running API and summarise how they were billed')
    .option('-n, --visits <n>', 'number of visits', positiveInt('--visits'), 20)
    .option('--api <url>', 'dermclaims API base URL', 'http://127.0.0.1:3000')
    .option('--seed <seed>', 'seed of the generated visits (default: random)', positiveInt('--seed'))
    .option('--timeout <seconds>', 'how long to wait for the visits to settle', positiveInt('--timeout'), 120)
    .option('--concurrency <n>', 'concurrent HTTP requests', positiveInt('--concurrency'), 8)
    .action(
      async (options: {
        visits: number;
        api: string;
        seed?: number;
        timeout: number;
        concurrency: number;
      }) => {
        const { apiTargetFromEnv } = await import('../../demo/api-client');
        const { runDemo, formatDemoSummary } = await import('../../demo/run-demo');
        const seed = options.seed ?? 1 + Math.floor(Math.random() * 1_000_000);
        const runId = `d${Date.now().toString(36)}`;
        console.log(`posting ${options.visits} visits (seed ${seed}, run ${runId}) to ${options.api}`);
        const summary = await runDemo({
          target: await apiTargetFromEnv(options.api),
          visits: options.visits,
          seed,
          runId,
          concurrency: options.concurrency,
          timeoutMs: options.timeout * 1000,
        });
        console.log(formatDemoSummary(summary));
        const unbalanced = (summary.ledgerCheck?.discrepancies.length ?? 0) > 0;
        if (summary.posted === 0 || summary.timedOut.length > 0 || unbalanced) process.exitCode = 1;
      },
    );
}
