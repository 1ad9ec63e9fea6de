import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { COMMONJS, settleExports } = require('../../scripts/build') as {
  COMMONJS: object;
  settleExports(outdir: string): void;
};

/** Compiles TypeScript modules the way scripts/build.js does, settles them, and loads `entry`. */
async function compiled(
  sources: Record<string, string>,
  entries: string[],
): Promise<Record<string, Record<string, unknown> | undefined>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dermclaims-build-'));
  try {
    for (const [name, code] of Object.entries(sources)) await writeFile(path.join(dir, name), code);
    const out = path.join(dir, 'out');
    await build({
      ...COMMONJS,
      absWorkingDir: dir,
      entryPoints: Object.keys(sources).map((name) => path.join(dir, name)),
      outdir: out,
    });
    settleExports(out);
    const loaded: Record<string, Record<string, unknown> | undefined> = {};
    for (const entry of entries) {
      const file = path.join(out, entry);
      expect(await readFile(file, 'utf8')).toContain('Object.defineProperty(exports, key, { value');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded[entry.replace(/\.js$/, '')] = require(file) as Record<string, unknown>;
    }
    return loaded;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('scripts/build.js settles esbuild exports', () => {
  it('turns each export into a plain property once the module has run, values unchanged', async () => {
    const { index: exports = {} } = await compiled(
      {
        'parts.ts': `export function el(x: string[], n: number): string { return x[n] ?? ''; }
export class Box { constructor(readonly key: number) {} }
export const LIMIT = 19;
export { el as element };`,
        'index.ts': `export * from './parts';
import { el, LIMIT } from './parts';
export const first = (x: string[]) => el(x, 1) + LIMIT;`,
      },
      ['index.js'],
    );
    for (const name of ['el', 'Box', 'LIMIT', 'element', 'first']) {
      const descriptor = Object.getOwnPropertyDescriptor(exports, name);
      expect(descriptor?.get).toBeUndefined();
      expect(descriptor?.value).toBeDefined();
    }
    expect((exports.first as (x: string[]) => string)(['CAS', 'CO'])).toBe('CO19');
    expect(new (exports.Box as new (key: number) => { key: number })(7).key).toBe(7);
  });

  it('leaves an export not defined yet inside an import cycle as a getter, which works once it is', async () => {
    const { a, b } = await compiled(
      {
        'a.ts': `import { B } from './b';
export const A = 'a';
export const both = (): string => A + B;`,
        // b re-exports a while a is still loading: A is in its temporal dead zone when b settles.
        'b.ts': `export * from './a';
export const B = 'b';`,
      },
      ['a.js', 'b.js'],
    );
    expect((a?.both as () => string)()).toBe('ab');
    expect(Object.getOwnPropertyDescriptor(b, 'A')?.get).toBeDefined();
    expect(b?.A).toBe('a');
    expect(Object.getOwnPropertyDescriptor(b, 'B')?.value).toBe('b');
  });
});
