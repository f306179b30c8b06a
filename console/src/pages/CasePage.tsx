import { useState } from 'preact/hooks';
import { ActionForm } from '../components/ActionForm';
import { ACTION_FORMS } from '../components/action-forms';
import { Countdown } from '../components/Countdown';
import { Badge, Definition, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { get } from '../lib/api';
import { useUser } from '../lib/config';
import { duration, when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import { HISTORY_ROLES } from '../lib/roles';
import type { CaseDetail, Clock } from '../lib/types';

/**
 * One case, any kind: summary, seller, clocks with pauses and extensions, tasks, handoffs and their
 * answers, the timeline, and exactly the actions the API's `allowedActions` gives this user.
 */
export function CasePage({ id }: { id: string }) {
  const user = useUser();
  const detail = useResource(() => get<CaseDetail>(`/escalations/${encodeURIComponent(id)}`), [id], 30_000);
  const [done, setDone] = useState<string | null>(null);
  const c = detail.data;

  if (!c) {
    return (
      <>
        <h1>{detail.error ? 'Case unavailable' : 'Loading case…'}</h1>
        {detail.loading ? <Loading rows={6} /> : <ErrorMessage error={detail.error} />}
      </>
    );
  }

  return (
    <div class="case-page" data-case-state={c.state}>
      <header class="case-head">
        <p class="eyebrow">
          Escalation · <span class="mono">{c.id}</span>
        </p>
        <h1>{c.summary}</h1>
        <div class="badges">
          <Badge kind="state" value={c.state} />
          <Badge kind="severity" value={c.severity} />
          {c.breached && <span class="badge badge-breached">SLA breached</span>}
        </div>
        {HISTORY_ROLES.includes(user.role) && (
          <p>
            <a href={`/console/cases/${c.id}/history`}>Workflow history</a>
          </p>
        )}
      </header>
      <ErrorMessage error={detail.error} prefix="Could not refresh" />
      <p class="notice" role="status" aria-live="polite">
        {done ?? ''}
      </p>
      <div class="case-grid">
        <div class="case-main">
          <Panel title="Summary" id="summary">
            <Definition
              items={[
                ['Seller', <span class="mono">{c.sellerId}</span>],
                ['Marketplace', c.marketplace],
                ['Category', words(c.category)],
                ['Language', c.language ?? '—'],
                ['Team', c.team ?? '—'],
                ['Assignee', c.assigneeId ?? 'Unassigned'],
                ['Opened', `${when(c.createdAt)} by ${c.createdBy}`],
                ['Resolution', c.resolutionCode ? `${words(c.resolutionCode)} (root cause: ${words(c.rootCause)})` : '—'],
                ['Resolved', when(c.resolvedAt)],
              ]}
            />
          </Panel>
          <Panel title="SLA clocks" id="clocks">
            {c.clocks.length === 0 ? <Empty>No clocks yet.</Empty> : <Clocks clocks={c.clocks} />}
          </Panel>
          <Panel title="Tasks" id="tasks">
            {c.tasks.length === 0 ? (
              <Empty>No tasks.</Empty>
            ) : (
              <div class="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Task</th>
                      <th scope="col">Who</th>
                      <th scope="col">Status</th>
                      <th scope="col">Due</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.tasks.map((t) => (
                      <tr key={t.id}>
                        <td>{t.title}</td>
                        <td>{t.assigneeId ?? `${t.team} queue`}</td>
                        <td>{words(t.status)}</td>
                        <td>{t.status === 'open' ? <Countdown deadlineAt={t.dueAt} /> : when(t.completedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Panel>
          <Panel title="Handoffs" id="handoffs">
            {c.handoffs.length === 0 ? (
              <Empty>No handoffs.</Empty>
            ) : (
              <ul class="handoffs">
                {c.handoffs.map((h) => (
                  <li key={h.id} class="handoff" data-handoff={h.id}>
                    <p>
                      <strong>{words(h.team)}</strong> · <Badge kind="status" value={h.status} /> {h.blocking ? '· blocking' : '· FYI'} · asked by {h.requestedBy}{' '}
                      {when(h.requestedAt)}
                    </p>
                    <p class="question">{h.question}</p>
                    {h.status === 'open' && (
                      <p>
                        Answer due: <Countdown deadlineAt={h.dueAt} />
                      </p>
                    )}
                    {h.outcome && (
                      <div class="answer">
                        <p>
                          <Badge kind="status" value={h.outcome} /> by {h.answeredBy} · {when(h.answeredAt)}
                        </p>
                        <p>{h.notes}</p>
                        {h.citation && <p class="hint">Citation: {h.citation}</p>}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Timeline" id="timeline">
            <ol class="timeline">
              {c.timeline.map((e) => (
                <li key={e.seq}>
                  <time dateTime={e.at}>{when(e.at)}</time> <strong>{words(e.action)}</strong> by {e.actorId} ({words(e.actorRole)}):{' '}
                  {e.fromState ? `${words(e.fromState)} → ` : ''}
                  {words(e.toState)}
                  {e.reason && <span class="hint"> — {e.reason}</span>}
                </li>
              ))}
            </ol>
          </Panel>
        </div>
        <aside class="case-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <Actions detail={c} onDone={(message) => {
            setDone(message);
            detail.reload();
          }} />
        </aside>
      </div>
    </div>
  );
}

function Actions({ detail, onDone }: { detail: CaseDetail; onDone: (message: string) => void }) {
  const [open, setOpen] = useState<string | null>(null);
  if (detail.allowedActions.length === 0) return <Empty>You have no actions on this case right now.</Empty>;
  return (
    <ul class="actions">
      {detail.allowedActions.map((a) => (
        <li key={a.action}>
          <button
            type="button"
            class={open === a.action ? 'action-toggle open' : 'action-toggle'}
            aria-expanded={open === a.action}
            aria-controls={`action-${a.action}`}
            onClick={() => setOpen(open === a.action ? null : a.action)}
          >
            {ACTION_FORMS[a.action]?.label ?? words(a.action)}
          </button>
          {open === a.action && (
            <div id={`action-${a.action}`}>
              <ActionForm
                action={a}
                idPrefix="case"
                onDone={(_result, message) => {
                  setOpen(null);
                  onDone(`${message}.`);
                }}
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function Clocks({ clocks }: { clocks: Clock[] }) {
  return (
    <ul class="clocks">
      {clocks.map((k) => (
        <li key={k.id} class="clock" data-clock={k.id}>
          <p>
            <strong>{words(k.kind)}</strong> ({words(k.status)}) · <Countdown deadlineAt={k.deadlineAt} warnAt={k.warnAt} status={k.status} warned={k.warned} breached={Boolean(k.breachedAt)} />
          </p>
          <p class="hint">
            Budget {duration(k.budgetMs)} of business time on {k.calendarId} · started {when(k.startedAt)} · warning {when(k.warnAt)} · deadline {when(k.deadlineAt)}
            {k.breachedAt ? ` · breached ${when(k.breachedAt)}` : ''}
          </p>
          {k.pauses.length > 0 && (
            <ul class="sub-list" aria-label="Pauses">
              {k.pauses.map((p) => (
                <li key={p.at}>
                  Paused {when(p.at)} ({words(p.reason)}){p.resumedAt ? `, resumed ${when(p.resumedAt)}` : ', still paused'}
                </li>
              ))}
            </ul>
          )}
          {k.extensions.length > 0 && (
            <ul class="sub-list" aria-label="Extensions">
              {k.extensions.map((e) => (
                <li key={e.at}>
                  Extended by {duration(e.addedMs)} {when(e.at)} by {e.byUserId}: {e.reason}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
