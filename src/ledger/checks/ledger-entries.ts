import type { Database } from '../../db/client';
import type { Discrepancy, LedgerCheck } from '../discrepancy';
import { ENTRY_ACCOUNTS } from '../entry-types';

async function unknownEntries(db: Database): Promise<Discrepancy[]> {
  const types = Object.keys(ENTRY_ACCOUNTS);
  const accounts = Object.values(ENTRY_ACCOUNTS);
  const rows = await db.$queryRaw<Array<{ id: string; account: string; entryType: string }>>`
    SELECT e.id, e.account, e."entryType" FROM "LedgerEntry" e
    WHERE NOT EXISTS (
      SELECT 1 FROM unnest(${types}::text[], ${accounts}::text[]) AS k(entry_type, account)
      WHERE k.entry_type = e."entryType" AND k.account = e.account)
    ORDER BY e.id`;
  return rows.map((r) => ({
    check: 'ledger-entries',
    subject: r.id,
    message: `unknown account/entry type ${r.account}/${r.entryType}`,
  }));
}

/** Insurance receivable is owed by a claim, and a claim's entries belong to the claim's visit. */
async function misplacedEntries(db: Database): Promise<Discrepancy[]> {
  const rows = await db.$queryRaw<Array<{ id: string; claimId: string | null }>>`
    SELECT e.id, e."claimId" FROM "LedgerEntry" e LEFT JOIN "Claim" c ON c.id = e."claimId"
    WHERE (e.account = 'INSURANCE_AR' AND e."claimId" IS NULL) OR (c.id IS NOT NULL AND c."visitId" <> e."visitId")
    ORDER BY e.id`;
  return rows.map((r) => ({
    check: 'ledger-entries',
    subject: r.id,
    message: r.claimId
      ? `entry on claim ${r.claimId} is booked to another visit than the claim's`
      : 'insurance receivable entry without a claim',
  }));
}

export const ledgerEntriesCheck: LedgerCheck = {
  name: 'ledger-entries',
  description: "every entry's account and type is known; insurance entries sit on a claim of their visit",
  async run(db) {
    return [...(await unknownEntries(db)), ...(await misplacedEntries(db))];
  },
};
