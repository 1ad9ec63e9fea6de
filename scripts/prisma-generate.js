// `prisma generate` insists on locating a query-engine library even for the engine-free
// `prisma-client` generator; point it at an existing file so it never tries to download one.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: path.join(root, 'scripts/prisma-generate.js'),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
