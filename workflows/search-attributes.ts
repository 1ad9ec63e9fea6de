import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes an admin filters on in the Temporal Web UI. Search attributes are NOT
 * encrypted (the payload codec never sees them): no names, member ids, diagnoses, and no date more
 * exact than the month of service (docs/phi.md).
 */
export const ClaimStatusKey = defineSearchAttributeKey('ClaimStatus', SearchAttributeType.KEYWORD);
export const PayerIdKey = defineSearchAttributeKey('PayerId', SearchAttributeType.KEYWORD);
export const PracticeIdKey = defineSearchAttributeKey('PracticeId', SearchAttributeType.KEYWORD);
export const NeedsReviewKey = defineSearchAttributeKey('NeedsReview', SearchAttributeType.BOOL);
/** The first day (00:00 UTC) of the month of service: enough for backlogs and filing windows. */
export const ServiceMonthKey = defineSearchAttributeKey('ServiceMonth', SearchAttributeType.DATETIME);
/**
 * @deprecated The exact date of service, set by runs started before ServiceMonth; those runs drop it
 * at their next status change (workflows/service-date.ts). Stays registered until they have closed.
 */
export const DateOfServiceKey = defineSearchAttributeKey('DateOfService', SearchAttributeType.DATETIME);

export const allSearchAttributeKeys = [
  ClaimStatusKey,
  PayerIdKey,
  PracticeIdKey,
  NeedsReviewKey,
  ServiceMonthKey,
  DateOfServiceKey,
];
