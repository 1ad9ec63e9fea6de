import request from 'supertest';
import { gzipSync } from 'node:zlib';
import type { CodingResult } from '../../src/coding/types';
import { decideClaimRoute } from '../../src/decision/decide-claim-route';
import { signWebhookBody } from '../../src/intake/webhook-signature';
import { startTestApi, TEST_WEBHOOK_SECRET, type RunningTestApi } from '../support/api-server';
import { actinicKeratosisVisit } from '../support/visit-fixture';
import {
  intakeRowCounts,
  noWorkflowFor,
  postWebhook,
  postWebhookBytes,
  sendBytes,
  type RawResponse,
} from './helpers';

/** The API's injected clock: every date rule and the signature window are judged against it. */
const NOW = Date.parse('2026-11-25T12:00:00Z');
const at = (nowMs: number) => ({ nowMs });

let api: RunningTestApi;
let before: Awaited<ReturnType<typeof intakeRowCounts>>;
/** Every visit id a refused request named: none may have a workflow or a row at the end. */
const refusedVisitIds = new Set<string>();

beforeAll(async () => {
  api = await startTestApi({ overrides: { clock: () => new Date(NOW) } });
  before = await intakeRowCounts(api);
});

afterAll(async () => {
  await api?.stop();
});

type Visit = ReturnType<typeof actinicKeratosisVisit>;
let serial = 0;
/** A valid visit (relative to NOW) with one change applied. */
function visitWith(change: (visit: Visit) => void = () => undefined): Visit {
  const visit = actinicKeratosisVisit(`HOSTILE-${++serial}`);
  change(visit);
  refusedVisitIds.add(visit.visitId);
  return visit;
}

function expectRefused(response: request.Response | RawResponse, status: number, path?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(typeof response.body.error).toBe('string');
  if (path) expect(response.body.problems.map((p: { path: string }) => p.path)).toContain(path);
}

const oversized = Buffer.from(JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) }));

describe('bodies the parsers cannot take', () => {
  test('over the 1 MB limit: 413 from the webhook, signed or not, and from JSON routes', async () => {
    expectRefused(await postWebhookBytes(api, oversized, NOW), 413);
    const unsigned = await sendBytes(`${api.url}/v1/webhooks/visit-completed`, 'POST', {}, oversized);
    expectRefused(unsigned, 413);
    const json = { 'content-type': 'application/json' };
    expectRefused(await sendBytes(`${api.url}/v1/coding/preview`, 'POST', json, oversized), 413);
    const decision = await sendBytes(
      `${api.url}/v1/visits/V1/review-decision`,
      'POST',
      { ...json, authorization: api.staffBearer },
      oversized,
    );
    expectRefused(decision, 413);
  });

  test('malformed JSON: 400, also on staff routes (with or without the token), never 500', async () => {
    const broken = '{"action": "approve",';
    const send = (path: string, token?: string) => {
      const r = request(api.url).post(path).set('content-type', 'application/json');
      return (token ? r.set('authorization', token) : r).send(broken);
    };
    expectRefused(await send('/v1/coding/preview'), 400);
    expectRefused(await send('/v1/visits/V1/review-decision', api.staffBearer), 400);
    expectRefused(await send('/v1/visits/V1/pathology-results', api.staffBearer), 400);
    const anonymous = await send('/v1/visits/V1/review-decision');
    expect([400, 401]).toContain(anonymous.status);
    expectRefused(await postWebhook(api, broken, at(NOW)), 400, '(body)');
  });

  test('bytes that are not UTF-8: 400 from the webhook (signed) and from JSON routes', async () => {
    const raw = Buffer.from(JSON.stringify(visitWith()));
    const latin1 = Buffer.concat([raw.subarray(0, 40), Buffer.from([0xe9, 0xff]), raw.subarray(40)]);
    expectRefused(await postWebhookBytes(api, latin1, NOW), 400, '(body)');
    const preview = await sendBytes(
      `${api.url}/v1/coding/preview`,
      'POST',
      { 'content-type': 'application/json' },
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), // {"\xc3(":1}
    );
    expectRefused(preview, 400);
  });

  test('another charset or an unknown Content-Encoding: 415; a broken gzip body: 400', async () => {
    const body = Buffer.from(JSON.stringify(visitWith()));
    const post = (headers: Record<string, string>, payload: Buffer = body) =>
      sendBytes(`${api.url}/v1/coding/preview`, 'POST', headers, payload);
    expectRefused(await post({ 'content-type': 'application/json; charset=iso-8859-1' }), 415);
    expectRefused(await post({ 'content-type': 'application/json', 'content-encoding': 'compress' }), 415);
    const brokenGzip = await post(
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      Buffer.from('not gzip'),
    );
    expectRefused(brokenGzip, 400);
    expectRefused(await postWebhookBytes(api, body, NOW, 'application/json; charset=utf-16'), 415);
    // A well-formed gzip body is simply read.
    const zipped = await post(
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      gzipSync(body),
    );
    expect(zipped.status).toBe(200);
  });
});

