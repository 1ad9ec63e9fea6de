import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import express from 'express';
import request from 'supertest';
import { codecTokenAccess, type CodecAuthorizer } from '../../src/api/codec-access';
import { codecServerRoutes, type CodecAccessEvent } from '../../src/api/routes/codec-server';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../src/temporal/codec/aes-gcm-codec';
import { payloadsFromJson, payloadsToJson } from '../../src/temporal/codec/payload-json';
import { capturingLogger, madeUpPhi, phiFoundIn } from './made-up-phi';

const TOKEN = 'codec-test-token-0123456789';
const UI = 'http://127.0.0.1:8233';
const codec = new AesGcmPayloadCodec({ currentKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) });
const logs = capturingLogger();
const events: CodecAccessEvent[] = [];
let now = new Date('2026-12-01T10:00:00Z');

function app(authorize?: CodecAuthorizer) {
  const access = codecTokenAccess({ token: TOKEN, sessionSeconds: 3600, clock: () => now });
  const server = express();
  server.use(
    '/codec',
    codecServerRoutes(
      {
        codec,
        allowedOrigins: [UI],
        authorize: authorize ?? access.authorize,
        signIn: access,
        onAccess: (e) => void events.push(e),
      },
      logs.logger,
    ),
  );
  return server;
}

const note = { action: 'approve', note: madeUpPhi.note };
async function encryptedBody() {
  return payloadsToJson(await codec.encode([defaultPayloadConverter.toPayload(note)!]));
}
const decoded = (body: unknown) =>
  payloadsFromJson(body as never).map((p) => defaultPayloadConverter.fromPayload(p));

test('an authorised caller (bearer codec token, as the Temporal CLI sends it) gets the payloads decoded', async () => {
  const body = await encryptedBody();
  expect(phiFoundIn(JSON.stringify(body))).toEqual([]);
  const response = await request(app())
    .post('/codec/decode')
    .set('authorization', `Bearer ${TOKEN}`)
    .set('x-namespace', 'default')
    .send(body);
  expect(response.status).toBe(200);
  expect(decoded(response.body)).toEqual([note]);
  expect(events.at(-1)).toMatchObject({ action: 'decode', namespace: 'default', payloads: 1 });
});

test('/encode encrypts for an authorised caller (the UI encodes signal input with it)', async () => {
  const plain = payloadsToJson([defaultPayloadConverter.toPayload(note)!]);
  const response = await request(app())
    .post('/codec/encode')
    .set('authorization', `Bearer ${TOKEN}`)
    .send(plain);
  expect(response.status).toBe(200);
  const [payload] = payloadsFromJson(response.body);
  expect(Buffer.from(payload!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
  expect(decoded({ payloads: payloadsToJson(await codec.decode([payload!])).payloads })).toEqual([note]);
});

test('no credential: 401 with a Bearer challenge; a wrong one: 403; nothing decoded', async () => {
  const body = await encryptedBody();
  const anonymous = await request(app()).post('/codec/decode').send(body);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
  const wrong = await request(app())
    .post('/codec/decode')
    .set('authorization', 'Bearer not-the-token')
    .send(body);
  expect(wrong.status).toBe(403);
  const basic = await request(app()).post('/codec/encode').set('authorization', `Basic ${TOKEN}`).send(body);
  expect(basic.status).toBe(403);
  for (const r of [anonymous, wrong, basic]) expect(phiFoundIn(JSON.stringify(r.body))).toEqual([]);
});

test('the injected authorizer decides (a users-and-roles deployment plugs in here)', async () => {
  const body = await encryptedBody();
  const adminsOnly: CodecAuthorizer = async (req) => req.get('authorization') === 'Bearer admin-session';
  const admin = await request(app(adminsOnly))
    .post('/codec/decode')
    .set('authorization', 'Bearer admin-session')
    .send(body);
  expect(admin.status).toBe(200);
  const biller = await request(app(adminsOnly))
    .post('/codec/decode')
    .set('cookie', 'session=biller')
    .send(body);
  expect(biller.status).toBe(403);
});

test('the Temporal Web UI: CORS preflight for its origin, with credentials; other origins are refused', async () => {
  const preflight = await request(app())
    .options('/codec/decode')
    .set('origin', UI)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'content-type,x-namespace');
  expect(preflight.status).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe(UI);
  expect(preflight.headers['access-control-allow-credentials']).toBe('true');
  expect(preflight.headers['access-control-allow-headers']).toMatch(/X-Namespace/i);

  const foreign = await request(app())
    .post('/codec/decode')
    .set('origin', 'http://evil.example')
    .set('authorization', `Bearer ${TOKEN}`)
    .send(await encryptedBody());
  expect(foreign.status).toBe(403);
  expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
});

test('browser sign-in sets an HttpOnly SameSite cookie that decodes until it expires', async () => {
  const server = app();
  const page = await request(server).get('/codec/login');
  expect(page.text).toContain('<form');
  const refused = await request(server).post('/codec/login').type('form').send({ token: 'guess' });
  expect(refused.status).toBe(403);
  expect(refused.headers['set-cookie']).toBeUndefined();

  const signedIn = await request(server).post('/codec/login').type('form').send({ token: TOKEN });
  expect(signedIn.status).toBe(200);
  const cookie = String(signedIn.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).toMatch(/Path=\/codec/);
  const session = cookie.split(';')[0]!;

  const body = await encryptedBody();
  const fromUi = await request(server)
    .post('/codec/decode')
    .set('origin', UI)
    .set('cookie', session)
    .send(body);
  expect(fromUi.status).toBe(200);
  expect(fromUi.headers['access-control-allow-origin']).toBe(UI);
  expect(fromUi.headers['access-control-allow-credentials']).toBe('true');
  expect(decoded(fromUi.body)).toEqual([note]);

  const forged = session.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
  expect((await request(server).post('/codec/decode').set('cookie', forged).send(body)).status).toBe(403);
  now = new Date(now.getTime() + 2 * 3600_000);
  expect((await request(server).post('/codec/decode').set('cookie', session).send(body)).status).toBe(403);
  const signedOut = await request(server).post('/codec/logout');
  expect(String(signedOut.headers['set-cookie'])).toMatch(/Max-Age=0/);
});

test('bad bodies are 400/413, undecryptable payloads 400, and nothing is logged but the request kind', async () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  expect((await request(app()).post('/codec/decode').set(auth).send({ nope: 1 })).status).toBe(400);
  const notJson = await request(app())
    .post('/codec/decode')
    .set(auth)
    .set('content-type', 'application/json')
    .send(`{"payloads": "${madeUpPhi.lastName}`);
  expect(notJson.status).toBe(400);
  const big = JSON.stringify({ payloads: [{ data: 'A'.repeat(9 * 1024 * 1024) }] });
  const tooBig = await request(app())
    .post('/codec/decode')
    .set(auth)
    .set('content-type', 'application/json')
    .send(big);
  expect(tooBig.status).toBe(413);
  const foreignKey = new AesGcmPayloadCodec({
    currentKeyId: 'other',
    keys: new Map([['other', randomBytes(32)]]),
  });
  const unknown = payloadsToJson(await foreignKey.encode([defaultPayloadConverter.toPayload(note)!]));
  const undecryptable = await request(app()).post('/codec/decode').set(auth).send(unknown);
  expect(undecryptable.status).toBe(400);
  expect(undecryptable.body.error).toMatch(/no payload key with id other/);
  expect(phiFoundIn(logs.text())).toEqual([]);
});
