'use strict';
/**
 * Runs a TypeScript entry point (`node test/support/run-ts.js worker/main.ts`) in a child process of
 * a test, where jest's transform does not reach: .ts files are compiled on require with the same swc
 * options jest.config.js uses. For tests of a real process's start-up, wiring and shutdown.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

require(path.resolve(process.argv[2]));
