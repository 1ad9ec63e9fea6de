import { execFile } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { projectRoot } from '../project-root';

const run = promisify(execFile);
const migrationsDir = path.join(projectRoot, 'prisma/migrations');

/**
 * Applies prisma/migrations with `prisma migrate deploy` (schema engine as WebAssembly, offline).
 * A deployment step (`dermclaims migrate`; `dermclaims up` runs it once): about 10 s, so the
 * worker, the API and the sandbox only check (assertSchemaCurrent) when they start.
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await run(process.execPath, [require.resolve('prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: path.join(projectRoot, 'scripts/prisma-generate.js'),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
}

/** The migrations this code expects: the folders of prisma/migrations, oldest first. */
export function expectedMigrations(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, 'migration.sql')),
    )
    .map((entry) => entry.name)
    .sort();
}

const UNDEFINED_TABLE = '42P01';

/** Migrations in prisma/migrations that the database has not finished applying (one query). */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = await client
      .query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .then(
        (result) => new Set(result.rows.map((row) => row.migration_name)),
        (error: unknown) => {
          if ((error as { code?: string }).code === UNDEFINED_TABLE) return new Set<string>();
          throw error;
        },
      );
    return expectedMigrations().filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}

export class SchemaNotCurrentError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `the database schema is not current: ${pending.length} migration(s) not applied ` +
        `(${pending.join(', ')}). Run \`npx dermclaims migrate\` (a deployment step), then start again.`,
    );
    this.name = 'SchemaNotCurrentError';
  }
}

/** Refuses to start on a database that lacks migrations this code needs. */
export async function assertSchemaCurrent(databaseUrl: string): Promise<void> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length > 0) throw new SchemaNotCurrentError(pending);
}
