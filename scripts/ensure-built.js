#!/usr/bin/env node
'use strict';
/**
 * Runs before `npm start`, `npm run token` and the other commands that run compiled code: compiles
 * with tsc only when dist/ is missing or older than a source file, so a second `npm run token` starts
 * at once instead of re-compiling the project. Plain JS: it must run before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const stampOf = (root) => path.join(root, 'dist', '.build-stamp');
const SOURCE_DIRS = ['api', 'activities', 'bench', 'config', 'db', 'platform', 'scripts', 'worker', 'workflows'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time among the sources under `root`, in ms. */
function newestSource(root) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (/\.(ts|js|json)$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) visit(path.join(root, f));
  return newest;
}

/** When dist/ under `root` was last built by this script; -1 when never. */
function builtAt(root) {
  try {
    return fs.statSync(stampOf(root)).mtimeMs;
  } catch {
    return -1;
  }
}

/** Whether dist/ under `root` must be (re)built. */
function stale(root = ROOT) {
  return builtAt(root) < newestSource(root);
}

function build(root) {
  const stamp = stampOf(root);
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (require.main === module) {
  if (stale(ROOT)) {
    console.error('riskdesk: compiling (sources changed since the last build)');
    build(ROOT);
  }
}

module.exports = { stale, stampOf };
