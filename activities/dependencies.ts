import type { Clearinghouse } from '../src/clearinghouse/types';
import type { FeeSchedule } from '../src/coding';
import type { Database } from '../src/db/client';
import type { DecisionPolicy } from '../src/decision/decide-claim-route';
import type { AllowedAmounts } from '../src/eligibility/patient-estimate';
import type { HowToPay } from '../src/patient-billing/statement-config';
import type { PracticeProfile } from '../src/practice/practice-profile';

/** Everything the activities touch, injected so tests can supply their own. */
export interface ActivityDependencies {
  db: Database;
  clearinghouse: Clearinghouse;
  clock: () => Date;
  practice: PracticeProfile;
  feeSchedule: FeeSchedule;
  decisionPolicy: DecisionPolicy;
  /** Allowed amounts per payer for the patient estimate (config/allowed-amounts.json); else charges. */
  allowedAmounts?: AllowedAmounts;
  /** How patients pay, printed on statements (config/statement-cycles.json when absent). */
  howToPay?: HowToPay;
}
