import type { Database } from '../../db/client';
import { contractualCodesFor } from '../../posting/ledger-entries';
import { cents, formatDollars, type Discrepancy, type LedgerCheck } from '../discrepancy';
import { OPENING_ENTRY_TYPES } from '../entry-types';

interface ClaimFigures {
  claimId: string;
  opening: number;
  payerPayments: number;
  contractual: number;
  toPatient: number;
  eraToPatient: number;
  patientSide: number;
  other: number;
  open: number;
  paymentRows: number;
  contractualRows: number;
  patientResponsibilityRows: number;
}

type Row = { [K in keyof ClaimFigures]: K extends 'claimId' ? string : bigint | null };

/** Every claim's ledger figures beside its Payment and Adjustment rows, in one statement. */
async function claimFigures(db: Database): Promise<ClaimFigures[]> {
  const opening = [...OPENING_ENTRY_TYPES];
  const contractual = [...contractualCodesFor('P')];
  const laterPayerContractual = [...contractualCodesFor('S')];
  const rows = await db.$queryRaw<Row[]>`
    WITH ledger AS (
      SELECT "claimId",
        SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = ANY(${opening}::text[])) AS opening,
        -SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = 'insurance_payment') AS "payerPayments",
        -SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = 'contractual_adjustment') AS contractual,
        -SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = 'transfer_to_patient') AS "toPatient",
        -SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = 'transfer_to_patient'
                                      AND "idempotencyKey" LIKE 'era:%') AS "eraToPatient",
        SUM("amountCents") FILTER (WHERE account = 'PATIENT_AR' AND "entryType" = 'patient_responsibility') AS "patientSide",
        -SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR' AND "entryType" = 'other_adjustment') AS other,
        SUM("amountCents") FILTER (WHERE account = 'INSURANCE_AR') AS open
      FROM "LedgerEntry" WHERE "claimId" IS NOT NULL GROUP BY "claimId"
    ), payments AS (
      SELECT "claimId", SUM("amountCents") AS "paymentRows" FROM "Payment" GROUP BY "claimId"
    ), adjustments AS (
      SELECT a."claimId",
        SUM(a."amountCents") FILTER (WHERE a."groupCode" || '-' || a."reasonCode" = ANY(
          CASE WHEN k."payerSequence" = 'P' THEN ${contractual}::text[] ELSE ${laterPayerContractual}::text[] END
        )) AS "contractualRows",
        SUM(a."amountCents") FILTER (WHERE a."groupCode" = 'PR') AS "patientResponsibilityRows"
      FROM "Adjustment" a JOIN "Claim" k ON k.id = a."claimId" GROUP BY a."claimId"
    )
    SELECT c.id AS "claimId", l.opening, l."payerPayments", l.contractual, l."toPatient", l."eraToPatient",
      l."patientSide", l.other, l.open, p."paymentRows", a."contractualRows", a."patientResponsibilityRows"
    FROM "Claim" c
      LEFT JOIN ledger l ON l."claimId" = c.id
      LEFT JOIN payments p ON p."claimId" = c.id
      LEFT JOIN adjustments a ON a."claimId" = c.id
    ORDER BY c.id`;
  return rows.map((r) => {
    const figures = { claimId: r.claimId } as ClaimFigures;
    for (const [key, value] of Object.entries(r))
      if (key !== 'claimId')
        (figures as unknown as Record<string, number>)[key] = cents(value as bigint | null);
    return figures;
  });
}

/** Where one claim's figures disagree: the equation, then each cross-check against the source rows. */
export function claimDiscrepancies(f: ClaimFigures): Discrepancy[] {
  const found: string[] = [];
  const accounted = f.payerPayments + f.contractual + f.toPatient + f.other + f.open;
  if (f.opening !== accounted)
    found.push(
      `opening ${formatDollars(f.opening)} ≠ payer payments ${formatDollars(f.payerPayments)} + contractual ` +
        `${formatDollars(f.contractual)} + patient responsibility ${formatDollars(f.toPatient)} + other ` +
        `${formatDollars(f.other)} + open ${formatDollars(f.open)} (${formatDollars(f.opening - accounted)} unaccounted)`,
    );
  if (f.payerPayments !== f.paymentRows)
    found.push(
      `ledger payer payments ${formatDollars(f.payerPayments)} ≠ payments ${formatDollars(f.paymentRows)}`,
    );
  if (f.contractual !== f.contractualRows)
    found.push(
      `ledger contractual adjustments ${formatDollars(f.contractual)} ≠ contractual CAS ${formatDollars(f.contractualRows)}`,
    );
  if (f.eraToPatient !== f.patientResponsibilityRows)
    found.push(
      `ledger transfers to patient from ERAs ${formatDollars(f.eraToPatient)} ≠ PR adjustments ` +
        `${formatDollars(f.patientResponsibilityRows)}`,
    );
  if (f.toPatient !== f.patientSide)
    found.push(
      `insurance moved ${formatDollars(f.toPatient)} to the patient but the patient account received ${formatDollars(f.patientSide)}`,
    );
  if (f.open < 0) found.push(`open insurance balance is negative: ${formatDollars(f.open)}`);
  return found.map((message) => ({ check: 'claim-balance', subject: f.claimId, message }));
}

export const claimBalanceCheck: LedgerCheck = {
  name: 'claim-balance',
  description:
    'per claim: opening = payer payments + contractual + patient responsibility + other + open balance, ' +
    'cross-checked against Payment and Adjustment rows; no negative open insurance balance',
  async run(db) {
    return (await claimFigures(db)).flatMap(claimDiscrepancies);
  },
};
