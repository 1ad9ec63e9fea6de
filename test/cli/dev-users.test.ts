import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authenticateApiKey } from '../../src/auth/api-keys';
import { DEV_CREDENTIALS_FILE, ensureDevUsers, formatDevCredentials } from '../../src/auth/dev-users';
import { verifyPassword } from '../../src/auth/passwords';
import { apiTargetFromEnv, MISSING_API_KEY } from '../../src/demo/api-client';
import { runDemo } from '../../src/demo/run-demo';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
let dataDir = '';

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'dev-users-'));
});
afterAll(async () => {
  await database.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('development users on the embedded defaults', () => {
  it('the first start creates one named user per role, with a key each, saved 0600 for the demo; later starts create none', async () => {
    const created = await ensureDevUsers(database.db, dataDir);
    expect(created?.users.map((u) => [u.username, u.role])).toEqual([
      ['dev-admin', 'admin'],
      ['dev-supervisor', 'supervisor'],
      ['dev-biller', 'biller'],
    ]);
    for (const user of created!.users)
      expect(await authenticateApiKey(database.db, user.apiKey, new Date())).toMatchObject({
        username: user.username,
        role: user.role,
      });
    const admin = await database.db.user.findUniqueOrThrow({ where: { username: 'dev-admin' } });
    expect(await verifyPassword(admin.passwordHash, created!.password)).toBe(true);
    const file = path.join(dataDir, DEV_CREDENTIALS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(formatDevCredentials(created!, file)).toContain(created!.users[2]!.apiKey);

    expect(await ensureDevUsers(database.db, dataDir)).toBeNull();
    expect(await database.db.user.count()).toBe(3);

    // `dermclaims demo` follows visits with the dev biller's key, unless DERMCLAIMS_API_KEY is set.
    const target = await apiTargetFromEnv(undefined, { DERMCLAIMS_DATA_DIR: dataDir });
    expect(target.apiKey).toBe(created!.users[2]!.apiKey);
    const explicit = await apiTargetFromEnv(undefined, {
      DERMCLAIMS_DATA_DIR: dataDir,
      DERMCLAIMS_API_KEY: 'dck_x',
    });
    expect(explicit.apiKey).toBe('dck_x');
  });

  it('the demo without any staff key refuses before posting anything', async () => {
    const target = await apiTargetFromEnv('http://127.0.0.1:1', {
      DERMCLAIMS_DATA_DIR: path.join(dataDir, 'none'),
    });
    expect(target.apiKey).toBeUndefined();
    await expect(runDemo({ target, visits: 1, seed: 1, runId: 'nokey' })).rejects.toThrow(MISSING_API_KEY);
  });
});
