import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { Countdown } from '../components/Countdown';
import { Badge, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { ApiError, get, newIdempotencyKey, post } from '../lib/api';
import { useUser } from '../lib/config';
import { words } from '../lib/format';
import { useResource } from '../lib/hooks';
import { qaReviewHref } from '../lib/quality-format';
import { byRisk } from '../lib/sla-risk';
import type { InboxItem, InboxPage } from '../lib/types';

const CLAIMERS = ['specialist', 'senior_specialist'];
const REFRESH_MS = 20_000;

function risk(item: InboxItem) {
  return {
    deadlineAt: item.sla?.deadlineAt ?? item.dueAt,
    warnAt: item.sla?.warnAt ?? null,
    breached: Boolean(item.sla?.breached),
    warned: Boolean(item.sla?.warned),
    paused: item.sla?.status === 'paused',
    severity: item.case?.severity ?? null,
  };
}

/** My inbox and my team's queue, riskiest first, with live SLA countdowns; queued cases can be claimed here. */
export function MyWorkPage() {
  const user = useUser();
  const mine = useResource(() => get<InboxPage>('/inbox?limit=100'), [], REFRESH_MS);
  const team = useResource(() => get<InboxPage>('/inbox/team?limit=100'), [], REFRESH_MS);
  return (
    <>
      <h1>My work</h1>
      <Panel title="My inbox" id="inbox" minHeight={180}>
        <WorkTable resource={mine} empty="Nothing assigned to you. Claim a case from the team queue below." />
      </Panel>
      <Panel title={`Team queue (${user.team})`} id="queue" minHeight={180}>
        <WorkTable resource={team} empty="The team queue is empty." claim={CLAIMERS.includes(user.role)} onClaimed={() => mine.reload()} />
      </Panel>
    </>
  );
}

function WorkTable({ resource, empty, claim, onClaimed }: { resource: ReturnType<typeof useResource<InboxPage>>; empty: string; claim?: boolean; onClaimed?: () => void }) {
  const { data, error, loading } = resource;
  if (!data) return loading ? <Loading /> : <ErrorMessage error={error} />;
  const items = byRisk(data.items, risk, Date.now());
  return (
    <>
      <ErrorMessage error={error} prefix="Could not refresh" />
      {items.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <div class="table-scroll">
          <table class="work">
            <caption class="visually-hidden">Sorted by SLA risk: breached first, then at risk, then soonest due</caption>
            <thead>
              <tr>
                <th scope="col">SLA</th>
                <th scope="col">Case</th>
                <th scope="col">Severity</th>
                <th scope="col">State</th>
                <th scope="col">Task</th>
                {claim && <th scope="col"><span class="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-case={item.case?.id}>
                  <td>
                    <Countdown deadlineAt={item.sla?.deadlineAt ?? item.dueAt} warnAt={item.sla?.warnAt} status={item.sla?.status} warned={item.sla?.warned} breached={item.sla?.breached} />
                  </td>
                  <td>
                    {item.case ? (
                      <>
                        {/* A QA task's case page would show the decision under blind review: the task links to the review instead. */}
                        {qaReviewHref(item.id) ? item.case.summary : <a href={`/console/cases/${item.case.id}`}>{item.case.summary}</a>}
                        <div class="sub">
                          Seller {item.case.sellerId} · {item.case.marketplace} · {words(item.case.category)}
                        </div>
                      </>
                    ) : (
                      item.title
                    )}
                  </td>
                  <td>
                    {item.case && <Badge kind="severity" value={item.case.severity} />}
                    {item.case?.breached && <span class="badge badge-breached">SLA breached</span>}
                  </td>
                  <td>{item.case && <Badge kind="state" value={item.case.state} />}</td>
                  <td>{qaReviewHref(item.id) ? <a href={qaReviewHref(item.id)!}>{item.title}</a> : words(item.kind)}</td>
                  {claim && <td>{item.kind === 'queue' && item.case && <ClaimButton caseId={item.case.id} onClaimed={onClaimed} label={item.case.summary} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.total > data.items.length && <p class="hint">Showing the {data.items.length} soonest due of {data.total}.</p>}
    </>
  );
}

function ClaimButton({ caseId, onClaimed, label }: { caseId: string; onClaimed?: () => void; label: string }) {
  const { route } = useLocation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const claim = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/escalations/${caseId}/claim`, {}, newIdempotencyKey());
      onClaimed?.();
      route(`/console/cases/${caseId}`);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void claim()} disabled={busy} aria-label={`Claim: ${label}`}>
        {busy ? 'Claiming…' : 'Claim'}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
