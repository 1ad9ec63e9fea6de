import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeTypes } from '../src/visit-billing/search-attributes';

/** A key whose name and type must match src/visit-billing/search-attributes.ts. */
function key<N extends keyof SearchAttributeTypes>(name: N, type: SearchAttributeTypes[N]) {
  return defineSearchAttributeKey(name, type);
}

export const ClaimStatusKey = key('ClaimStatus', SearchAttributeType.KEYWORD);
export const PayerIdKey = key('PayerId', SearchAttributeType.KEYWORD);
export const PracticeIdKey = key('PracticeId', SearchAttributeType.KEYWORD);
export const NeedsReviewKey = key('NeedsReview', SearchAttributeType.BOOL);
export const DateOfServiceKey = key('DateOfService', SearchAttributeType.DATETIME);
export const ReviewPriorityKey = key('ReviewPriority', SearchAttributeType.INT);
