/**
 * Polls until `probe` returns a value that `done` accepts, for outcomes that arrive asynchronously
 * (a signal from a child workflow, a projection). Bounded: fails with the last value after `timeoutMs`.
 * Correctness never depends on the poll interval, only on the outcome arriving.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
