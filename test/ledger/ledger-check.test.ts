import { spawn } from 'node:child_process';
import path from 'node:path';
import { bench835, benchClaimId, createBenchClaims, storeBench835 } from '../../bench/posting-fixture';
import { formatLedgerReport, runLedgerChecks } from '../../src/ledger/run-checks';
import { postClaimPayments } from '../../src/posting/post-claim-payments';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CLAIMS = 12;
let database: TestDatabase;
let remittanceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await createBenchClaims(database.db, CLAIMS);
  const ids = await storeBench835(database.db, bench835(CLAIMS));
  await postClaimPayments(database.db, () => new Date(), ids);
  remittanceId = (await database.db.remittance.findFirstOrThrow()).id;
}, 60_000);
afterAll(() => database.drop());

const sql = (text: string) => database.db.$executeRawUnsafe(text);

/** A row edited behind the poster's back, the edit that undoes it, and what the check must say. */
interface Planted {
  name: string;
  plant: string;
  undo: string;
  found: Array<{ check: string; subject: () => string; message: RegExp }>;
}

const claim = benchClaimId(3);
const planted: Planted[] = [
  {
    name: 'a Payment row that disagrees with the ledger',
    plant: `UPDATE "Payment" SET "amountCents" = "amountCents" + 1 WHERE "claimId" = '${claim}'`,
    undo: `UPDATE "Payment" SET "amountCents" = "amountCents" - 1 WHERE "claimId" = '${claim}'`,
    found: [
      { check: 'claim-balance', subject: () => claim, message: /ledger payer payments .* ≠ payments/ },
      // The remittance's postings no longer come to its BPR either.
      {
        check: 'remittance-balance',
        subject: () => remittanceId,
        message: /claim payments posted .* ≠ BPR payment/,
      },
    ],
  },
  {
    name: 'a contractual adjustment posted for a different amount than its CAS',
    plant: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" + 5 WHERE "claimId" = '${claim}' AND "entryType" = 'contractual_adjustment'`,
    undo: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" - 5 WHERE "claimId" = '${claim}' AND "entryType" = 'contractual_adjustment'`,
    found: [
      {
        check: 'claim-balance',
        subject: () => claim,
        message: /contractual adjustments .* ≠ contractual CAS/,
      },
    ],
  },
  {
    name: 'the patient side of a transfer missing',
    plant: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" - 100 WHERE "claimId" = '${claim}' AND "entryType" = 'patient_responsibility'`,
    undo: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" + 100 WHERE "claimId" = '${claim}' AND "entryType" = 'patient_responsibility'`,
    found: [
      {
        check: 'claim-balance',
        subject: () => claim,
        message: /moved .* to the patient but the patient account received/,
      },
    ],
  },
  {
    name: 'a charge smaller than what was paid and adjusted (negative open balance)',
    plant: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" - 250 WHERE "claimId" = '${claim}' AND "entryType" = 'charge'`,
    undo: `UPDATE "LedgerEntry" SET "amountCents" = "amountCents" + 250 WHERE "claimId" = '${claim}' AND "entryType" = 'charge'`,
    found: [
      {
        check: 'claim-balance',
        subject: () => claim,
        message: /open insurance balance is negative: -\$2\.50/,
      },
    ],
  },
  {
    name: 'an entry of an unknown type',
    plant: `UPDATE "LedgerEntry" SET "entryType" = 'mystery' WHERE "idempotencyKey" = 'charge:${claim}'`,
    undo: `UPDATE "LedgerEntry" SET "entryType" = 'charge' WHERE "idempotencyKey" = 'charge:${claim}'`,
    found: [
      { check: 'claim-balance', subject: () => claim, message: /unaccounted/ },
      {
        check: 'ledger-entries',
        subject: () => expect.any(String) as unknown as string,
        message: /unknown account\/entry type INSURANCE_AR\/mystery/,
      },
    ],
  },
  {
    name: "a claim's entry booked to another visit",
    plant: `UPDATE "LedgerEntry" SET "visitId" = 'bench-visit-4' WHERE "idempotencyKey" = 'charge:${claim}'`,
    undo: `UPDATE "LedgerEntry" SET "visitId" = 'bench-visit-3' WHERE "idempotencyKey" = 'charge:${claim}'`,
    found: [
      {
        check: 'ledger-entries',
        subject: () => expect.any(String) as unknown as string,
        message: new RegExp(`claim ${claim} is booked to another visit`),
      },
    ],
  },
  {
    name: 'a remittance whose BPR amount is not its claims less PLB',
    plant: `UPDATE "Remittance" SET "paymentCents" = "paymentCents" + 1000 WHERE id = (SELECT id FROM "Remittance" LIMIT 1)`,
    undo: `UPDATE "Remittance" SET "paymentCents" = "paymentCents" - 1000 WHERE id = (SELECT id FROM "Remittance" LIMIT 1)`,
    found: [{ check: 'remittance-balance', subject: () => remittanceId, message: /≠ BPR payment/ }],
  },
  {
    name: 'a provider-level adjustment posted that the 835 does not have',
    plant: `INSERT INTO "ProviderAdjustmentPosting" (id, "remittanceId", sequence, "reasonCode", "amountCents", category, "idempotencyKey")
      SELECT 'planted-plb', id, 99, 'L6', -250, 'interest', 'planted-plb' FROM "Remittance" LIMIT 1`,
    undo: `DELETE FROM "ProviderAdjustmentPosting" WHERE id = 'planted-plb'`,
    found: [
      {
        check: 'remittance-balance',
        subject: () => remittanceId,
        message: /0 provider-level adjustments in the 835, 1 posted/,
      },
      {
        check: 'remittance-balance',
        subject: () => remittanceId,
        message: /provider adjustments posted -\$2\.50 ≠ BPR payment/,
      },
    ],
  },
  {
    name: 'a matched claim payment never posted',
    plant: `UPDATE "RemittanceClaim" SET "postedAt" = NULL WHERE "patientControlNumber" = 'PCN3'`,
    undo: `UPDATE "RemittanceClaim" SET "postedAt" = now() WHERE "patientControlNumber" = 'PCN3'`,
    found: [
      {
        check: 'remittance-posted',
        subject: () => remittanceId,
        message: new RegExp(`matches claim ${claim} but is not posted`),
      },
    ],
  },
];

