// `npm run build` (also run by postinstall, after db:generate): compiles the TypeScript to
// CommonJS in dist/ (esbuild, one output file per source file, so relative paths hold) and
// prebuilds the workflow bundle (dist/workflow-bundle.js), so a worker starts without compiling
// anything. dist/build.json records the sources it was made from (scripts/build-state.js); the
// launcher and the worker use dist/ only while that still matches.
//
//   node scripts/build.js            build
//   node scripts/build.js --if-stale build only when dist/ is missing or older than the sources
const { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { buildIsCurrent, sourceFingerprint } = require('./build-state');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/** Files the compiled code reads as they are (JSON imports, web views and assets, the build check), copied beside it. */
const COPIED = ['src/coding/data', 'src/web/views', 'src/web/public', 'config', 'scripts/build-state.js'];

async function compile(outdir) {
  const esbuild = require('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['src/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts'],
    outbase: root,
    outdir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() of a relative module becomes require(): Node's ESM loader would want extensions.
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
  });
  for (const item of COPIED) cpSync(path.join(root, item), path.join(outdir, item), { recursive: true });
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

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
