import { defaultFeeSchedule } from './fee-schedule';
import { defaultPayerPolicies, type PayerPolicyBook } from './payer-policy';
import type { IcdTable, NcciTables } from './tables';

/** Practice fee schedule: charge per unit in integer cents, by CPT/HCPCS code. */
export type FeeSchedule = Readonly<Record<string, number>>;

export interface CodingOptions {
  feeSchedule: FeeSchedule;
  /** NCCI PTP pairs and MUEs; defaults to the shipped dermatology subset (src/coding/data). */
  ncci?: NcciTables;
  /** ICD-10-CM table; defaults to the shipped dermatology subset (src/coding/data). */
  icd10?: IcdTable;
  /** Payer policies (config/payer-policies.json by default); the visit's payer picks its policy. */
  payerPolicies?: PayerPolicyBook;
  /**
   * Forces the distinct-lesion modifier ("XS", with XU for a same-lesion distinct service, or "59"
   * for both) whatever the payer policy says. For tests and one-off previews; production takes it
   * from the payer policy.
   */
  distinctModifier?: 'XS' | '59';
}

/**
 * The one place coding options are built (worker activity, coding preview API, CLI, bench): the
 * practice's fee schedule and the configured payer policies, with the shipped defaults.
 */
export function buildCodingOptions(
  settings: { feeSchedule?: FeeSchedule; payerPolicies?: PayerPolicyBook } = {},
): CodingOptions {
  return {
    feeSchedule: settings.feeSchedule ?? defaultFeeSchedule,
    payerPolicies: settings.payerPolicies ?? defaultPayerPolicies,
  };
}
