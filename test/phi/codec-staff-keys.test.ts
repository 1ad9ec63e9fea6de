import express, { type Request } from 'express';
import request from 'supertest';
import { auditCodecAccess, codecTokenAccess, withStaffKeys } from '../../src/api/codec-access';
import { codecServerRoutes } from '../../src/api/routes/codec-server';
import { createLogger } from '../../src/logger';
import { AesGcmPayloadCodec } from '../../src/temporal/codec/aes-gcm-codec';
import { payloadsToJson } from '../../src/temporal/codec/payload-json';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createStaff, staffOfEveryRole, type TestStaff } from '../support/staff';
import { testKeyring } from '../support/temporal';

const TOKEN = 'codec-token-for-the-staff-key-test';
const requestWith = (authorization?: string) =>
  ({
    get: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  }) as Request;

let database: TestDatabase;
let staff: Record<'biller' | 'supervisor' | 'admin', TestStaff>;
beforeAll(async () => {
  database = await createTestDatabase();
  staff = await staffOfEveryRole(database.db, 'codec');
});
afterAll(async () => {
  await database?.drop();
});

test('the codec server decodes for an admin API key, the codec token, and nobody else', async () => {
  const authorize = withStaffKeys(database.db, codecTokenAccess({ token: TOKEN }).authorize);
  expect(await authorize(requestWith(staff.admin.bearer))).toBe(true);
  // Billing staff work claims through the API; reading raw workflow payloads is an admin's read.
  expect(await authorize(requestWith(staff.supervisor.bearer))).toBe(false);
  expect(await authorize(requestWith(staff.biller.bearer))).toBe(false);
  expect(await authorize(requestWith(`Bearer ${TOKEN}`))).toBe(true);
  expect(await authorize(requestWith('Bearer dck_0000000000000000_guessed'))).toBe(false);
  expect(await authorize(requestWith())).toBe(false);
  await database.db.apiKey.update({ where: { id: staff.admin.keyId }, data: { revokedAt: new Date() } });
  expect(await authorize(requestWith(staff.admin.bearer))).toBe(false);
});

test('every decode through the codec server is on the audit trail, with who asked', async () => {
  const app = express();
  const token = codecTokenAccess({ token: TOKEN });
  app.use(
    '/codec',
    codecServerRoutes(
      {
        codec: new AesGcmPayloadCodec(testKeyring),
        allowedOrigins: [],
        authorize: withStaffKeys(database.db, token.authorize),
        onAccess: auditCodecAccess(database.db),
      },
      createLogger('silent'),
    ),
  );
  const admin = await createStaff(database.db, 'codec-auditor', 'admin');
  const [encoded] = await new AesGcmPayloadCodec(testKeyring).encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"a staff note"') },
  ]);
  const body = payloadsToJson([encoded!]);
  const decode = (authorization: string) =>
    request(app)
      .post('/codec/decode')
      .set('authorization', authorization)
      .set('x-namespace', 'default')
      .send(body);
  expect((await decode(admin.bearer)).status).toBe(200);
  expect((await decode(`Bearer ${TOKEN}`)).status).toBe(200);
  expect((await decode(staff.biller.bearer)).status).toBe(403);
  const rows = await database.db.auditEvent.findMany({
    where: { action: 'payloads.decode' },
    orderBy: { at: 'asc' },
  });
  expect(rows.map((r) => [r.actor, r.actorUserId, r.actorRole, r.resourceType])).toEqual([
    ['codec-auditor', admin.userId, 'admin', 'temporal-payloads'],
    ['codec-token', null, null, 'temporal-payloads'],
  ]);
  expect(rows[0]!.detail).toEqual({ namespace: 'default', payloads: 1 });
});
