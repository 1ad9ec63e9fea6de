import { spawn } from 'node:child_process';
import path from 'node:path';
import { authenticateApiKey } from '../../src/auth/api-keys';
import { verifyPassword } from '../../src/auth/passwords';
import { usersCommands, runUsersCommand } from '../../src/cli/users-command';
import { createTestDatabase, type TestDatabase } from '../support/database';

const bin = path.join(__dirname, '../../bin/dermclaims.js');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** `npx dermclaims ARGS` against the scratch database, as an operator would run it. */
function dermclaims(args: string[], stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

describe('npx dermclaims users / keys', () => {
  it('users add prints a one-time key that authenticates as that user and role; only its hash is stored', async () => {
    const added = await dermclaims(['users', 'add', 'cli.biller', '--role', 'biller']);
    expect(added).toMatchObject({ code: 0, err: '' });
    const key = /^(dck_\S+)$/m.exec(added.out)?.[1];
    expect(key).toBeDefined();
    expect(await authenticateApiKey(database.db, key!, new Date())).toMatchObject({
      username: 'cli.biller',
      role: 'biller',
    });
    const rows = await database.db.apiKey.findMany({ where: { user: { username: 'cli.biller' } } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key!.slice(-43));
    const audit = await database.db.auditEvent.findMany({ where: { actor: 'cli' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'api-key.issue']);
  }, 60_000);

  it('users list shows users and key ids, never keys; users revoke stops a key', async () => {
    const added = await dermclaims(['users', 'add', 'cli.super', '--role', 'supervisor']);
    const key = /^(dck_\S+)$/m.exec(added.out)![1]!;
    const keyId = key.split('_')[1]!;
    const listed = await dermclaims(['users', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^cli\.super\tsupervisor\tactive\tpassword: none$/m);
    expect(listed.out).toContain(`key ${keyId}`);
    expect(listed.out).not.toContain(key);
    const revoked = await dermclaims(['users', 'revoke', keyId]);
    expect(revoked.code).toBe(0);
    expect(await authenticateApiKey(database.db, key, new Date())).toBeNull();
  }, 60_000);

  it('set-password reads the password from standard input; keys add issues another key', async () => {
    await dermclaims(['users', 'add', 'cli.admin', '--role', 'admin', '--no-key']);
    const set = await dermclaims(['users', 'set-password', 'cli.admin'], 'an operator passphrase\n');
    expect(set).toMatchObject({ code: 0 });
    const user = await database.db.user.findUniqueOrThrow({ where: { username: 'cli.admin' } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, 'an operator passphrase')).toBe(true);
    const keys = await dermclaims(['keys', 'add', 'cli.admin', '--label', 'ops laptop']);
    expect(keys.code).toBe(0);
    expect(
      await authenticateApiKey(database.db, /^(dck_\S+)$/m.exec(keys.out)![1]!, new Date()),
    ).toMatchObject({
      role: 'admin',
    });
  }, 60_000);

  it('refuses with exit 1 and a reason: duplicate, unknown role, unknown user, short password, last admin', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const print = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const commands = usersCommands(database.db, print);
    const run = (work: () => Promise<number>) => runUsersCommand(print, work);
    expect(await run(() => commands.add('cli.biller', { role: 'biller', key: true }))).toBe(1);
    expect(await run(() => commands.add('cli.other', { role: 'owner', key: true }))).toBe(1);
    expect(await run(() => commands.add('Bad Name', { role: 'biller', key: true }))).toBe(1);
    expect(await run(() => commands.keysAdd('nobody', {}))).toBe(1);
    expect(await run(() => commands.setPassword('cli.biller', 'short'))).toBe(1);
    expect(await run(() => commands.disable('cli.admin'))).toBe(1);
    expect(await run(() => commands.revoke('0000000000000000'))).toBe(1);
    expect(err).toEqual([
      'user cli.biller already exists',
      '--role must be one of biller, supervisor, admin',
      expect.stringMatching(/^username: lower-case letters/),
      'no user nobody',
      'password: at least 12 characters',
      'cli.admin is the last active admin',
      'no API key 0000000000000000',
    ]);
    expect(out).toEqual([]);
  });
});
