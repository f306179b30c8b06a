import { useState } from 'preact/hooks';
import { ActionForm } from '../components/ActionForm';
import { Countdown } from '../components/Countdown';
import { TeamPicker, useTeams } from '../components/TeamPicker';
import { Badge, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { get, query } from '../lib/api';
import { useUser } from '../lib/config';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { CaseDetail, CasePage, Workload } from '../lib/types';
import { METRIC_PANELS } from './dashboard-metrics';

const PERIODS = [7, 14, 30];
const OPEN_STATES = 'triage,queued,assigned,in_progress,waiting_on_seller,waiting_on_handoff,escalated_to_manager,reopened';

/** Managers: breached cases to act on, then charts of the team's flow, backlog and load for a period. */
export function DashboardPage() {
  const user = useUser();
  const { teams, canPick } = useTeams();
  const [picked, setPicked] = useState('');
  const [days, setDays] = useState(14);
  const team = canPick ? picked || teams[0] || '' : user.team;
  const workload = useResource(() => (team ? get<Workload>(`/workload${query({ team, days })}`) : Promise.resolve(undefined)), [team, days], 30_000);
  const breached = useResource(
    () => (team ? get<CasePage>(`/escalations${query({ team, breached: true, state: OPEN_STATES, limit: 50 })}`) : Promise.resolve(undefined)),
    [team],
    15_000,
  );

  return (
    <>
      <h1>Dashboard · {team}</h1>
      <div class="toolbar">
        {canPick && <TeamPicker value={team} teams={teams} onChange={setPicked} />}
        <div class="field inline">
          <label for="period">Period</label>
          <select id="period" value={String(days)} onChange={(e) => setDays(Number((e.currentTarget as HTMLSelectElement).value))}>
            {PERIODS.map((p) => (
              <option key={p} value={String(p)}>
                Last {p} days
              </option>
            ))}
          </select>
        </div>
      </div>
      <Panel title="Open cases with a breached SLA" id="breached" minHeight={160}>
        <BreachedCases resource={breached} canReassign={user.role === 'manager'} />
      </Panel>
      <ErrorMessage error={workload.error} />
      <div class="metric-grid">
        {METRIC_PANELS.map((m) => (
          <Panel key={m.id} title={m.title} id={`metric-${m.id}`} minHeight={330}>
            {workload.data ? m.render({ workload: workload.data }) : <Loading rows={4} />}
          </Panel>
        ))}
      </div>
      {workload.data && <p class="hint">Figures as of {when(workload.data.generatedAt)}.</p>}
    </>
  );
}

function BreachedCases({ resource, canReassign }: { resource: ReturnType<typeof useResource<CasePage | undefined>>; canReassign: boolean }) {
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, loading } = resource;
  if (!data) return loading ? <Loading rows={2} /> : <ErrorMessage error={error} />;
  if (data.items.length === 0) return <Empty>No open case of the team has breached its SLA.</Empty>;
  return (
    <ul class="breached-list">
      {data.items.map((c) => (
        <li key={c.id} data-case={c.id}>
          <div class="breached-row">
            <div>
              <a href={`/console/cases/${c.id}`}>{c.summary}</a>
              <div class="sub">
                Seller <span class="mono">{c.sellerId}</span> · <Badge kind="severity" value={c.severity} /> · <Badge kind="state" value={c.state} /> · {c.assigneeId ? `held by ${c.assigneeId}` : 'unassigned'} · opened {when(c.createdAt)}
              </div>
            </div>
            {canReassign && (
              <button type="button" aria-expanded={open === c.id} onClick={() => setOpen(open === c.id ? null : c.id)}>
                Reassign…
              </button>
            )}
          </div>
          {open === c.id && (
            <ReassignPanel
              caseId={c.id}
              onDone={() => {
                setOpen(null);
                resource.reload();
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Reassigning from the dashboard offers the form only if the case's allowedActions include it. */
function ReassignPanel({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const detail = useResource(() => get<CaseDetail>(`/escalations/${caseId}`), [caseId]);
  const d = detail.data;
  if (!d) return detail.loading ? <Loading rows={2} /> : <ErrorMessage error={detail.error} />;
  const reassign = d.allowedActions.find((a) => a.action === 'reassign');
  const clock = d.clocks.find((k) => k.breachedAt);
  return (
    <div class="inline-panel">
      {clock && (
        <p>
          {words(clock.kind)} clock: <Countdown deadlineAt={clock.deadlineAt} warnAt={clock.warnAt} status={clock.status} breached />
        </p>
      )}
      {reassign ? <ActionForm action={reassign} idPrefix={`dash-${caseId.slice(0, 8)}`} onDone={() => onDone()} /> : <p>You cannot reassign this case in its current state ({words(d.state)}).</p>}
    </div>
  );
}
