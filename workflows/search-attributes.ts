import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeTypes } from '../src/visit-billing/search-attributes';

/** A key whose name and type must match src/visit-billing/search-attributes.ts. */
function key<N extends keyof SearchAttributeTypes>(name: N, type: SearchAttributeTypes[N]) {
  return defineSearchAttributeKey(name, type);
}

/**
 * Custom search attributes an admin filters on in the Temporal Web UI. Search attributes are NOT
 * encrypted (the payload codec never sees them): no names, member ids, diagnoses, and no date more
 * exact than the month of service (docs/phi.md).
 */
export const ClaimStatusKey = key('ClaimStatus', SearchAttributeType.KEYWORD);
export const PayerIdKey = key('PayerId', SearchAttributeType.KEYWORD);
export const PracticeIdKey = key('PracticeId', SearchAttributeType.KEYWORD);
export const NeedsReviewKey = key('NeedsReview', SearchAttributeType.BOOL);
/** The first day (00:00 UTC) of the month of service: enough for backlogs and filing windows. */
export const ServiceMonthKey = key('ServiceMonth', SearchAttributeType.DATETIME);
/**
 * @deprecated The exact date of service, set by v1 runs started before ServiceMonth; those runs drop
 * it at their next status change (workflows/service-date.ts). Stays registered until they have closed.
 */
export const DateOfServiceKey = key('DateOfService', SearchAttributeType.DATETIME);
export const ReviewPriorityKey = key('ReviewPriority', SearchAttributeType.INT);
export const ReviewReasonsKey = key('ReviewReasons', SearchAttributeType.KEYWORD_LIST);
