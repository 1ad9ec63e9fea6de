import type { Database } from '../db/client';

/** One way the books disagree with themselves. Subjects are opaque ids, never patient data. */
export interface Discrepancy {
  /** The check that found it, e.g. "claim-balance". */
  check: string;
  /** What it is about: a claim id, remittance id, ledger entry id. */
  subject: string;
  message: string;
}

/** A named check over the whole database. */
export interface LedgerCheck {
  name: string;
  description: string;
  run(db: Database): Promise<Discrepancy[]>;
}

/** Money in a message: cents as dollars, sign first ("-$2.50"; src/x12/money.ts formatCents is X12 text). */
export function formatDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** PostgreSQL returns SUM over integers as bigint; sums of cents fit a double exactly. */
export function cents(value: bigint | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
