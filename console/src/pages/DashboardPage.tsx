import { useLocation } from 'preact-iso';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ActionForm } from '../components/ActionForm';
import { Countdown } from '../components/Countdown';
import { PeriodControl } from '../components/PeriodControl';
import { useTeams } from '../components/TeamPicker';
import { Badge, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { get, query as queryString } from '../lib/api';
import { CASE_KINDS } from '../lib/case-vocabulary';
import { useUser } from '../lib/config';
import { metricsQueries, rangeOf, readChoice, todayIn, writeChoice, type DashboardChoice } from '../lib/dashboard-period';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import { homeFor } from '../lib/roles';
import type { CaseDetail, CasePage, Workload } from '../lib/types';
import { MetricPanels, type DashboardData, type Loaded } from './dashboard-metrics';

const OPEN_STATES = 'triage,queued,assigned,in_progress,waiting_on_seller,waiting_on_handoff,escalated_to_manager,reopened';

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Loads one metrics route for a query, remembering which query the answer is for. */
function loader<T>(path: string, query: string | undefined): () => Promise<Loaded<T> | undefined> {
  return () => (query === undefined ? Promise.resolve(undefined) : get<T>(`${path}?${query}`).then((data) => ({ query, data })));
}

/**
 * Managers (senior specialists and operators read it): breached cases to act on, then charts of the
 * metrics API for a period the URL keeps (so a link shows the same period, zone and filters), and the
 * backlog and staffing as of now.
 */
export function DashboardPage() {
  const user = useUser();
  const { teams, canPick } = useTeams();
  const { path, query, route } = useLocation();
  const browserZone = useMemo(browserTimeZone, []);
  const context = { browserZone, kinds: CASE_KINDS };
  // What the link asked for that the page cannot show, said once (the URL is rewritten right after).
  const [linkNotes] = useState(() => {
    const notes = readChoice(query, context).problems;
    if (!canPick && query.team && query.team !== user.team) notes.push(`The link is for team ${query.team}; you see your own team, ${user.team}.`);
    return notes;
  });

  const { choice } = readChoice(query, context);
  const team = canPick ? (choice.team ?? teams[0] ?? '') : user.team;
  const search = writeChoice({ ...choice, team: canPick && team ? team : null });
  useEffect(() => {
    if (search !== new URLSearchParams(query).toString()) route(`${path}?${search}`, true);
  }, [search]);
  const change = (next: DashboardChoice) => route(`${path}?${writeChoice({ ...next, team: canPick ? next.team : null })}`, true);

  const today = todayIn(choice.timeZone, Date.now());
  const range = rangeOf(choice, today);
  const q = team ? metricsQueries(choice, team, today) : undefined;
  const data: DashboardData = {
    sla: useResource(loader('/metrics/sla', q?.period), [q?.period]),
    times: useResource(loader('/metrics/response-times', q?.period), [q?.period]),
    volume: useResource(loader('/metrics/volume', q?.period), [q?.period]),
    breaches: useResource(loader('/metrics/breaches', q?.period), [q?.period]),
    handoffs: useResource(loader('/metrics/handoffs', q?.period), [q?.period]),
    backlog: useResource(loader('/metrics/backlog', q?.now), [q?.now], 60_000),
    workload: useResource(loader<Workload>('/workload', team ? queryString({ team }).slice(1) : undefined), [team], 60_000),
  };
  const breached = useResource(
    () => (team ? get<CasePage>(`/escalations${queryString({ team, breached: true, state: OPEN_STATES, limit: 50 })}`) : Promise.resolve(undefined)),
    [team],
    15_000,
  );

  const forbidden = Object.values(data).find((r) => r.error?.status === 403)?.error;
  if (forbidden) {
    return (
      <>
        <h1>Dashboard</h1>
        <Panel title="The metrics are not open to you" id="metrics-forbidden">
          <p class="error" role="alert">
            {forbidden.message}
          </p>
          <p>
            The dashboard's charts are for the people who watch a team's service levels. Your work is on <a href={homeFor(user.role)}>your start page</a>.
          </p>
        </Panel>
      </>
    );
  }

  return (
    <>
      <h1>Dashboard · {team || 'choose a team'}</h1>
      {linkNotes.length > 0 && (
        <ul class="link-notes" role="status">
          {linkNotes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <PeriodControl
        choice={choice}
        range={range}
        browserZone={browserZone}
        kinds={CASE_KINDS}
        onChange={change}
        teamPicker={canPick ? { team, teams, onChange: (t) => change({ ...choice, team: t }) } : undefined}
      />
      <p class="hint period-summary" aria-live="polite">
        {range.from} through {range.through}, by {choice.bucket}, in {choice.timeZone}
        {choice.kind ? `, ${words(choice.kind)} cases only` : ', every case kind'}. The backlog and staffing are as of now
        {data.workload.data ? ` (${when(data.workload.data.data.generatedAt)})` : ''}.
      </p>
      <Panel title="Open cases with a breached SLA" id="breached" minHeight={160}>
        <BreachedCases resource={breached} canReassign={user.role === 'manager'} />
      </Panel>
      <MetricPanels data={data} bucket={choice.bucket} />
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
