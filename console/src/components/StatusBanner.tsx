import { useEffect, useState } from 'preact/hooks';
import { UNREACHABLE, lastOutage } from '../lib/api';
import { useStore } from '../lib/store';

interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; error?: string }>;
}

const NAMES: Record<string, string> = { postgres: 'The database (PostgreSQL)', temporal: 'Temporal' };

/** Asks /ready now and then (and after any failed request), and says plainly what is down. */
export function StatusBanner() {
  const outage = useStore(lastOutage);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const check = async () => {
      let message: string | null = null;
      try {
        const res = await fetch('/ready', { headers: { Accept: 'application/json' } });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { details?: Readiness } | null;
          const down = Object.entries(body?.details?.checks ?? {}).filter(([, c]) => !c.ok);
          message = down.length
            ? down.map(([name, c]) => `${NAMES[name] ?? name} is unreachable${c.error ? ` (${c.error})` : ''}`).join('. ') +
              '. Pages may be out of date and actions will fail until it is back.'
            : `The API is not ready (${res.status}).`;
        }
      } catch {
        message = UNREACHABLE;
      }
      if (!stopped) setProblem(message);
    };
    void check();
    const id = setInterval(() => void check(), 15_000);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [outage?.at]);

  return (
    <div class="status-slot" aria-live="polite">
      {problem && (
        <p class="status-banner" role="alert">
          <strong>Service problem:</strong> {problem}
        </p>
      )}
    </div>
  );
}
