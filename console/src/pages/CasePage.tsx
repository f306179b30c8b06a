import { useState } from 'preact/hooks';
import { Actions, Clocks, HandoffsPanel, TasksPanel, TimelinePanel } from '../components/CaseParts';
import { Definition, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { CaseHead } from '../components/CaseHead';
import { get } from '../lib/api';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { CaseDetail } from '../lib/types';
import { AppealPage } from './AppealPage';
import { ReviewPage } from './ReviewPage';
import { SellerFacts } from './SellerFacts';

/**
 * One case of any kind: the generic case read says which kind it is, and the kind's page shows it
 * (escalations here, strategic reviews in ReviewPage), each with exactly the actions the API's
 * `allowedActions` gives this user.
 */
export function CasePage({ id }: { id: string }) {
  const kind = useResource(() => get<{ kind: string }>(`/cases/${encodeURIComponent(id)}`), [id]);
  if (!kind.data) {
    return (
      <>
        <h1>{kind.error ? 'Case unavailable' : 'Loading case…'}</h1>
        {kind.loading ? <Loading rows={6} /> : <ErrorMessage error={kind.error} />}
      </>
    );
  }
  if (kind.data.kind === 'strategic_review') return <ReviewPage id={id} />;
  if (kind.data.kind === 'appeal') return <AppealPage id={id} />;
  return <EscalationPage id={id} />;
}

/** An escalation: summary, seller, clocks with pauses and extensions, tasks, handoffs and their answers, the timeline. */
function EscalationPage({ id }: { id: string }) {
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
      <CaseHead caseId={c.id} eyebrow="Escalation" title={c.summary} state={c.state} severity={c.severity} breached={c.breached} refreshError={detail.error} done={done} />
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
          {c.seller && <SellerFacts seller={c.seller} />}
          <Panel title="SLA clocks" id="clocks">
            {c.clocks.length === 0 ? <Empty>No clocks yet.</Empty> : <Clocks clocks={c.clocks} />}
          </Panel>
          <TasksPanel tasks={c.tasks} />
          <HandoffsPanel handoffs={c.handoffs} />
          <TimelinePanel timeline={c.timeline} />
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
