import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** Applies prisma/migrations with `prisma migrate deploy` (schema engine as WebAssembly, offline). */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  await run(process.execPath, [require.resolve('prisma/build/index.js'), 'migrate', 'deploy'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, 'scripts/prisma-generate.js'),
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
}
