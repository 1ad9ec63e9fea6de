/**
 * bin/dermclaims.js as an operator runs it: migrations are a deployment step (the long-running
 * commands only check the schema, and say what to run), and the launcher is the whole program, so
 * SIGKILL on it leaves nothing serving.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Client } from 'pg';
import { expectedMigrations, pendingMigrations } from '../../src/db/migrate';
import { TEST_POSTGRES_URL } from '../support/database';
import { freePort } from '../support/ports';
import { spawnDermclaims } from '../support/processes';

const name = `dermclaims_t_${randomBytes(6).toString('hex')}`;
const url = (() => {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function admin(sql: string): Promise<void> {
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = '/postgres';
  const client = new Client({ connectionString: u.toString() });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

beforeAll(() => admin(`CREATE DATABASE "${name}"`));
afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/** Runs a command to its exit; returns its exit code and output. */
async function finish(args: string[], env: Record<string, string>) {
  const run = spawnDermclaims(args, env);
  await run.exited;
  return { code: run.child.exitCode, output: run.output() };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // "pid (comm) state ppid …"; comm may hold spaces, so read after the last ")".
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

/** The processes of `pids` still running after up to 5 s (an orphan is reparented, not gone). */
async function survivors(pids: number[]): Promise<number[]> {
  const running = () => pids.filter((pid) => isRunning(pid));
  for (let waited = 0; waited < 5000 && running().length > 0; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return running();
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('migrations are a deployment step', () => {
  it('worker, api and sandbox refuse an unmigrated database, naming `npx dermclaims migrate`; nothing is applied', async () => {
    const env = {
      DATABASE_URL: url,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DERMCLAIMS_PAYLOAD_KEYS: `t:${randomBytes(32).toString('base64')}`,
    };
    for (const command of [['worker'], ['api'], ['sandbox', '--port', '0']]) {
      const result = await finish(command, env);
      expect({ command: command[0], code: result.code }).toEqual({ command: command[0], code: 1 });
      expect(result.output).toContain('the database schema is not current');
      expect(result.output).toContain('npx dermclaims migrate');
    }
    expect(await pendingMigrations(url)).toEqual(expectedMigrations());
  }, 120_000);

  it('`dermclaims migrate` applies every migration once; a second run has nothing to do', async () => {
    const first = await finish(['migrate'], { DATABASE_URL: url });
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).toContain(`migrations applied: ${expectedMigrations().join(', ')}`);
    expect(await pendingMigrations(url)).toEqual([]);
    const second = await finish(['migrate'], { DATABASE_URL: url });
    expect(second).toMatchObject({ code: 0 });
    expect(second.output).toContain('nothing to apply');
  }, 120_000);
});

describe('the launcher is the program', () => {
  it('kill -9 on bin/dermclaims.js closes the port it served: no child process is left behind', async () => {
    const port = await freePort();
    const sandbox = spawnDermclaims(['sandbox', '--port', String(port)], { DATABASE_URL: url });
    try {
      await sandbox.ready;
      expect(await portAnswers(port)).toBe(true);
      // What serves the port is the launcher itself. Its children, if any (from the sources, tsx
      // keeps an esbuild service process), must not outlive it.
      const children = childrenOf(sandbox.child.pid!);
      await sandbox.kill();
      expect(sandbox.child.signalCode).toBe('SIGKILL');
      expect(await portAnswers(port)).toBe(false);
      expect(await survivors(children)).toEqual([]);
    } finally {
      await sandbox.kill();
    }
  }, 60_000);
});
