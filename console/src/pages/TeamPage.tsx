import { useState } from 'preact/hooks';
import { Field } from '../components/Field';
import { TeamPicker, useTeams } from '../components/TeamPicker';
import { Badge, ErrorMessage, Loading, Panel } from '../components/common';
import { ApiError, get, patch, query } from '../lib/api';
import { useUser } from '../lib/config';
import { localInputToIso, when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import { ROSTER_EDITORS } from '../lib/roles';
import type { HandBackProgress, UpdateMemberResult, Workload } from '../lib/types';

/** Managers (and operators, seniors read-only): who holds how much, who is away, and the staffing arithmetic. */
export function TeamPage() {
  const user = useUser();
  const { teams, canPick } = useTeams();
  const [picked, setPicked] = useState('');
  const team = canPick ? picked || teams[0] || '' : user.team;
  const workload = useResource(() => (team ? get<Workload>(`/workload${query({ team })}`) : Promise.resolve(undefined)), [team], 30_000);
  const [result, setResult] = useState<{ userId: string; result: UpdateMemberResult } | null>(null);
  const w = workload.data;
  const editable = ROSTER_EDITORS.includes(user.role);

  return (
    <>
      <h1>Team {team}</h1>
      {canPick && <TeamPicker value={team} teams={teams} onChange={setPicked} />}
      <ErrorMessage error={workload.error} />
      {result && <OfferedBack userId={result.userId} result={result.result} />}
      <Panel title="Workload and availability" id="members" minHeight={260}>
        {!w ? (
          <Loading rows={5} />
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Active cases / capacity</th>
                  <th scope="col">Due soon</th>
                  <th scope="col">Overdue</th>
                  <th scope="col">Out of office</th>
                </tr>
              </thead>
              <tbody>
                {w.members.map((m) => (
                  <tr key={m.userId} data-member={m.userId}>
                    <th scope="row">
                      {m.displayName}
                      <div class="sub">{words(m.role)}</div>
                    </th>
                    <td>
                      <meter min={0} max={Math.max(m.capacity, m.activeCases, 1)} value={m.activeCases} aria-label={`${m.displayName}: ${m.activeCases} of ${m.capacity}`} /> {m.activeCases} / {m.capacity}
                      {m.atCapacity && m.capacity > 0 && <span class="badge badge-warning">at capacity</span>}
                    </td>
                    <td>{m.tasksDueSoon}</td>
                    <td>{m.tasksOverdue > 0 ? <span class="badge badge-breached">{m.tasksOverdue}</span> : 0}</td>
                    <td>
                      {m.outOfOffice ? `Until ${when(m.outOfOfficeUntil)}` : 'Available'}
                      {editable && m.userId !== user.userId && (
                        <OutOfOffice userId={m.userId} name={m.displayName} away={m.outOfOffice} onSaved={(r) => {
                          setResult({ userId: m.userId, result: r });
                          workload.reload();
                        }} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {w && (
          <p class="hint">
            Team queue: {w.queue.openTasks} open ({w.queue.tasksDueSoon} due within {w.dueSoonHours}h, {w.queue.tasksOverdue} overdue).
          </p>
        )}
      </Panel>
      <Panel title="Staffing" id="staffing" minHeight={160}>
        {!w ? (
          <Loading rows={3} />
        ) : (
          <>
            <p class="big-number">
              {w.staffing.peopleNeeded === null ? (
                <>No estimate ({words(w.staffing.status)})</>
              ) : (
                <>
                  {w.staffing.peopleNeeded} people needed · {w.staffing.additionalPeople} more than available
                </>
              )}
            </p>
            <pre class="formula">{w.staffing.arithmetic.worked}</pre>
            {w.staffing.notes.length > 0 && (
              <ul>
                {w.staffing.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </Panel>
    </>
  );
}

function OutOfOffice({ userId, name, away, onSaved }: { userId: string; name: string; away: boolean; onSaved: (r: UpdateMemberResult) => void }) {
  const [until, setUntil] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (value: string | null) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await patch<UpdateMemberResult>(`/roster/${encodeURIComponent(userId)}`, { outOfOfficeUntil: value }));
      setUntil('');
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const problems = error?.fields.filter((f) => f.field === 'outOfOfficeUntil').flatMap((f) => f.problems);
  return (
    <form
      class="ooo-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(localInputToIso(until) ?? '');
      }}
    >
      <Field id={`ooo-${userId}`} label={`${name} away until`} problems={problems}>
        {(a11y) => <input {...a11y} type="datetime-local" value={until} onInput={(e) => setUntil((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <button type="submit" disabled={busy}>
        Set out of office
      </button>
      {away && (
        <button type="button" disabled={busy} onClick={() => void save(null)}>
          Back now
        </button>
      )}
      {error && !problems?.length && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}

function OfferedBack({ userId, result }: { userId: string; result: UpdateMemberResult }) {
  const o = result.offeredBack;
  return (
    <div class="notice" role="status">
      <p>
        Saved {userId}: {result.member.outOfOffice ? `out of office until ${when(result.member.outOfOfficeUntil)}` : 'available'}.
      </p>
      {o && <HandBack handBackId={o.handBackId} />}
    </div>
  );
}

/** The hand-back runs as a workflow: its progress is polled until it is done. */
function HandBack({ handBackId }: { handBackId: string }) {
  const progress = useResource(() => get<HandBackProgress>(`/hand-backs/${encodeURIComponent(handBackId)}`), [handBackId], 2_000);
  const p = progress.data;
  if (!p) return progress.error ? <ErrorMessage error={progress.error} /> : <p>Handing their open cases back to the queue…</p>;
  if (p.status !== 'done') return <p>Handing their open cases back to the queue ({p.released.length + p.notReleased.length} of {p.total} done)…</p>;
  return (
    <>
      <p>
        {p.released.length} open case(s) handed back to the queue in the name of {p.markedBy}
        {p.notReleased.length > 0 && `; ${p.notReleased.length} not: ${p.notReleased.map((n) => `${n.caseId.slice(0, 8)} (${n.reason})`).join('; ')}`}.
      </p>
      {p.released.length > 0 && (
        <ul>
          {p.released.map((r) => (
            <li key={r.caseId}>
              <a href={`/console/cases/${r.caseId}`}>{r.caseId.slice(0, 8)}</a> now <Badge kind="state" value={r.state} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
