import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A shell script standing in for the Temporal CLI, which TEMPORAL_CLI_PATH points at until `restore()`. */
export interface FakeTemporalCli {
  /** The script's own temporary folder, for files the script and its test share. */
  dir: string;
  /** Puts back the environment as it was and removes the folder. */
  restore(): void;
}

/**
 * Writes the script (its lines, given the folder it is written in) and points TEMPORAL_CLI_PATH at
 * it; `unset` names variables removed until `restore()` (TEMPORAL_ADDRESS, for a setup that would
 * otherwise use a server already running instead of starting one).
 */
export function fakeTemporalCli(lines: (dir: string) => string[], options: { unset?: string[] } = {}): FakeTemporalCli {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'riskdesk-fake-cli-'));
  const cli = path.join(dir, 'temporal');
  writeFileSync(cli, ['#!/bin/sh', ...lines(dir), ''].join('\n'));
  chmodSync(cli, 0o755);
  const names = ['TEMPORAL_CLI_PATH', ...(options.unset ?? [])];
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  for (const name of options.unset ?? []) delete process.env[name];
  process.env.TEMPORAL_CLI_PATH = cli;
  return {
    dir,
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
