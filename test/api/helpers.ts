import { WorkflowNotFoundError } from '@temporalio/client';
import request from 'supertest';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import type { RunningTestApi } from '../support/api-server';
import { TEST_WEBHOOK_SECRET } from '../support/api-server';

export const WEBHOOK = '/v1/webhooks/visit-completed';

/** Posts raw bytes to the webhook, signed for `nowMs` (the API's clock) unless a header is given. */
export function postWebhook(
  api: RunningTestApi,
  body: string | Buffer,
  options: { nowMs?: number; signature?: string; contentType?: string } = {},
) {
  const seconds = Math.floor((options.nowMs ?? Date.now()) / 1000);
  return request(api.url)
    .post(WEBHOOK)
    .set('content-type', options.contentType ?? 'application/json')
    .set('x-dermclaims-signature', options.signature ?? signWebhookBody(TEST_WEBHOOK_SECRET, body, seconds))
    .send(body);
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: { error?: string; problems?: Array<{ path: string }> };
}

/** Sends bytes exactly as given (supertest re-serialises a Buffer under a JSON content type). */
export async function sendBytes(
  url: string,
  method: string,
  headers: Record<string, string>,
  bytes: Uint8Array,
): Promise<RawResponse> {
  const response = await fetch(url, { method, headers, body: bytes });
  const text = await response.text();
  let body: RawResponse['body'] = {};
  try {
    body = JSON.parse(text) as RawResponse['body'];
  } catch {
    // not JSON: the assertions on the body will say so
  }
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body };
}

/** Raw bytes to the webhook, signed as they are. */
export function postWebhookBytes(
  api: RunningTestApi,
  bytes: Buffer,
  nowMs: number,
  contentType = 'application/json',
) {
  const signature = signWebhookBody(TEST_WEBHOOK_SECRET, bytes, Math.floor(nowMs / 1000));
  return sendBytes(
    `${api.url}${WEBHOOK}`,
    'POST',
    { 'content-type': contentType, 'x-dermclaims-signature': signature },
    bytes,
  );
}

/** Everything a webhook delivery can write. */
export async function intakeRowCounts(api: RunningTestApi) {
  const db = api.database.db;
  const [visits, deliveries, revisions, audit] = await Promise.all([
    db.visit.count(),
    db.webhookDelivery.count(),
    db.visitRevision.count(),
    // Staff requests are audited whatever their outcome (refusals too): count only what intake wrote.
    db.auditEvent.count({ where: { actorUserId: null } }),
  ]);
  return { visits, deliveries, revisions, audit };
}

/** True when Temporal has no workflow for the visit (none was ever started). */
export async function noWorkflowFor(api: RunningTestApi, visitId: string): Promise<boolean> {
  try {
    await api.temporal.client.workflow.getHandle(`visit-${visitId}`).describe();
    return false;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return true;
    throw error;
  }
}
