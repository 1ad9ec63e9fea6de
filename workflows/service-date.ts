import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched } from '@temporalio/workflow';
import { DateOfServiceKey, ServiceMonthKey } from './search-attributes';

/**
 * Runs tag the month of service (ServiceMonth) instead of the exact date (DateOfService): the
 * visibility store is not encrypted (docs/phi.md). Runs that started before the change tagged the
 * exact date; they swap it for the month at their next status change.
 */
export const SERVICE_MONTH_PATCH = 'service-month-search-attribute';

export function serviceMonth(dateOfService: string): Date {
  return new Date(`${dateOfService.slice(0, 7)}-01T00:00:00Z`);
}

/** The date-of-service search attributes of one run (workflow state: call inside the workflow). */
export function serviceDateTags() {
  let dateOfService: string | undefined;
  let exactDateTagged = false;
  const monthInsteadOfDate = (date: string): SearchAttributeUpdatePair[] => {
    const scrub = exactDateTagged;
    exactDateTagged = false;
    return [
      { key: ServiceMonthKey, value: serviceMonth(date) },
      ...(scrub ? [{ key: DateOfServiceKey, value: null }] : []),
    ];
  };
  return {
    /** When the run (re)reads its visit. */
    forVisit(date: string): SearchAttributeUpdatePair[] {
      dateOfService = date;
      if (patched(SERVICE_MONTH_PATCH)) return monthInsteadOfDate(date);
      exactDateTagged = true; // replaying a run from before the change: what it upserted then
      return [{ key: DateOfServiceKey, value: new Date(`${date}T00:00:00Z`) }];
    },
    /** On every status change: nothing, unless an exact date from before the change is still set. */
    onStatusChange(): SearchAttributeUpdatePair[] {
      if (!exactDateTagged || dateOfService === undefined || !patched(SERVICE_MONTH_PATCH)) return [];
      return monthInsteadOfDate(dateOfService);
    },
  };
}
