import { parseVisitEvent } from '../../src/intake/receive-visit';
import { signWebhookBody, verifyWebhookSignature } from '../../src/intake/webhook-signature';
import { actinicKeratosisVisit } from '../support/visit-fixture';

const secret = 'unit-test-secret-0123456789';
const body = Buffer.from('{"hello":"world"}');
const now = 1_800_000_000;

test('a correct, fresh signature is accepted', () => {
  expect(verifyWebhookSignature(secret, body, signWebhookBody(secret, body, now), now + 10, 300)).toEqual({
    ok: true,
  });
});

test.each([
  ['missing', undefined, /missing/],
  ['malformed', 'v1=abc', /malformed/],
  ['stale', signWebhookBody(secret, body, now - 301), /tolerance/],
  ['from the future', signWebhookBody(secret, body, now + 301), /tolerance/],
  ['wrong secret', signWebhookBody('another-secret-0000000000', body, now), /does not match/],
  ['tampered body', signWebhookBody(secret, Buffer.from('{"hello":"w0rld"}'), now), /does not match/],
])('a %s signature is refused', (_label, header, reason) => {
  const check = verifyWebhookSignature(secret, body, header, now, 300);
  expect(check.ok).toBe(false);
  expect(check.ok ? '' : check.reason).toMatch(reason);
});

test('a valid visit document parses', () => {
  const result = parseVisitEvent(actinicKeratosisVisit('U-1'));
  expect(result.ok).toBe(true);
});

test('references that point nowhere are named precisely', () => {
  const visit = actinicKeratosisVisit('U-2');
  const result = parseVisitEvent({
    ...visit,
    lesions: [
      { id: 'L1', site: { region: 'back' } },
      { id: 'L1', site: { region: 'arm' } },
    ],
    diagnoses: [{ code: 'L57.0', procedureIds: ['P9'], lesionIds: ['L7'] }],
    coverage: { ...visit.coverage, relationship: 'child' },
  });
  expect(result).toEqual({
    ok: false,
    problems: [
      { path: 'lesions', message: 'lesion id L1 appears twice' },
      { path: 'diagnoses.0.lesionIds.0', message: 'no lesion with id L7' },
      { path: 'diagnoses.0.procedureIds.0', message: 'no procedure with id P9' },
      { path: 'coverage.subscriber', message: 'required when the patient is not the subscriber' },
    ],
  });
});

test('schema problems carry their JSON path', () => {
  const result = parseVisitEvent({ ...actinicKeratosisVisit('U-3'), visitId: 'has spaces', diagnoses: [] });
  expect(result.ok).toBe(false);
  expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['visitId', 'diagnoses']);
});
