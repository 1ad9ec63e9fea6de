#!/usr/bin/env node
// The dermclaims CLI, in this one process (killing it, even with SIGKILL, stops everything it runs):
// the compiled JavaScript in dist/ when it was built from the current sources (`npm run build`,
// run by postinstall), else the TypeScript sources through tsx's loader, registered in-process.
const path = require('node:path');
const { buildIsCurrent } = require('../scripts/build-state');

const root = path.join(__dirname, '..');
if (buildIsCurrent(root)) {
  require('../dist/src/cli/main.js');
} else {
  // Both hooks, as `node --import tsx` would: require() of .ts files, and import() of them.
  import('tsx/esm/api').then(
    ({ register }) => {
      register();
      require('tsx/cjs/api').register();
      require('../src/cli/main.ts');
    },
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
