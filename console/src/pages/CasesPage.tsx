import { useState } from 'preact/hooks';
import { Badge, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { get, query } from '../lib/api';
import { ESCALATION_STATUSES, SEVERITIES } from '../lib/case-vocabulary';
import { REVIEW_STATUSES } from '../lib/review-vocabulary';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { CasePage as CaseList } from '../lib/types';
import { useUser } from '../lib/config';
import { CASE_CREATORS } from '../lib/roles';

interface Filters {
  kind: string;
  sellerId: string;
  state: string;
  severity: string;
  breached: string;
}

const NONE: Filters = { kind: '', sellerId: '', state: '', severity: '', breached: '' };
const KINDS = ['escalation', 'strategic_review'];
const STATES: Record<string, readonly string[]> = { escalation: ESCALATION_STATUSES, strategic_review: REVIEW_STATUSES };

/** The cases of every kind this user may view, newest first, filtered by kind, seller, state, severity and breach. */
export function CasesPage() {
  const user = useUser();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const [pages, setPages] = useState<string[]>([]);
  const list = useResource(() => get<CaseList>(`/cases${query({ ...filters, limit: 25, cursor: pages[pages.length - 1] })}`), [filters, pages]);
  const states = draft.kind ? STATES[draft.kind] : [...new Set(Object.values(STATES).flat())];
  const set = (k: keyof Filters) => (e: Event) => setDraft({ ...draft, [k]: (e.currentTarget as HTMLInputElement).value });

  return (
    <>
      <div class="page-head">
        <h1>Cases</h1>
        {CASE_CREATORS.includes(user.role) && (
          <span class="head-actions">
            <a class="button-link" href="/console/cases/new">
              New escalation
            </a>{' '}
            <a class="button-link" href="/console/reviews/new">
              New review
            </a>
          </span>
        )}
      </div>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setPages([]);
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="f-kind">Kind</label>
          <select id="f-kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: (e.currentTarget as HTMLSelectElement).value, state: '' })}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {words(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-seller">Seller</label>
          <input id="f-seller" value={draft.sellerId} onInput={set('sellerId')} placeholder="seller-4711" />
        </div>
        <div class="field">
          <label for="f-state">State</label>
          <select id="f-state" value={draft.state} onChange={set('state')}>
            <option value="">Any</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-severity">Severity</label>
          <select id="f-severity" value={draft.severity} onChange={set('severity')}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-breached">SLA</label>
          <select id="f-breached" value={draft.breached} onChange={set('breached')}>
            <option value="">Any</option>
            <option value="true">Breached</option>
            <option value="false">Not breached</option>
          </select>
        </div>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      <Panel title={list.data ? `${list.data.total} cases` : 'Cases'} id="cases" minHeight={300}>
        {!list.data ? (
          list.loading ? <Loading rows={5} /> : <ErrorMessage error={list.error} />
        ) : list.data.items.length === 0 ? (
          <Empty>No cases match.</Empty>
        ) : (
          <div class="table-scroll">
            <ErrorMessage error={list.error} />
            <table>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Seller</th>
                  <th scope="col">Severity</th>
                  <th scope="col">State</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id} data-case={c.id}>
                    <td>
                      <a href={`/console/cases/${c.id}`}>{c.summary}</a>
                      {c.breached && <span class="badge badge-breached">breached</span>}
                    </td>
                    <td>{words(c.kind)}</td>
                    <td class="mono">
                      {c.sellerId} · {c.marketplace}
                    </td>
                    <td>
                      <Badge kind="severity" value={c.severity} />
                    </td>
                    <td>
                      <Badge kind="state" value={c.state} />
                    </td>
                    <td>{c.assigneeId ?? '—'}</td>
                    <td>{when(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="pager">
          {pages.length > 0 && (
            <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
              Previous page
            </button>
          )}
          {list.data?.nextCursor && (
            <button type="button" onClick={() => setPages([...pages, list.data!.nextCursor!])}>
              Next page
            </button>
          )}
        </div>
      </Panel>
    </>
  );
}
