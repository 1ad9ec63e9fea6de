import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributeKeys } from '../visit-billing/search-attributes';
import { findTemporalCli } from './binaries';

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

const typeName: Record<string, string> = {
  KEYWORD: 'Keyword',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  INT: 'Int',
  DOUBLE: 'Double',
  TEXT: 'Text',
  KEYWORD_LIST: 'KeywordList',
};

const searchAttributeFlags = allSearchAttributeKeys.flatMap((key) => [
  '--search-attribute',
  `${key.name}=${typeName[key.type]}`,
]);

async function waitForFrontend(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`temporal dev server did not answer on ${address}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Runs `temporal server start-dev` with SQLite state in <dataDir>/temporal.sqlite (kept across
 * restarts), its Web UI, and dermclaims' search attributes. Without a local binary it falls back
 * to the SDK's own download (needs internet).
 */
export async function startDevServer(options: {
  dataDir: string;
  port: number;
  uiPort: number;
  /** Given to the Web UI (--ui-codec-endpoint) so an admin can read decrypted payloads. */
  codecEndpoint?: string;
}): Promise<DevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, 'temporal.sqlite');
  const cli = findTemporalCli();
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://127.0.0.1:${options.uiPort}`;
  if (!cli) {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        dbFilename: dbFile,
        port: options.port,
        ui: true,
        uiPort: options.uiPort,
        searchAttributes: allSearchAttributeKeys,
        extraArgs: options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : [],
      },
    });
    return { address: env.address, uiUrl, stop: () => env.teardown() };
  }
  const child = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--ui-port',
      String(options.uiPort),
      '--db-filename',
      dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--log-level',
      'error',
      ...searchAttributeFlags,
      ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForFrontend(address, child, 60_000);
  return {
    address,
    uiUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
