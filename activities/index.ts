import { createClaimActivities } from './claims';
import { createCodingActivities } from './coding';
import { createDenialActivities } from './denials';
import type { ActivityDependencies } from './dependencies';
import { createEligibilityActivities } from './eligibility';
import { createInboxActivities } from './inbox';
import { createPatientBillingActivities } from './patient-billing';
import { createPostingActivities } from './posting';
import { createProgressActivities } from './progress';
import { createReviewActivities } from './review';
import { createTimelyFilingActivities } from './timely-filing';
import { createSecondaryClaimActivities } from './secondary-claims';
import { createVisitActivities } from './visits';

export type { ActivityDependencies } from './dependencies';

/** All activities, built from their dependencies (the samples' dependency-injection pattern). */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createVisitActivities(deps),
    ...createCodingActivities(deps),
    ...createEligibilityActivities(deps),
    ...createReviewActivities(deps),
    ...createClaimActivities(deps),
    ...createSecondaryClaimActivities(deps),
    ...createPostingActivities(deps),
    ...createPatientBillingActivities(deps),
    ...createDenialActivities(deps),
    ...createInboxActivities(deps),
    ...createProgressActivities(deps),
    ...createTimelyFilingActivities(deps),
  };
}

export type BillingActivities = ReturnType<typeof createActivities>;
