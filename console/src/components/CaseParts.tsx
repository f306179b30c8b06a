import { useState } from 'preact/hooks';
import { ActionForm } from './ActionForm';
import { ACTION_FORMS, type ActionFormSpec } from './action-forms';
import { Countdown } from './Countdown';
import { Badge, Empty, Panel } from './common';
import { duration, when, words } from '../lib/format';
import type { AllowedAction, CaseHandoff, Clock, Task, TimelineEntry } from '../lib/types';

/** What every kind's case page shows the same way: clocks, tasks, handoffs, the timeline and the actions the API allows. */

export function TasksPanel({ tasks }: { tasks: Task[] }) {
  const c = { tasks };
  return (
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
  );
}

export function HandoffsPanel({ handoffs }: { handoffs: CaseHandoff[] }) {
  const c = { handoffs };
  return (
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
  );
}

export function TimelinePanel({ timeline }: { timeline: TimelineEntry[] }) {
  const c = { timeline };
  return (
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
  );
}

export function Actions({
  detail,
  onDone,
  choices,
  forms,
}: {
  detail: { allowedActions: AllowedAction[] };
  onDone: (message: string) => void;
  choices?: Record<string, readonly string[]>;
  forms?: Record<string, ActionFormSpec>;
}) {
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
            {(forms?.[a.action] ?? ACTION_FORMS[a.action])?.label ?? words(a.action)}
          </button>
          {open === a.action && (
            <div id={`action-${a.action}`}>
              <ActionForm
                action={a}
                idPrefix="case"
                choices={choices}
                forms={forms}
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

export function Clocks({ clocks }: { clocks: Clock[] }) {
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
