import type { DiagnosticReport, Encounter } from '@medplum/fhirtypes';
import express, { Router, type Request, type Response } from 'express';
import type { EhrConnection } from '../../ehr/connections';
import { mapEncounter } from '../../ehr/fhir/map-encounter';
import { mapDiagnosticReport } from '../../ehr/fhir/map-pathology';
import { readNotification, type SubscriptionNotification } from '../../ehr/fhir/notification';
import {
  bundleSource,
  EhrUnavailableError,
  remoteSource,
  type ResourceSource,
} from '../../ehr/fhir/resource-source';
import { authenticateDelivery } from '../../ehr/http-delivery';
import { deliverEhrPathology, receiveEhrVisit } from '../../ehr/intake';
import { deliveryEventId, fail, MappingError } from '../../ehr/mapping';
import type { ApiDependencies } from '../dependencies';
import { route } from '../http';
import { JSON_BODY_LIMIT, readJsonDocument } from '../json-body';
import { answerPathology, answerVisit } from './ehr-answers';

export const FHIR_NOTIFICATION_PATH = '/v1/webhooks/fhir/:connectionId';

/**
 * FHIR Subscription rest-hook notifications (R4 with the backport bundle) from an EHR connection:
 * a finished Encounter starts its visit's billing, a final DiagnosticReport is its pathology result.
 */
export function fhirNotificationRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.post(
    FHIR_NOTIFICATION_PATH,
    express.raw({ type: () => true, limit: JSON_BODY_LIMIT }),
    route((req, res) => receiveNotification(deps, req, res)),
  );
  return router;
}

async function receiveNotification(deps: ApiDependencies, req: Request, res: Response): Promise<void> {
  const auth = authenticateDelivery(deps.ehr?.connections, req, deps.clock(), deps.webhook.toleranceSeconds);
  if (!auth.ok) {
    res.status(401).json({ error: 'invalid signature', reason: auth.reason });
    return;
  }
  const document = readJsonDocument(auth.body);
  if (!document.ok) {
    res.status(400).json({ error: document.error, problems: document.problems });
    return;
  }
  try {
    const notification = readNotification(document.value);
    if (notification.type !== 'event-notification') {
      res.status(200).json({ type: notification.type, received: true });
      return;
    }
    await receiveEvent(deps, auth.connection, notification, auth.body, res);
  } catch (error) {
    if (error instanceof MappingError) {
      res
        .status(422)
        .json({ error: 'the notification cannot be mapped; nothing stored', problems: error.problems });
      return;
    }
    if (error instanceof EhrUnavailableError) {
      res
        .status(503)
        .set('retry-after', '30')
        .json({ error: `${error.message}; nothing stored, try again` });
      return;
    }
    throw error;
  }
}

/** Full-resource when the focus came with the notification; id-only otherwise (fetched back). */
function sourceFor(connection: EhrConnection, notification: SubscriptionNotification): ResourceSource {
  if (notification.focus && notification.resources.has(notification.focus))
    return bundleSource(notification.resources);
  if (!connection.fhir)
    return fail(
      'Bundle',
      'entry',
      `id-only notification, but connection ${connection.id} has no FHIR base URL`,
    );
  return remoteSource(connection.fhir.baseUrl, connection.fhir.bearerToken);
}

async function receiveEvent(
  deps: ApiDependencies,
  connection: EhrConnection,
  notification: SubscriptionNotification,
  body: Buffer,
  res: Response,
): Promise<void> {
  const subscription = notification.subscription.split('/').pop() ?? '';
  const eventId = deliveryEventId(connection.id, subscription, notification.eventNumber ?? '');
  const source = sourceFor(connection, notification);
  const focus = notification.focus ?? '';
  const from = { resource: 'Bundle', field: 'notification-event.focus' };
  if (focus.startsWith('Encounter/')) {
    const encounter = await source.read<Encounter>(focus, from);
    const mapped = await mapEncounter(encounter, source, {
      eventId,
      practiceId: connection.practiceId,
      completedAt: notification.timestamp,
    });
    answerVisit(res, await receiveEhrVisit(deps, connection, mapped, body));
    return;
  }
  if (focus.startsWith('DiagnosticReport/')) {
    const report = await mapDiagnosticReport(
      await source.read<DiagnosticReport>(focus, from),
      source,
      eventId,
    );
    answerPathology(res, await deliverEhrPathology(deps, connection, report));
    return;
  }
  fail('Bundle', 'notification-event.focus', `${focus} is neither an Encounter nor a DiagnosticReport`);
}