describe('paths and methods', () => {
  test.each(['%', '%zz', '%E0%A4%A'])('a path id that is not percent-encoding (%s): 400', async (id) => {
    const show = await request(api.url).get(`/v1/visits/${id}`).set('authorization', api.staffBearer);
    expectRefused(show, 400);
    const decide = await request(api.url)
      .post(`/v1/visits/${id}/review-decision`)
      .set('authorization', api.staffBearer)
      .send({ action: 'approve', reviewer: 'biller-1' });
    expectRefused(decide, 400);
  });

  test('a method the contract does not list: 405 with Allow; an unknown path: 404', async () => {
    const del = await request(api.url).delete('/v1/metrics').set('authorization', api.staffBearer);
    expectRefused(del, 405);
    expect(del.headers.allow).toBe('GET, HEAD');
    const put = await request(api.url).put('/v1/webhooks/visit-completed').send('{}');
    expectRefused(put, 405);
    expect(put.headers.allow).toBe('POST');
    const patch = await request(api.url).patch('/v1/visits/V1').set('authorization', api.staffBearer);
    expect(patch.status).toBe(405);
    expectRefused(await request(api.url).get('/v1/no-such-thing'), 404);
  });

  test.each([
    ['/v1/review-tasks?status=closed', 'query.status'],
    ['/v1/review-tasks?status=open&status=resolved', 'query.status'],
    ['/v1/inbound-documents?problem=yes', 'query.problem'],
  ])('a query value outside its enum (%s): 400', async (url, path) => {
    expectRefused(await request(api.url).get(url).set('authorization', api.staffBearer), 400, path);
  });
});

describe('text that cannot be stored or has no place in a field', () => {
  test.each([
    ['a NUL byte', 'patient.firstName', '"firstName":"El\\u0000ena"'],
    ['a lone surrogate', 'patient.lastName', '"lastName":"Fisch\\ud800er"'],
    ['a lone low surrogate', 'patient.lastName', '"lastName":"\\udc00"'],
    ['a control character', 'patient.address.city', '"city":"Spring\\u0007field"'],
    ['a line break in a one-line field', 'coverage.payerName', '"payerName":"SANDBOX\\nBLUE"'],
  ])('%s in the webhook body: 400 with the path', async (_label, path, replacement) => {
    const key = replacement.slice(1, replacement.indexOf('"', 1));
    const visit = visitWith();
    const raw = JSON.stringify(visit).replace(new RegExp(`"${key}":"[^"]*"`), replacement);
    expect(raw).toContain(replacement);
    expectRefused(await postWebhook(api, raw, at(NOW)), 400, path);
  });

  test('a NUL byte in a staff text field or an uploaded ERA: 400', async () => {
    const staffPost = (path: string, contentType: string, body: string) =>
      request(api.url)
        .post(path)
        .set('authorization', api.staffBearer)
        .set('content-type', contentType)
        .send(body);
    const json = 'application/json';
    const decision = await staffPost(
      '/v1/visits/V1/review-decision',
      json,
      '{"action":"approve","note":"checked\\u0000 with the lab"}',
    );
    expectRefused(decision, 400, 'note');
    const pathology = await staffPost(
      '/v1/visits/V1/pathology-results',
      json,
      '{"lesionId":"L1\\ud800","result":"benign"}',
    );
    expectRefused(pathology, 400, 'lesionId');
    const era = await staffPost('/v1/remittances', 'application/edi-x12', 'ISA*00*\u0000~');
    expectRefused(era, 400, '(body)');
  });
});

test('X12 delimiters in a name or address are cleaned at intake: 202 naming each cleaned path, never the value', async () => {
  const visit = actinicKeratosisVisit('HOSTILE-CLEANED');
  visit.patient.lastName = 'O*Brien~Fischer';
  visit.patient.address.line1 = '12 Oak: Avenue^Rear';
  const response = await postWebhook(api, JSON.stringify(visit), at(NOW));
  expect(response.status).toBe(202);
  expect(response.body.findings).toEqual([
    { path: 'patient.lastName', message: expect.stringContaining('X12 delimiter characters') },
    { path: 'patient.address.line1', message: expect.stringContaining('X12 delimiter characters') },
  ]);
  expect(JSON.stringify(response.body)).not.toContain('Brien');
});

