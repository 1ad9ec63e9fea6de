import type { Bundle } from '@medplum/fhirtypes';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { readNotification } from '../../src/ehr/fhir/notification';
import { deliveryEventId, MappingError } from '../../src/ehr/mapping';
import { signPlain, verifyConnectionSignature } from '../../src/ehr/signature';

const r4b = (
  events: Array<{ eventNumber: string; focus?: string }>,
  type = 'event-notification',
): Bundle => ({
  resourceType: 'Bundle',
  type: 'history',
  entry: [
    {
      resource: {
        resourceType: 'SubscriptionStatus',
        status: 'active',
        type: type as 'event-notification',
        subscription: { reference: 'https://ehr.example/fhir/Subscription/admission' },
        notificationEvent: events.map((e) => ({
          eventNumber: e.eventNumber,
          focus: e.focus ? { reference: e.focus } : undefined,
        })),
      },
    },
  ],
});

function problemsOf(body: unknown) {
  try {
    readNotification(body);
  } catch (error) {
    if (error instanceof MappingError) return error.problems;
    throw error;
  }
  return [];
}

test('an R4B SubscriptionStatus notification names its event and focus (absolute references trimmed)', () => {
  const read = readNotification(
    r4b([{ eventNumber: '12', focus: 'https://ehr.example/fhir/Encounter/V-9/_history/3' }]),
  );
  expect(read).toMatchObject({ type: 'event-notification', eventNumber: '12', focus: 'Encounter/V-9' });
  expect(read.resources.size).toBe(0);
});

test('malformed notifications name the Bundle field that is wrong', () => {
  expect(problemsOf({ resourceType: 'Patient' })).toEqual([
    expect.objectContaining({ resource: 'Bundle', field: 'resourceType' }),
  ]);
  expect(problemsOf({ ...r4b([]), type: 'searchset' })).toEqual([expect.objectContaining({ field: 'type' })]);
  expect(problemsOf(r4b([{ eventNumber: '1' }, { eventNumber: '2' }]))[0]?.message).toMatch(
    /one event per notification/,
  );
  expect(problemsOf(r4b([{ eventNumber: '1' }]))[0]?.field).toBe('notification-event.focus');
  expect(problemsOf(r4b([], 'handshake'))).toEqual([]);
});

test('delivery ids are readable when they fit an opaque id and a stable digest when not', () => {
  expect(deliveryEventId('demo-ehr', 'admission', '12')).toBe('demo-ehr.admission.12');
  const long = deliveryEventId('demo-ehr', 'x'.repeat(80), '12');
  expect(long).toMatch(/^demo-ehr\.[0-9a-f]{32}$/);
  expect(deliveryEventId('demo-ehr', 'x'.repeat(80), '12')).toBe(long);
  expect(deliveryEventId('demo-ehr', 'x'.repeat(80), '13')).not.toBe(long);
});

test('a connection signature is either X-Signature over the body or the timestamped dermclaims header', () => {
  const secret = 'connection-secret-0123456789';
  const body = Buffer.from('{"resourceType":"Bundle"}');
  const now = 1_796_000_000;
  const headers = (h: Record<string, string>) => (name: string) => h[name];
  expect(
    verifyConnectionSignature(secret, body, headers({ 'x-signature': signPlain(secret, body) }), now, 300),
  ).toEqual({ ok: true });
  expect(
    verifyConnectionSignature(
      secret,
      body,
      headers({ 'x-signature': signPlain('other-secret-0123456789', body) }),
      now,
      300,
    ).ok,
  ).toBe(false);
  expect(verifyConnectionSignature(secret, body, headers({ 'x-signature': 'ABC' }), now, 300)).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/malformed/),
  });
  const stamped = signWebhookBody(secret, body, now - 10);
  expect(
    verifyConnectionSignature(secret, body, headers({ 'x-dermclaims-signature': stamped }), now, 300),
  ).toEqual({ ok: true });
  expect(
    verifyConnectionSignature(secret, body, headers({ 'x-dermclaims-signature': stamped }), now + 1000, 300)
      .ok,
  ).toBe(false);
  expect(verifyConnectionSignature(secret, body, headers({}), now, 300).ok).toBe(false);
});
