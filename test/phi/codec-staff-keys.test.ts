import type { Request } from 'express';
import { codecTokenAccess, withStaffKeys } from '../../src/api/codec-access';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { staffOfEveryRole, type TestStaff } from '../support/staff';

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
