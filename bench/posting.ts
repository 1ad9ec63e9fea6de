/**
 * Benchmark: post 10,000 claim payments from a generated 835, then post them again.
 * `npx tsx bench/posting.ts [claims]` on a scratch PostgreSQL database (TEST_POSTGRES_URL, as the
 * tests). Creates the claims, writes the 835, reads it with our reader, stores it, posts every
 * claim payment (timed), posts again (must post nothing), and prints the ledger check's result.
 */
import { formatLedgerReport, runLedgerChecks } from '../src/ledger/run-checks';
import { postClaimPayments } from '../src/posting/post-claim-payments';
import { createTestDatabase } from '../test/support/database';
import { bench835, createBenchClaims, storeBench835 } from './posting-fixture';

const seconds = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e9).toFixed(2);

async function timedPosting(post: () => ReturnType<typeof postClaimPayments>) {
  const started = process.hrtime.bigint();
  const { postings } = await post();
  return { posted: postings.filter((p) => p.posted).length, took: seconds(started) };
}

async function main(): Promise<void> {
  const claims = Number(process.argv[2] ?? 10_000);
  const database = await createTestDatabase();
  try {
    const { db } = database;
    let started = process.hrtime.bigint();
    await createBenchClaims(db, claims);
    const text = bench835(claims);
    console.log(
      `setup: ${claims} claims created, 835 of ${(text.length / 1e6).toFixed(1)} MB in ${seconds(started)} s`,
    );
    started = process.hrtime.bigint();
    const ids = await storeBench835(db, text);
    console.log(`stored: ${ids.length} claim payments read and stored in ${seconds(started)} s`);

    const clock = () => new Date();
    const first = await timedPosting(() => postClaimPayments(db, clock, ids));
    console.log(`first run: ${first.posted} posted in ${first.took} s`);
    const second = await timedPosting(() => postClaimPayments(db, clock, ids));
    console.log(
      `second run: ${second.posted} posted in ${second.took} s${second.posted === 0 ? ' (nothing to post)' : ''}`,
    );
    const report = await runLedgerChecks(db);
    for (const line of formatLedgerReport(report).slice(-20)) console.log(`ledger check: ${line}`);
    if (first.posted !== ids.length || second.posted !== 0 || report.discrepancies.length > 0)
      process.exitCode = 1;
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
