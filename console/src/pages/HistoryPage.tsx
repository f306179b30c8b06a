import { useState } from 'preact/hooks';
import { Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { get, query } from '../lib/api';
import { useConsoleConfig } from '../lib/config';
import { when, whenPrecise, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { CaseHistory, ConsoleConfig, HistoryEvent } from '../lib/types';

function temporalLinks(config: ConsoleConfig | null, workflowId: string) {
  if (!config?.temporalUiUrl) return null;
  const ns = encodeURIComponent(config.temporalNamespace);
  return {
    allRuns: `${config.temporalUiUrl}/namespaces/${ns}/workflows?query=${encodeURIComponent(`WorkflowId="${workflowId}"`)}`,
    run: (runId: string) => `${config.temporalUiUrl}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`,
  };
}

/** Operators and managers: a case's workflow runs (continue-as-new makes several) and each run's history. */
export function HistoryPage({ id }: { id: string }) {
  const config = useConsoleConfig();
  const [runId, setRunId] = useState<string | null>(null);
  const history = useResource(
    () => get<CaseHistory>(`/cases/${encodeURIComponent(id)}/history${query({ compact: true, children: true, runId: runId ?? undefined })}`),
    [id, runId],
  );
  // The runs come with every answer; keep the last list while another run's events load.
  const [knownRuns, setKnownRuns] = useState<CaseHistory['runs'] | null>(null);
  if (history.data && history.data.runs !== knownRuns) setKnownRuns(history.data.runs);
  const runs = history.data?.runs ?? knownRuns;
  const workflowId = history.data?.workflowId;
  const links = workflowId ? temporalLinks(config, workflowId) : null;
  const latest = runs?.[runs.length - 1]?.runId ?? null;
  const shownRun = runId;

  return (
    <>
      <p class="eyebrow">
        <a href={`/console/cases/${id}`}>← Back to the case</a>
      </p>
      <h1>Workflow history</h1>
      <p>
        Workflow <span class="mono">{workflowId ?? '…'}</span>
        {links ? (
          <>
            {' · '}
            <a href={links.allRuns} target="_blank" rel="noopener noreferrer">
              Open in Temporal Web UI
            </a>
          </>
        ) : (
          config && <span class="hint"> · No Temporal Web UI configured (TEMPORAL_UI_URL)</span>
        )}
      </p>
      <Panel title="Runs" id="runs" minHeight={120}>
        {!runs ? (
          history.loading ? <Loading rows={2} /> : <ErrorMessage error={history.error} />
        ) : runs.length === 0 ? (
          <Empty>Temporal no longer keeps this workflow (past the namespace's retention).</Empty>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Events</th>
                  <th scope="col">Temporal</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.runId} aria-current={r.runId === shownRun ? 'true' : undefined}>
                    <td>
                      <button type="button" class="link" onClick={() => setRunId(r.runId === shownRun ? null : r.runId)} aria-pressed={r.runId === shownRun}>
                        {r.run}. <span class="mono">{r.runId.slice(0, 8)}</span>
                        {r.runId === latest ? ' (latest)' : ''}
                      </button>
                    </td>
                    <td>{words(r.status.toLowerCase())}</td>
                    <td>{when(r.startedAt)}</td>
                    <td>{when(r.closedAt)}</td>
                    <td>{r.eventCount}</td>
                    <td>
                      {links ? (
                        <a href={links.run(r.runId)} target="_blank" rel="noopener noreferrer">
                          View run<span class="visually-hidden"> {r.runId} in the Temporal Web UI</span>
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      <Panel title={shownRun ? `Events of run ${shownRun.slice(0, 8)}` : 'Events of every run, oldest first'} id="events" minHeight={300}>
        {!history.data ? (
          history.loading ? <Loading rows={8} /> : <ErrorMessage error={history.error} />
        ) : (
          <>
            <ErrorMessage error={history.error} />
            <Events events={history.data.events} />
            {(history.data.children ?? []).map((h) => (
              <details key={h.workflowId} class="child-history">
                <summary>
                  Child workflow {h.workflowType ? `${h.workflowType} ` : ''}
                  <span class="mono">{h.workflowId}</span> ({h.retained ? `${h.events.length} events` : 'past retention'})
                </summary>
                <Events events={h.events} />
              </details>
            ))}
          </>
        )}
      </Panel>
    </>
  );
}

function Events({ events }: { events: HistoryEvent[] }) {
  if (events.length === 0) return <Empty>No events.</Empty>;
  return (
    <div class="table-scroll">
      <table class="events">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">About</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={`${e.run ?? 0}-${e.eventId}`}>
              <td>{e.run ?? '—'}</td>
              <td>{e.eventId}</td>
              <td>{whenPrecise(e.time)}</td>
              <td class="mono">{e.type}</td>
              <td>{e.name ?? '—'}</td>
              <td>
                {e.failure && <span class="error-text">{e.failure.type ? `${e.failure.type}: ` : ''}{e.failure.message}</span>}
                {(e.args !== undefined || e.result !== undefined) && (
                  <details>
                    <summary>Payload</summary>
                    <pre>{JSON.stringify({ args: e.args, result: e.result }, null, 2)}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
