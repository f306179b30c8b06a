import { useState } from 'preact/hooks';
import { APPEAL_ACTION_FORMS } from '../components/appeal-action-forms';
import { Actions, TimelinePanel } from '../components/CaseParts';
import { Definition, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { CaseHead } from '../components/CaseHead';
import { get } from '../lib/api';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { AllowedAction, TimelineEntry } from '../lib/types';

/** GET /appeals/:id as the console reads it (the API's AppealDetailResponse). */
interface AppealDetail {
  id: string;
  state: string;
  sellerId: string;
  marketplace: string;
  team: string;
  assigneeId: string | null;
  breached: boolean;
  createdAt: string;
  infoRequestsLeft: number;
  outcome: string | null;
  enforcement: { type?: string; ref?: string; reason?: string; source?: string };
  plan: { rootCause?: string; correctiveActions?: string[]; preventiveMeasures?: string[]; evidence?: string[] };
  infoRequests: Array<{ n?: number; question?: string; deadlineAt?: number | string; status?: string; answer?: string | null }>;
  decision: { decision?: string; reasonCode?: string; rationale?: string; status?: string; decidedBy?: string } | null;
  monitoring: { until?: number | string; result?: string | null; reinstatedBy?: string; restumble?: { daysSinceReinstatement?: number } | null } | null;
  allowedActions: AllowedAction[];
  timeline: TimelineEntry[];
}

const list = (items: string[] | undefined) => (items?.length ? items.join('; ') : '—');
const at = (t: number | string | undefined) => (t === undefined ? '—' : when(typeof t === 'number' ? new Date(t).toISOString() : t));

/**
 * A reinstatement appeal: the enforcement appealed, the seller's plan of action, requests for
 * information and answers, the decision, the restumble window and the timeline, with a form for each
 * action the API's `allowedActions` gives this user (claim, request information, decide, approve...).
 */
export function AppealPage({ id }: { id: string }) {
  const detail = useResource(() => get<AppealDetail>(`/appeals/${encodeURIComponent(id)}`), [id], 30_000);
  const [done, setDone] = useState<string | null>(null);
  const a = detail.data;
  if (!a) {
    return (
      <>
        <h1>{detail.error ? 'Appeal unavailable' : 'Loading appeal…'}</h1>
        {detail.loading ? <Loading rows={6} /> : <ErrorMessage error={detail.error} />}
      </>
    );
  }
  return (
    <div class="case-page" data-case-state={a.state} data-kind="appeal">
      <CaseHead
        caseId={a.id}
        eyebrow="Reinstatement appeal"
        title={`Appeal of a ${words(a.enforcement.type ?? 'enforcement')} · seller ${a.sellerId}`}
        state={a.state}
        outcome={a.outcome}
        breached={a.breached}
        refreshError={detail.error}
        done={done}
      />
      <div class="case-grid">
        <div class="case-main">
          <Panel title="Appeal" id="summary">
            <Definition
              items={[
                ['Seller', <span class="mono">{a.sellerId}</span>],
                ['Marketplace', a.marketplace],
                ['Team', a.team],
                ['Reviewer', a.assigneeId ?? 'Unassigned'],
                ['Opened', when(a.createdAt)],
                ['Enforcement', `${words(a.enforcement.type ?? '—')} (${a.enforcement.ref ?? '—'}): ${a.enforcement.reason ?? '—'}`],
                ['Information requests left', String(a.infoRequestsLeft)],
                ['Outcome', a.outcome ? words(a.outcome) : '—'],
              ]}
            />
          </Panel>
          <Panel title="Plan of action" id="plan">
            <Definition
              items={[
                ['Root cause', a.plan.rootCause ?? '—'],
                ['Corrective actions', list(a.plan.correctiveActions)],
                ['Preventive measures', list(a.plan.preventiveMeasures)],
                ['Evidence', list(a.plan.evidence)],
              ]}
            />
          </Panel>
          <Panel title="Requests for information" id="info-requests">
            {a.infoRequests.length === 0 ? (
              <Empty>None.</Empty>
            ) : (
              <ul>
                {a.infoRequests.map((r, i) => (
                  <li key={i}>
                    {r.question} ({words(r.status ?? 'open')}, deadline {at(r.deadlineAt)}){r.answer ? `: ${r.answer}` : ''}
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title="Decision" id="decision">
            {a.decision ? (
              <Definition
                items={[
                  ['Decision', words(a.decision.decision ?? '—')],
                  ['Reason', words(a.decision.reasonCode ?? '—')],
                  ['Rationale', a.decision.rationale ?? '—'],
                  ['Status', words(a.decision.status ?? '—')],
                  ['Decided by', a.decision.decidedBy ?? '—'],
                ]}
              />
            ) : (
              <Empty>Not decided yet.</Empty>
            )}
          </Panel>
          {a.monitoring && (
            <Panel title="Restumble monitoring" id="monitoring">
              <Definition
                items={[
                  ['Watched until', at(a.monitoring.until)],
                  ['Reinstated by', a.monitoring.reinstatedBy ?? '—'],
                  ['Result', a.monitoring.result ? words(a.monitoring.result) : 'Watching'],
                  ['Restumble', a.monitoring.restumble ? `after ${a.monitoring.restumble.daysSinceReinstatement} days` : '—'],
                ]}
              />
            </Panel>
          )}
          <TimelinePanel timeline={a.timeline} />
        </div>
        <aside class="case-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <Actions
            detail={a}
            forms={APPEAL_ACTION_FORMS}
            onDone={(message) => {
              setDone(message);
              detail.reload();
            }}
          />
        </aside>
      </div>
    </div>
  );
}