test('the books of posted remittances pass every check', async () => {
  const report = await runLedgerChecks(database.db);
  expect(report).toMatchObject({ claimsChecked: CLAIMS, remittancesChecked: 1, discrepancies: [] });
  expect(formatLedgerReport(report)).toEqual([`${CLAIMS} claims, 1 remittances checked: no discrepancy`]);
});

test.each(planted)('$name is found and named', async ({ plant, undo, found }) => {
  await sql(plant);
  try {
    const { discrepancies } = await runLedgerChecks(database.db);
    expect(discrepancies).toHaveLength(found.length);
    expect(discrepancies).toEqual(
      expect.arrayContaining(
        found.map((f) =>
          expect.objectContaining({
            check: f.check,
            subject: f.subject(),
            message: expect.stringMatching(f.message),
          }),
        ),
      ),
    );
  } finally {
    await sql(undo);
  }
  expect((await runLedgerChecks(database.db)).discrepancies).toEqual([]);
});

function dermclaims(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, '../../bin/dermclaims.js'), ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

test('`dermclaims ledger check` exits 0 with a summary when the books agree, 1 naming each discrepancy otherwise', async () => {
  expect(await dermclaims(['ledger', 'check'])).toEqual({
    code: 0,
    out: `${CLAIMS} claims, 1 remittances checked: no discrepancy\n`,
  });
  const [negative] = planted.filter((p) => p.name.includes('negative open balance'));
  await sql(negative!.plant);
  try {
    const result = await dermclaims(['ledger', 'check']);
    expect(result).toMatchObject({ code: 1 });
    expect(result.out).toContain(`claim-balance ${claim}: open insurance balance is negative: -$2.50`);
    expect(result.out).toContain(`${CLAIMS} claims, 1 remittances checked: 1 discrepancy`);
  } finally {
    await sql(negative!.undo);
  }
}, 60_000);
