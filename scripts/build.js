// `npm run build` (also run by postinstall, after db:generate): compiles the TypeScript to
// CommonJS in dist/ (esbuild, one output file per source file, so relative paths hold) and
// prebuilds the workflow bundle (dist/workflow-bundle.js), so a worker starts without compiling
// anything. dist/build.json records the sources it was made from (scripts/build-state.js); the
// launcher and the worker use dist/ only while that still matches.
//
//   node scripts/build.js            build
//   node scripts/build.js --if-stale build only when dist/ is missing or older than the sources
const {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const path = require('node:path');
const { buildIsCurrent, sourceFingerprint } = require('./build-state');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/** Files the compiled code reads as they are (JSON imports, web views and assets, the build check), copied beside it. */
const COPIED = ['src/coding/data', 'src/web/views', 'src/web/public', 'config', 'scripts/build-state.js'];

/** How each TypeScript file becomes CommonJS. */
const COMMONJS = {
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of a relative module becomes require(): Node's ESM loader would want extensions.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
};

async function compile(outdir) {
  const esbuild = require('esbuild');
  await esbuild.build({
    ...COMMONJS,
    absWorkingDir: root,
    entryPoints: ['src/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts'],
    outbase: root,
    outdir,
  });
  for (const item of COPIED) cpSync(path.join(root, item), path.join(outdir, item), { recursive: true });
  settleExports(outdir);
}

/**
 * The getters of esbuild's export helpers, as it writes them at the top of every CommonJS file
 * (it renames the loop variable when a module has one of that name).
 */
const EXPORT_GETTERS = [
  ['__export', /\{ get: all\[(\w+)\], enumerable: true \}/],
  [
    '__copyProps',
    /\{ get: \(\) => from\[(\w+)\], enumerable: !\(desc = __getOwnPropDesc\(from, \1\)\) \|\| desc\.enumerable \}/,
  ],
];

/** Appended to each module: once its body has run, each export that has a value becomes a plain property. */
const SETTLE = `
;((exports) => {
  for (const key of Object.keys(exports)) {
    let value;
    try {
      value = exports[key];
    } catch {
      continue; // still in its temporal dead zone (an import cycle): stays a getter
    }
    if (value !== undefined) Object.defineProperty(exports, key, { value, enumerable: true });
  }
})(module.exports);
`;

/**
 * esbuild keeps ES modules' live bindings in CommonJS as two levels of getters per export, and
 * every call to an imported function goes through them: a fifth of the 835 reader's time
 * (bench/x12-835.ts). Nothing reassigns an export (ESLint refuses \`export let\`), so once a module's
 * body has run its exports are settled into plain properties. The helpers are matched exactly: an
 * esbuild that writes them differently fails the build rather than silently keeping the getters.
 */
function settleExports(outdir) {
  for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    let code = readFileSync(file, 'utf8');
    if (!code.includes('module.exports = __toCommonJS(')) continue;
    for (const [helper, getter] of EXPORT_GETTERS) {
      if (!code.includes(`var ${helper} =`)) continue;
      if (!getter.test(code))
        throw new Error(`build: esbuild's ${helper} changed in ${path.relative(outdir, file)}`);
      code = code.replace(getter, (match) => `${match.slice(0, -2)}, configurable: true }`);
    }
    writeFileSync(file, code + SETTLE);
  }
}

async function bundleWorkflows(outdir) {
  const { bundleWorkflowCode } = require('@temporalio/worker');
  const quiet = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'workflows/index.ts'),
    failureConverterPath: path.join(root, 'src/temporal/codec/failure-converter.ts'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: console.warn, error: console.error },
  });
  writeFileSync(path.join(outdir, 'workflow-bundle.js'), code);
}

async function main() {
  if (!existsSync(path.join(root, 'src'))) {
    // The Dockerfile installs dependencies before it copies the sources; it builds after.
    console.log('build: no sources yet, skipped');
    return;
  }
  if (!existsSync(path.join(root, 'src/db/generated/client.ts'))) {
    throw new Error('build: the Prisma client is not generated; run `npm run db:generate` first');
  }
  if (process.argv.includes('--if-stale') && buildIsCurrent(root)) return;
  const started = Date.now();
  const fingerprint = sourceFingerprint(root);
  const staging = `${dist}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await compile(staging);
    await bundleWorkflows(staging);
    writeFileSync(path.join(staging, 'build.json'), `${JSON.stringify({ fingerprint }, null, 2)}\n`);
    // Swap in the finished build: a reader sees the old dist/, the new one or none, never half of one.
    const old = `${dist}.old-${process.pid}`;
    if (existsSync(dist)) renameSync(dist, old);
    renameSync(staging, dist);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  console.log(`build: dist/ and dist/workflow-bundle.js in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

module.exports = { COMMONJS, settleExports };
