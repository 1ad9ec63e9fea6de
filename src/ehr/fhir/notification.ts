import type {
  Bundle,
  Parameters,
  ParametersParameter,
  Resource,
  SubscriptionStatus,
} from '@medplum/fhirtypes';
import { fail, referenceKey } from '../mapping';

/**
 * A Subscription rest-hook notification as the Subscriptions R5 Backport IG defines it for R4 (and
 * R4B): a `history` Bundle whose first entry is the status (an R4 `Parameters` with the
 * backport-subscription-status-r4 profile, or an R4B `SubscriptionStatus`), then the focus
 * resources (full-resource) or nothing (id-only: the focus references are fetched back).
 */
export type NotificationType =
  'handshake' | 'heartbeat' | 'event-notification' | 'query-status' | 'query-event';

export interface SubscriptionNotification {
  type: NotificationType;
  /** The Subscription reference, as sent. */
  subscription: string;
  eventNumber?: string;
  /** `Type/id` of the event's focus (the finished Encounter, or a DiagnosticReport). */
  focus?: string;
  timestamp?: string;
  /** Every resource after the status entry, by `Type/id`. */
  resources: Map<string, Resource>;
}

const TYPES: readonly NotificationType[] = [
  'handshake',
  'heartbeat',
  'event-notification',
  'query-status',
  'query-event',
];

interface StatusFields {
  type?: string;
  subscription?: string;
  events: Array<{ eventNumber?: string; focus?: string; timestamp?: string }>;
}

function fromParameters(status: Parameters): StatusFields {
  const named = (name: string, list: ParametersParameter[] = status.parameter ?? []) =>
    list.filter((p) => p.name === name);
  return {
    type: named('type')[0]?.valueCode,
    subscription: named('subscription')[0]?.valueReference?.reference,
    events: named('notification-event').map((event) => ({
      eventNumber: named('event-number', event.part)[0]?.valueString,
      focus: named('focus', event.part)[0]?.valueReference?.reference,
      timestamp: named('timestamp', event.part)[0]?.valueInstant,
    })),
  };
}

function fromSubscriptionStatus(status: SubscriptionStatus): StatusFields {
  return {
    type: status.type,
    subscription: status.subscription?.reference,
    events: (status.notificationEvent ?? []).map((event) => ({
      eventNumber: event.eventNumber === undefined ? undefined : String(event.eventNumber),
      focus: event.focus?.reference,
      timestamp: event.timestamp,
    })),
  };
}

function statusOf(bundle: Bundle): StatusFields {
  const first = bundle.entry?.[0]?.resource;
  if (first?.resourceType === 'Parameters') return fromParameters(first);
  if (first?.resourceType === 'SubscriptionStatus') return fromSubscriptionStatus(first);
  return fail(
    'Bundle',
    'entry[0].resource',
    'must be the subscription status (Parameters or SubscriptionStatus)',
  );
}

/** Reads the notification's status and resources; anything malformed is a MappingError. */
export function readNotification(body: unknown): SubscriptionNotification {
  const bundle = body as Bundle;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle')
    fail('Bundle', 'resourceType', 'a notification is a Bundle');
  if (bundle.type !== 'history') fail('Bundle', 'type', `must be "history", not "${String(bundle.type)}"`);
  const status = statusOf(bundle);
  const type = TYPES.find((t) => t === status.type);
  if (!type) fail('Bundle', 'entry[0].resource type', `unknown notification type "${String(status.type)}"`);
  if (!status.subscription) fail('Bundle', 'entry[0].resource subscription', 'is required');
  const resources = new Map<string, Resource>();
  for (const [i, entry] of (bundle.entry ?? []).slice(1).entries()) {
    const resource = entry.resource;
    if (!resource) continue;
    const key = referenceKey(`${resource.resourceType}/${resource.id ?? ''}`);
    if (!key) fail('Bundle', `entry[${i + 1}].resource.id`, 'every resource needs an id');
    resources.set(key, resource);
  }
  if (type !== 'event-notification') return { type, subscription: status.subscription, resources };
  if (status.events.length !== 1)
    fail('Bundle', 'entry[0].resource notification-event', 'send one event per notification');
  const [event] = status.events as [StatusFields['events'][number]];
  if (!event.eventNumber) fail('Bundle', 'notification-event.event-number', 'is required');
  const focus = referenceKey(event.focus);
  if (!focus) fail('Bundle', 'notification-event.focus', 'must reference the Encounter or DiagnosticReport');
  return {
    type,
    subscription: status.subscription,
    eventNumber: event.eventNumber,
    focus,
    timestamp: event.timestamp,
    resources,
  };
}
