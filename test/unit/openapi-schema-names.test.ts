import fs from 'node:fs';
import path from 'node:path';

/**
 * The OpenAPI document names each DTO and response schema by its class name: two classes of one name
 * make one schema, and a route then documents (and the fuzzer sends) another route's body. Class names
 * under api/ are unique.
 */
describe('OpenAPI schema names', () => {
  it('gives every exported class under api/ its own name', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) files.push(full);
      }
    };
    walk(path.resolve(__dirname, '../../api'));
    const names = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/^export (?:abstract )?class (\w+)/gm)].map((m) => m[1]));
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates).toEqual([]);
  });
});
