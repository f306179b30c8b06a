import { Runtime } from '@temporalio/worker';
import { ConfigError } from '../config/env';

/**
 * The Temporal SDK's own worker metrics (task slots, poll and task latencies, workflow and activity
 * outcomes, sticky cache) as Prometheus text at http://<address>/metrics, served by the SDK's Rust
 * core. The runtime is process-wide and can be installed once, before anything creates a
 * NativeConnection, a Worker or an ephemeral server (they would install the default one); so this is
 * the first Temporal call of every process that runs a worker. Durations in seconds, as Prometheus
 * names them. A busy or bad address stops start-up here, naming the variable.
 */
export function installWorkerTelemetry(address: string | null): string | null {
  if (address === null) return null;
  try {
    Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: address, useSecondsForDurations: true } } } });
  } catch (err) {
    throw new ConfigError([
      `WORKER_METRICS_ADDRESS: cannot serve worker metrics on ${address}: ${(err as Error).message} (choose another ip:port, or off)`,
    ]);
  }
  return `http://${address}/metrics`;
}
