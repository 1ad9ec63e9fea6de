import type { IcdTable, NcciTables } from './tables';

/** Practice fee schedule: charge per unit in integer cents, by CPT/HCPCS code. */
export type FeeSchedule = Readonly<Record<string, number>>;

export interface CodingOptions {
  feeSchedule: FeeSchedule;
  /** NCCI PTP pairs and MUEs; defaults to the shipped dermatology subset (src/coding/data). */
  ncci?: NcciTables;
  /** ICD-10-CM table; defaults to the shipped dermatology subset (src/coding/data). */
  icd10?: IcdTable;
  /**
   * Modifier for distinct lesions on an NCCI pair whose indicator is 1. "XS" (default: separate
   * structure) or "59" for payers that do not accept the X{EPSU} modifiers.
   */
  distinctModifier?: 'XS' | '59';
}
