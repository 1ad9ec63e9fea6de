import type { LedgerAccount, LedgerPosting } from '../posting/ledger-entries';

/**
 * Secondary claims open with `secondary_billed` on INSURANCE_AR and move the amount off the
 * patient with `transfer_to_secondary` on PATIENT_AR (coordination of benefits).
 */
type EntryType = LedgerPosting['entryType'];

/**
 * The account each entry type may be posted to. A Record over the union: an entry type added to
 * the ledger without a line here fails to compile, so the check never calls a new one unknown.
 */
export const ENTRY_ACCOUNTS: Record<EntryType, LedgerAccount> = {
  charge: 'INSURANCE_AR',
  secondary_billed: 'INSURANCE_AR',
  insurance_payment: 'INSURANCE_AR',
  contractual_adjustment: 'INSURANCE_AR',
  other_adjustment: 'INSURANCE_AR',
  transfer_to_patient: 'INSURANCE_AR',
  patient_responsibility: 'PATIENT_AR',
  self_pay_charge: 'PATIENT_AR',
  transfer_to_secondary: 'PATIENT_AR',
  patient_payment: 'PATIENT_AR',
};

/** What opens a claim's insurance receivable. */
export const OPENING_ENTRY_TYPES = ['charge', 'secondary_billed'] as const;
