import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The checkout (or image) folder holding package.json, prisma/ and the TypeScript sources: the
 * nearest ancestor with a package.json, so the same code finds it from src/ (run through tsx) and
 * from dist/src/ (compiled by scripts/build.js).
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(__dirname);
