import { useState } from 'preact/hooks';
import { ActionForm } from '../../components/ActionForm';
import { Badge, Definition, Empty, ErrorMessage, Loading, Panel } from '../../components/common';
import { get } from '../../lib/api';
import { useUser } from '../../lib/config';
import { words } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { decisionKindTitle, decisionsOf } from '../../lib/quality-format';
import type { QaReview, QaStatement } from '../../lib/quality-types';
import { QUALITY_MANAGERS } from '../../lib/roles';

const show = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A QA peer review. While it awaits the review it is blind: the page shows the evidence the maker saw,
 * never their decision (the API withholds it), and the routed reviewer (or a manager when nobody was
 * routed) states their own. After a disagreement a manager sees both decisions and adjudicates.
 */
export function QaReviewPage({ id }: { id: string }) {
  const user = useUser();
  const detail = useResource(() => get<QaReview>(`/qa-reviews/${id}`), [id]);
  const [done, setDone] = useState<string | null>(null);
  const r = detail.data;
  if (!r) {
    return (
      <>
        <h1>{detail.error ? 'QA review unavailable' : 'Loading QA review…'}</h1>
        {detail.loading ? <Loading rows={6} /> : <ErrorMessage error={detail.error} />}
      </>
    );
  }
  const manager = QUALITY_MANAGERS.includes(user.role);
  const mayReview = r.status === 'awaiting_review' && user.userId !== r.makerId && (r.reviewerId === user.userId || (r.reviewerId === null && manager));
  const mayAdjudicate = r.status === 'adjudicating' && manager && user.userId !== r.makerId && user.userId !== r.reviewerDecision?.by;
  const choices = { decision: decisionsOf(r.decisionKind) };
  const onDone = (next: QaReview, message: string) => {
    setDone(`${message}: the review is now ${words(next.status)}.`);
    detail.reload();
  };
  return (
    <div class="case-page" data-qa-status={r.status}>
      <header class="case-head">
        <p class="eyebrow">
          QA review · {decisionKindTitle(r.decisionKind)} · <span class="mono">{r.reviewId}</span>
        </p>
        <h1>{r.status === 'awaiting_review' ? 'Blind peer review' : r.status === 'adjudicating' ? 'Peer-review disagreement' : 'Peer review'}</h1>
        <div class="badges">
          <Badge kind="status" value={r.status} />
          <Badge kind="status" value={r.mode} />
        </div>
      </header>
      <p class="notice" role="status" aria-live="polite">
        {done ?? ''}
      </p>
      <div class="case-grid">
        <div class="case-main">
          <Panel title="Review" id="summary">
            <Definition
              items={[
                // While blind, no link: the case page shows the decision the reviewer must not see yet.
                ['Case', r.makerDecision === null ? <span class="mono">{r.caseId}</span> : <a href={`/console/cases/${r.caseId}`}>{r.caseId}</a>],
                ['Team', r.team],
                ['Maker', r.makerId],
                ['Reviewer', r.reviewerId ?? `Nobody routed${r.queuedReason ? ` (${r.queuedReason})` : ''}: a manager reviews`],
                ['Hold', words(r.holdStatus)],
                ['Error types', r.errorTypes.length ? r.errorTypes.map(words).join(', ') : r.status === 'agreed' || r.status === 'adjudicated' ? 'None' : '—'],
              ]}
            />
          </Panel>
          <Panel title="Evidence the maker saw" id="evidence">
            {Object.keys(r.evidence).length === 0 ? (
              <Empty>No evidence was recorded.</Empty>
            ) : (
              <Definition items={Object.entries(r.evidence).map(([k, v]): [string, string] => [words(k), show(v)])} />
            )}
          </Panel>
          <Panel title="Decisions" id="decisions">
            {r.makerDecision === null ? (
              <p class="hint" data-blind="true">
                The maker's decision stays hidden until the review is in: decide on the evidence alone.
              </p>
            ) : (
              <Definition
                items={[
                  ["Maker's decision", statement(r.makerDecision)],
                  ["Reviewer's decision", r.reviewerDecision ? statement(r.reviewerDecision) : '—'],
                  ['Adjudication', r.adjudication ? statement(r.adjudication) : r.status === 'adjudicating' ? 'Awaiting a manager' : '—'],
                ]}
              />
            )}
          </Panel>
        </div>
        <aside class="case-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          {mayReview && <ActionForm<QaReview> action={{ action: 'qa_review', method: 'POST', href: `/qa-reviews/${r.reviewId}/review` }} idPrefix="qa" choices={choices} onDone={onDone} />}
          {mayAdjudicate && (
            <ActionForm<QaReview> action={{ action: 'qa_adjudicate', method: 'POST', href: `/qa-reviews/${r.reviewId}/adjudication` }} idPrefix="qa" choices={choices} onDone={onDone} />
          )}
          {!mayReview && !mayAdjudicate && <Empty>Nothing for you to do on this review now.</Empty>}
        </aside>
      </div>
    </div>
  );
}

function statement(s: QaStatement): string {
  const reason = s.reason ? ` (${words(s.reason)})` : '';
  const by = s.by ? ` — ${s.by}` : '';
  const processError = s.processError ? '; process error' : '';
  const notes = s.notes ? `: ${s.notes}` : '';
  return `${words(s.decision)}${reason}${by}${processError}${notes}`;
}
