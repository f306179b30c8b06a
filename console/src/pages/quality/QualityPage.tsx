import { Badge, Empty, ErrorMessage, Loading, Panel } from '../../components/common';
import { get } from '../../lib/api';
import { useUser } from '../../lib/config';
import { when, words } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { qaReviewHref } from '../../lib/quality-format';
import type { CalibrationSessionSummary } from '../../lib/quality-types';
import { QUALITY_MANAGERS, QUALITY_VIEWERS } from '../../lib/roles';
import type { InboxItem, InboxPage, RosterMember } from '../../lib/types';

const DECIDER_ROLES = ['specialist', 'senior_specialist', 'manager'];

/**
 * Decision quality in one place: my QA reviews to do (and, for managers, the team's unrouted reviews and
 * disagreements to adjudicate), my calibration sessions, my scorecard and, for seniors and managers, the team's.
 */
export function QualityPage() {
  const user = useUser();
  const manager = QUALITY_MANAGERS.includes(user.role);
  const mine = useResource(() => get<InboxPage>('/inbox?kind=qa_review&limit=100'), []);
  const team = useResource(
    () =>
      manager
        ? Promise.all([get<InboxPage>('/inbox/team?kind=qa_adjudication&limit=100'), get<InboxPage>('/inbox/team?kind=qa_review&limit=100')]).then(([a, b]) => [...a.items, ...b.items])
        : Promise.resolve([]),
    [manager],
  );
  const sessions = useResource(() => get<{ sessions: CalibrationSessionSummary[] }>('/calibration-sessions'), []);
  const roster = useResource(() => (QUALITY_VIEWERS.includes(user.role) ? get<{ members: RosterMember[] }>('/roster') : Promise.resolve({ members: [] })), [user.role]);
  return (
    <>
      <h1>Quality</h1>
      <Panel title="My QA reviews" id="qa-reviews" minHeight={120}>
        {mine.data ? <QaTasks items={mine.data.items} empty="No peer review waits for you." /> : mine.loading ? <Loading /> : <ErrorMessage error={mine.error} />}
      </Panel>
      {manager && (
        <Panel title="Team: unrouted reviews and disagreements to adjudicate" id="qa-team" minHeight={120}>
          {team.data ? <QaTasks items={team.data} empty="Nothing to adjudicate." /> : team.loading ? <Loading /> : <ErrorMessage error={team.error} />}
        </Panel>
      )}
      <Panel title="Calibration sessions" id="sessions" minHeight={120}>
        {!sessions.data ? (
          sessions.loading ? <Loading /> : <ErrorMessage error={sessions.error} />
        ) : sessions.data.sessions.length === 0 ? (
          <Empty>No calibration session{manager ? ' in your team yet (start one through POST /calibration-sessions)' : ' includes you'}.</Empty>
        ) : (
          <ul class="link-list">
            {sessions.data.sessions.map((s) => (
              <li key={s.id} data-session={s.id}>
                <a href={`/console/calibration/${s.id}`}>{s.title}</a> <Badge kind="status" value={s.status} />{' '}
                <span class="hint">
                  {s.items} items · {s.participants.length} participants · {when(s.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title="Scorecards" id="scorecards" minHeight={80}>
        <ul class="link-list">
          <li>
            <a href={`/console/scorecards/${user.userId}`}>My scorecard</a>
          </li>
          {(roster.data?.members ?? [])
            .filter((m) => m.team === user.team && m.userId !== user.userId && DECIDER_ROLES.includes(m.role))
            .map((m) => (
              <li key={m.userId}>
                <a href={`/console/scorecards/${m.userId}`}>{m.displayName}</a> <span class="hint">{words(m.role)}</span>
              </li>
            ))}
        </ul>
        <ErrorMessage error={roster.error} />
      </Panel>
    </>
  );
}

function QaTasks({ items, empty }: { items: InboxItem[]; empty: string }) {
  if (items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul class="link-list">
      {items.map((item) => {
        const href = qaReviewHref(item.id);
        return (
          <li key={item.id} data-task={item.id}>
            {href ? <a href={href}>{item.title}</a> : item.title} <span class="hint">{item.case ? `seller ${item.case.sellerId} · ` : ''}{item.dueAt ? `due ${when(item.dueAt)}` : ''}</span>
          </li>
        );
      })}
    </ul>
  );
}
