'use strict';
/**
 * Finds or installs schemathesis (PyPI), the OpenAPI fuzzer `npm test` runs against the API
 * (test/api/openapi-fuzz.test.ts): SCHEMATHESIS_PATH if set, else a pinned version in a project-local
 * virtual environment (.tools/schemathesis), created with python3 -m venv and pip on first use.
 * Plain CommonJS on purpose: `npm install` and `.ci/run` run it before TypeScript is compiled.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const VENV = path.join(ROOT, '.tools', 'schemathesis');
const VERSION = '4.32.5';
const ST = path.join(VENV, 'bin', 'st');

function installedVersion() {
  const res = spawnSync(ST, ['--version'], { encoding: 'utf8' });
  const m = /version (\S+)/.exec(res.stdout || '');
  return res.status === 0 && m ? m[1] : null;
}

/** Returns { path } or { path: null, problem } when it cannot be installed. */
function findSchemathesis({ install = false, log = console.error } = {}) {
  if (process.env.SCHEMATHESIS_PATH) return { path: process.env.SCHEMATHESIS_PATH };
  if (fs.existsSync(ST) && installedVersion() === VERSION) return { path: ST };
  if (!install) return { path: null, problem: `${path.relative(ROOT, ST)} is not installed (run node scripts/schemathesis.js)` };
  log(`riskdesk: installing schemathesis==${VERSION} from PyPI into ${path.relative(ROOT, VENV)}/`);
  const python = process.env.PYTHON || 'python3';
  let res = spawnSync(python, ['-m', 'venv', '--clear', VENV], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (res.status !== 0) return { path: null, problem: `python3 -m venv failed: ${(res.stderr || '').trim().split('\n').pop()}` };
  res = spawnSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${VERSION}`], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (res.status !== 0) return { path: null, problem: `pip install schemathesis failed: ${(res.stderr || '').trim().split('\n').pop()}` };
  return installedVersion() === VERSION ? { path: ST } : { path: null, problem: 'schemathesis is missing after install' };
}

module.exports = { findSchemathesis, SCHEMATHESIS_VERSION: VERSION };

if (require.main === module) {
  const found = findSchemathesis({ install: true });
  if (!found.path) {
    console.error(`riskdesk: ${found.problem}`);
    process.exit(1);
  }
  console.error(`riskdesk: schemathesis -> ${found.path}`);
}
