import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes an admin filters on in the Temporal Web UI, by name and type. Search
 * attributes are NOT encrypted: never put patient data in them (no names, member ids or diagnoses).
 * The workflow defines its keys from this map (workflows/search-attributes.ts, type-checked).
 */
export const searchAttributeTypes = {
  /** The visit's VisitStatus. */
  ClaimStatus: SearchAttributeType.KEYWORD,
  PayerId: SearchAttributeType.KEYWORD,
  PracticeId: SearchAttributeType.KEYWORD,
  NeedsReview: SearchAttributeType.BOOL,
  /** The first day of the month of service: no more exact date in the unencrypted visibility store. */
  ServiceMonth: SearchAttributeType.DATETIME,
  /** @deprecated Set by v1 runs started before ServiceMonth; registered until they have closed. */
  DateOfService: SearchAttributeType.DATETIME,
  /** 0 normal, 1 raised (untouched past the escalation period), 2 escalated to a supervisor. */
  ReviewPriority: SearchAttributeType.INT,
  /** The open review's decision reason codes (src/decision/reasons.ts): the review queue's filter. */
  ReviewReasons: SearchAttributeType.KEYWORD_LIST,
} as const;

export type SearchAttributeTypes = typeof searchAttributeTypes;

/** Every key, for registering them with a Temporal namespace. */
export const allSearchAttributeKeys = Object.entries(searchAttributeTypes).map(([name, type]) =>
  defineSearchAttributeKey(name, type),
);
