import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_SERVER_ARGS } from '../../platform/temporal';

// Plain JS, run by npm before anything is compiled.
const ensureBuilt = require('../../scripts/ensure-built.js') as { stale(root: string): boolean; stampOf(root: string): string };
const pkg = require('../../package.json') as { scripts: Record<string, string>; engines: { node: string } };

describe('compiled commands rebuild only when a source changed', () => {
  let root: string;
  const touch = (file: string, at: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, '');
    fs.utimesSync(file, at / 1000, at / 1000);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'riskdesk-build-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds when dist was never built', () => {
    touch(path.join(root, 'api', 'main.ts'), Date.now());
    expect(ensureBuilt.stale(root)).toBe(true);
  });

  it('skips the build when nothing changed since the last one, and builds again after a change', () => {
    const t = Date.now() - 60_000;
    touch(path.join(root, 'api', 'main.ts'), t);
    touch(path.join(root, 'workflows', 'common', 'sla-policy.ts'), t);
    touch(ensureBuilt.stampOf(root), t + 1_000);
    expect(ensureBuilt.stale(root)).toBe(false);
    touch(path.join(root, 'workflows', 'common', 'sla-policy.ts'), t + 2_000);
    expect(ensureBuilt.stale(root)).toBe(true);
  });

  it('also rebuilds after a dependency or compiler setting changed', () => {
    const t = Date.now() - 60_000;
    touch(path.join(root, 'api', 'main.ts'), t);
    touch(ensureBuilt.stampOf(root), t + 1_000);
    touch(path.join(root, 'package-lock.json'), t + 2_000);
    expect(ensureBuilt.stale(root)).toBe(true);
  });

  it.each(['pretoken', 'preapi', 'preworker', 'premigrate', 'prebench', 'preroster:add'])('%s uses it', (script) => {
    expect(pkg.scripts[script]).toBe('node scripts/ensure-built.js');
  });

  it('prestart uses it, then builds the console (under a second)', () => {
    expect(pkg.scripts.prestart).toBe('node scripts/ensure-built.js && npm run -s build:console');
  });
});

describe('the dev server npm start runs', () => {
  it('keeps warnings and errors but reports only gRPC calls slower than a minute (updates wait by design)', () => {
    expect(DEV_SERVER_ARGS).toEqual(['--log-level', 'warn', '--dynamic-config-value', 'rpc.slowRequestLoggingThreshold="1m"']);
  });
});

describe('what npm install promises', () => {
  it('asks for the Node version the README names', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    expect(pkg.engines.node).toBe('>=20.19');
    expect(readme).toContain('Node.js 20.19 or newer');
  });

  it('installs no package whose engines exclude Node 20.19 (npm would warn EBADENGINE)', () => {
    const lock = require('../../package-lock.json') as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };
    const offenders = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines && !Array.isArray(p.engines) && p.engines.node && excludes20(p.engines.node))
      .map(([name, p]) => `${name} (${(p.engines as { node: string }).node})`);
    expect(offenders).toEqual([]);
  });
});

/** Whether an engines range clearly excludes Node 20.19 (the forms npm packages use: >=N, ^N || ^M, >=N.M.P). */
function excludes20(range: string): boolean {
  return range.split('||').every((part) => {
    const m = /(>=|\^|~)?\s*v?(\d+)(?:\.(\d+))?/.exec(part.trim());
    if (!m) return false;
    const [major, minor] = [Number(m[2]), Number(m[3] ?? 0)];
    if (m[1] === '^' || m[1] === '~') return major !== 20 || minor > 19;
    return major > 20 || (major === 20 && minor > 19);
  });
}
