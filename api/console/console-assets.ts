import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the built console lives: `dist/console` under the project root (the folder holding
 * package.json), whether the API runs from compiled `dist/` or from sources under jest.
 */
export function consoleDir(start = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('dist', 'console');
    dir = parent;
  }
  return path.join(dir, 'dist', 'console');
}

/** Where the console is served; client routes live below it. */
export const CONSOLE_BASE = '/console';