describe('dates are real calendar days within sane bounds', () => {
  test.each([
    ['dateOfService', '2026-02-30'],
    ['dateOfService', '2026-13-45'],
    ['dateOfService', '0000-01-01'],
    ['dateOfService', '9999-12-31'],
    ['dateOfService', '2025-02-29'],
    ['dateOfService', '2026-11-28'], // three days after the API's clock
    ['dateOfService', '2019-06-01'], // more than six years ago
    ['patient.dateOfBirth', '1850-01-01'],
    ['patient.dateOfBirth', '1900-02-29'],
    ['patient.dateOfBirth', '1901-01-01'], // older than anyone alive
    ['patient.dateOfBirth', '2026-12-24'],
    ['completedAt', '2026-11-26T12:00:00Z'],
    ['completedAt', '0000-01-01T00:00:00Z'],
  ])('%s %s: 400 with the path', async (path, value) => {
    const visit = visitWith((v) => {
      if (path === 'dateOfService') v.dateOfService = value;
      else if (path === 'completedAt') v.completedAt = value;
      else v.patient.dateOfBirth = value;
    });
    expectRefused(await postWebhook(api, JSON.stringify(visit), at(NOW)), 400, path);
  });

  test('a date of service before the patient was born: 400', async () => {
    const visit = visitWith((v) => (v.patient.dateOfBirth = '2026-11-21'));
    expectRefused(await postWebhook(api, JSON.stringify(visit), at(NOW)), 400, 'dateOfService');
  });

  test("tomorrow (the EHR's local day may run ahead of UTC) and a leap day are accepted", async () => {
    for (const dateOfService of ['2026-11-26', '2024-02-29']) {
      const visit = visitWith((v) => {
        v.dateOfService = dateOfService;
        v.completedAt = `${dateOfService}T09:00:00Z`.replace('2026-11-26', '2026-11-25');
      });
      const preview = await request(api.url).post('/v1/coding/preview').send(visit);
      expect(preview.status).toBe(200);
    }
  });
});

describe('implausible units', () => {
  const toxin = (units: number) =>
    visitWith((v) => {
      v.procedures = [
        { id: 'P1', kind: 'medical_toxin', toxinTarget: 'axillae', drugs: [{ hcpcs: 'J0585', units }] },
      ];
      v.diagnoses = [{ code: 'L74.510', procedureIds: ['P1'] }];
    });

  test('beyond any plausible count: 400 from the schema', async () => {
    expectRefused(
      await postWebhook(api, JSON.stringify(toxin(100_000)), at(NOW)),
      400,
      'procedures.0.drugs.0.units',
    );
    const lesions = visitWith((v) => (v.procedures![0]!.lesionCount = 5_000));
    expectRefused(await postWebhook(api, JSON.stringify(lesions), at(NOW)), 400, 'procedures.0.lesionCount');
  });

  test('672 units of a drug: coded with an MUE error, so the claim goes to review instead of out', async () => {
    const preview = await request(api.url).post('/v1/coding/preview').send(toxin(672));
    expect(preview.status).toBe(200);
    const coding = preview.body as CodingResult;
    expect(coding.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'MUE',
        severity: 'error',
        message: expect.stringContaining('J0585'),
      }),
    );
    const route = decideClaimRoute(
      coding,
      { status: 'active', priorAuthRequiredFor: [], errors: [] },
      { autoSubmitMinConfidence: 0.85 },
    );
    expect(route.action).toBe('review');
    expect(route.reasons.join(' ')).toMatch(/MUE/);
  });
});

describe('signatures are parsed strictly', () => {
  const body = JSON.stringify(actinicKeratosisVisit('HOSTILE-SIG'));
  refusedVisitIds.add('HOSTILE-SIG');
  const good = signWebhookBody(TEST_WEBHOOK_SECRET, body, Math.floor(NOW / 1000));
  const [t, v1] = good.split(',') as [string, string];

  test.each([
    ['upper-case hex', `${t},${v1.toUpperCase().replace('V1=', 'v1=')}`],
    ['junk after the digest', `${good}00`],
    ['a second key after the digest', `${good},v0=abc`],
    ['a duplicate v1', `${good},${v1}`],
    ['a duplicate t', `${t},${good}`],
    ['a space after the comma', `${t}, ${v1}`],
    ['the keys swapped', `${v1},${t}`],
    ['a digest in base64', `${t},v1=${Buffer.from(v1.slice(3), 'hex').toString('base64')}`],
    ['a fractional timestamp', `${t}.5,${v1}`],
    ['an empty header', ''],
  ])('%s: 401', async (_label, signature) => {
    const response = await postWebhook(api, body, { signature });
    expectRefused(response, 401);
  });

  test('the exact spelling is accepted (the same request, as a preview of the check)', async () => {
    const response = await postWebhook(api, body, { signature: good });
    expect(response.status).toBe(202);
    refusedVisitIds.delete('HOSTILE-SIG');
  });
});

test('no refused request wrote a row or started a workflow', async () => {
  const after = await intakeRowCounts(api);
  // The two accepted deliveries (the exact signature, the cleaned delimiters) wrote one visit, one
  // delivery and one audit event each.
  expect(after).toEqual({
    visits: before.visits + 2,
    deliveries: before.deliveries + 2,
    revisions: before.revisions,
    audit: before.audit + 2,
  });
  const stored = await api.database.db.visit.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  expect(stored.map((v) => v.id)).toEqual(['HOSTILE-CLEANED', 'HOSTILE-SIG']);
  expect(refusedVisitIds.size).toBeGreaterThan(20);
  for (const visitId of refusedVisitIds) expect(await noWorkflowFor(api, visitId)).toBe(true);
  expect(await noWorkflowFor(api, 'HOSTILE-SIG')).toBe(false);
});
