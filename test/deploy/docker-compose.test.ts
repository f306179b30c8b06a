import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Docker does not run on our machines, so the compose file is checked by parsing it: every service
 * the README's compose table names exists with its image (or build), ports and dependencies.
 */
const root = path.resolve(__dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { image?: string; build?: unknown; ports?: string[]; depends_on?: Record<string, { condition: string }> | string[] }>;
};

interface ReadmeRow {
  service: string;
  image: string;
  ports: string;
  dependsOn: string;
}

function readmeServices(): ReadmeRow[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.split('<!-- compose-services:start -->')[1]?.split('<!-- compose-services:end -->')[0];
  if (!section) throw new Error('README.md has no compose-services table');
  return section
    .split('\n')
    .filter((l) => /^\|\s*`/.test(l))
    .map((l) => {
      const [service, image, ports, dependsOn] = l.split('|').slice(1, 5).map((c) => c.trim().replace(/`/g, ''));
      return { service, image, ports, dependsOn };
    });
}

const dependencies = (s: (typeof compose.services)[string]) =>
  Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});

describe('docker-compose.yml', () => {
  const rows = readmeServices();

  it('names at least the services a deployment needs', () => {
    expect(rows.map((r) => r.service)).toEqual(
      expect.arrayContaining(['postgresql', 'temporal', 'temporal-ui', 'temporal-namespace', 'riskdesk-migrate', 'riskdesk-api', 'riskdesk-worker']),
    );
  });

  it.each(readmeServices().map((r) => [r.service, r] as const))('has %s as the README describes it', (_name, row) => {
    const service = compose.services[row.service];
    expect(service).toBeDefined();
    if (row.image === 'build') expect(service.build).toBeDefined();
    else expect(service.image).toBe(row.image);
    const ports = row.ports === '-' ? [] : row.ports.split(',').map((p) => p.trim());
    expect(service.ports ?? []).toEqual(ports);
    const deps = row.dependsOn === '-' ? [] : row.dependsOn.split(',').map((d) => d.trim());
    expect(dependencies(service).sort()).toEqual(deps.sort());
  });

  it('lists every service of the compose file in the table', () => {
    expect(Object.keys(compose.services).sort()).toEqual(rows.map((r) => r.service).sort());
  });

  it('only depends on services that exist, and has no dependency cycle', () => {
    const names = Object.keys(compose.services);
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string) => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`dependency cycle through ${name}`);
      visiting.add(name);
      for (const dep of dependencies(compose.services[name])) {
        expect(names).toContain(dep);
        visit(dep);
      }
      visiting.delete(name);
      done.add(name);
    };
    names.forEach(visit);
  });

  it('uses the maintained Temporal images, not the deprecated auto-setup', () => {
    const images = Object.values(compose.services).map((s) => s.image ?? '');
    expect(images.some((i) => i.startsWith('temporalio/auto-setup'))).toBe(false);
    expect(images).toEqual(expect.arrayContaining([expect.stringMatching(/^temporalio\/server:/), expect.stringMatching(/^temporalio\/admin-tools:/)]));
  });

  it('mounts the dynamic config file that exists in the repository', () => {
    const volume = (compose.services.temporal as { volumes?: string[] }).volumes?.[0] ?? '';
    expect(fs.existsSync(path.join(root, volume.split(':')[0]))).toBe(true);
  });
});
