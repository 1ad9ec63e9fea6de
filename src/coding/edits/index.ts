/**
 * The claim edits, in the order they run on the merged draft lines (domain brief §9.1: NCCI PTP →
 * MUE/MAI → modifier 25 → ABN). Add a rule by writing a ClaimEdit and placing it here.
 */
import { abnModifiers } from './abn';
import type { ClaimEdit } from './edit';
import { emModifier25 } from './em-modifier-25';
import { modifierOrder } from './modifier-order';
import { mohsPathology } from './mohs-pathology';
import { mue } from './mue';
import { ncciPtp } from './ncci-ptp';
import { noCoverage } from './no-coverage';

export const CLAIM_EDITS: readonly ClaimEdit[] = [
  noCoverage,
  ncciPtp,
  mue,
  emModifier25,
  abnModifiers,
  mohsPathology,
  modifierOrder,
];
export type { ClaimEdit } from './edit';
