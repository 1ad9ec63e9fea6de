// Whether dist/ (scripts/build.js) was built from the sources as they are now. Plain JavaScript: the
// launcher (bin/dermclaims.js) asks before it decides between dist/ and the TypeScript sources.
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

/** What the compiled code and the workflow bundle are made from. */
const INPUTS = [
  'src',
  'activities',
  'workflows',
  'config',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.js',
];

function listFiles(root, relative, out) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(full).sort()) listFiles(root, path.join(relative, name), out);
  } else {
    out.push(`${relative}:${stat.size}:${Math.trunc(stat.mtimeMs)}`);
  }
}

/** A hash of every input's path, size and modification time (a few milliseconds for the tree). */
function sourceFingerprint(root) {
  const files = [];
  for (const input of INPUTS) listFiles(root, input, files);
  return createHash('sha256').update(files.join('\n')).digest('hex');
}

const distDir = (root) => path.join(root, 'dist');
const stampFile = (root) => path.join(distDir(root), 'build.json');

/**
 * True when dist/ holds a complete build of the current sources (DERMCLAIMS_FROM_SOURCE=1: never,
 * so the TypeScript sources run and the workflows are bundled at start).
 */
function buildIsCurrent(root) {
  if (process.env.DERMCLAIMS_FROM_SOURCE === '1') return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile(root), 'utf8'));
    return stamp.fingerprint === sourceFingerprint(root);
  } catch {
    return false;
  }
}

module.exports = { sourceFingerprint, buildIsCurrent, distDir, stampFile };
