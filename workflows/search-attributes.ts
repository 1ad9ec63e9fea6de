import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes an admin filters on in the Temporal Web UI. Search attributes are NOT
 * encrypted: never put patient data in them (no names, member ids or diagnoses).
 */
export const ClaimStatusKey = defineSearchAttributeKey('ClaimStatus', SearchAttributeType.KEYWORD);
export const PayerIdKey = defineSearchAttributeKey('PayerId', SearchAttributeType.KEYWORD);
export const PracticeIdKey = defineSearchAttributeKey('PracticeId', SearchAttributeType.KEYWORD);
export const NeedsReviewKey = defineSearchAttributeKey('NeedsReview', SearchAttributeType.BOOL);
export const DateOfServiceKey = defineSearchAttributeKey('DateOfService', SearchAttributeType.DATETIME);

export const allSearchAttributeKeys = [
  ClaimStatusKey,
  PayerIdKey,
  PracticeIdKey,
  NeedsReviewKey,
  DateOfServiceKey,
];
