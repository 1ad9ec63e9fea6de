#!/usr/bin/env node
// The CLI is TypeScript, run through tsx's loader so `npx dermclaims …` works from the checkout
// without a build step. Signals are forwarded so Ctrl-C and SIGTERM stop everything cleanly.
const { spawn } = require('node:child_process');
const path = require('node:path');

const main = path.join(__dirname, '../src/cli/main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
