import type { Database } from '../db/client';
import { patientAccountsCheck } from '../payments/ledger-check';
import { claimBalanceCheck } from './checks/claim-balance';
import { ledgerEntriesCheck } from './checks/ledger-entries';
import { remittanceBalanceCheck, remittancePostedCheck } from './checks/remittance-balance';
import type { Discrepancy, LedgerCheck } from './discrepancy';

export type { Discrepancy, LedgerCheck };

/** The checks `dermclaims ledger check` and GET /v1/reports/ledger run, in order. */
export const LEDGER_CHECKS: readonly LedgerCheck[] = [
  claimBalanceCheck,
  remittanceBalanceCheck,
  remittancePostedCheck,
  ledgerEntriesCheck,
  patientAccountsCheck,
];

export interface LedgerReport {
  claimsChecked: number;
  remittancesChecked: number;
  checks: string[];
  discrepancies: Discrepancy[];
}

export async function runLedgerChecks(
  db: Database,
  checks: readonly LedgerCheck[] = LEDGER_CHECKS,
): Promise<LedgerReport> {
  const [claimsChecked, remittancesChecked] = await Promise.all([db.claim.count(), db.remittance.count()]);
  const discrepancies: Discrepancy[] = [];
  // One after another: each check is a heavy aggregate, and the pool is shared with the API.
  for (const check of checks) discrepancies.push(...(await check.run(db)));
  return { claimsChecked, remittancesChecked, checks: checks.map((c) => c.name), discrepancies };
}

/** The report as the CLI prints it: every discrepancy, else one summary line. */
export function formatLedgerReport(report: LedgerReport): string[] {
  const checked = `${report.claimsChecked} claims, ${report.remittancesChecked} remittances checked`;
  if (report.discrepancies.length === 0) return [`${checked}: no discrepancy`];
  return [
    ...report.discrepancies.map((d) => `${d.check} ${d.subject}: ${d.message}`),
    `${checked}: ${report.discrepancies.length} ${report.discrepancies.length === 1 ? 'discrepancy' : 'discrepancies'}`,
  ];
}
