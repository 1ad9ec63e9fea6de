/**
 * The claim edits, in the order they run on the merged draft lines (domain brief §9.1: NCCI PTP →
 * MUE/MAI → modifier 25 → ABN). Add a rule by writing a ClaimEdit and placing it here.
 */
import { abnModifiers } from './abn';
import type { ClaimEdit } from './edit';
import { emModifier25 } from './em-modifier-25';
import { encounterModifiers } from './encounters';
import { globalPeriod } from './global-period';
import { modifierOrder } from './modifier-order';
import { mohsPathology } from './mohs-pathology';
import { mue } from './mue';
import { ncciPtp } from './ncci-ptp';
import { noCoverage } from './no-coverage';

export const CLAIM_EDITS: readonly ClaimEdit[] = [
  noCoverage,
  encounterModifiers,
  ncciPtp,
  mue,
  emModifier25,
  globalPeriod,
  abnModifiers,
  mohsPathology,
  modifierOrder,
];
export type { ClaimEdit } from './edit';
