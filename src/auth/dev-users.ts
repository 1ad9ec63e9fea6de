import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/client';
import { issueApiKey } from './api-keys';
import type { StaffRole } from './roles';
import { randomToken } from './tokens';
import { createUser } from './users';

/**
 * Development only (`npm start` on the embedded database): the first start creates one user per
 * role with an API key each and a shared random password, prints them once, and keeps them in
 * <data dir>/dev-credentials.json (mode 0600, next to the embedded database itself) so that
 * `dermclaims demo` can sign in. A deployment with DATABASE_URL never gets these users.
 */
export const DEV_CREDENTIALS_FILE = 'dev-credentials.json';

export interface DevCredentials {
  password: string;
  users: Array<{ username: string; role: StaffRole; apiKey: string }>;
}

const DEV_USERS: ReadonlyArray<{ username: string; role: StaffRole }> = [
  { username: 'dev-admin', role: 'admin' },
  { username: 'dev-supervisor', role: 'supervisor' },
  { username: 'dev-biller', role: 'biller' },
];

/** Creates the dev users when the database has no user at all; returns what it created, else null. */
export async function ensureDevUsers(db: Database, dataDir: string): Promise<DevCredentials | null> {
  if ((await db.user.count()) > 0) return null;
  const password = randomToken().slice(0, 20);
  const users: DevCredentials['users'] = [];
  for (const { username, role } of DEV_USERS) {
    const user = await createUser(db, { username, role, password });
    const { key } = await issueApiKey(db, user.id, 'development (dermclaims up)');
    users.push({ username, role, apiKey: key });
  }
  const credentials = { password, users };
  await writeFile(path.join(dataDir, DEV_CREDENTIALS_FILE), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
  return credentials;
}

/** The dev key of a role from the data folder, if `dermclaims up` created one there. */
export async function readDevApiKey(dataDir: string, role: StaffRole): Promise<string | undefined> {
  try {
    const saved = JSON.parse(
      await readFile(path.join(dataDir, DEV_CREDENTIALS_FILE), 'utf8'),
    ) as DevCredentials;
    return saved.users.find((u) => u.role === role)?.apiKey;
  } catch {
    return undefined;
  }
}

export function formatDevCredentials(credentials: DevCredentials, file: string): string {
  return [
    'Development users created (shown once; also in ' + file + ', mode 0600):',
    ...credentials.users.map((u) => `  ${u.username.padEnd(15)} ${u.role.padEnd(11)} API key ${u.apiKey}`),
    `  password of all three: ${credentials.password}   (POST /v1/session)`,
  ].join('\n');
}
