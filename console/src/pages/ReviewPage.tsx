import { useState } from 'preact/hooks';
import { Actions, Clocks, HandoffsPanel, TasksPanel, TimelinePanel } from '../components/CaseParts';
import { Badge, Definition, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { CaseHead } from '../components/CaseHead';
import { get } from '../lib/api';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { Proposal, ReviewDetail } from '../lib/types';
import { SellerFacts } from './SellerFacts';

/**
 * A strategic seller review: the seller, the playbook's checks with their findings, the risk score and
 * what explains it, the proposal with its approvals (maker and checkers), urgency and Account
 * Management's answer, enforcement steps, the statement of reasons, policy gaps and precedents, and
 * exactly the actions the API's `allowedActions` gives this user.
 */
export function ReviewPage({ id }: { id: string }) {
  const detail = useResource(() => get<ReviewDetail>(`/reviews/${encodeURIComponent(id)}`), [id], 30_000);
  const [done, setDone] = useState<string | null>(null);
  const r = detail.data;
  if (!r) {
    return (
      <>
        <h1>{detail.error ? 'Review unavailable' : 'Loading review…'}</h1>
        {detail.loading ? <Loading rows={6} /> : <ErrorMessage error={detail.error} />}
      </>
    );
  }
  const choices = {
    checkId: r.checks.map((c) => c.id),
    gapId: r.policyGaps.filter((g) => g.status === 'open').map((g) => g.id),
  };
  return (
    <div class="case-page" data-case-state={r.state} data-kind="strategic_review">
      <CaseHead
        caseId={r.id}
        eyebrow={`Strategic review · ${r.playbook.tierTitle}`}
        title={r.summary}
        state={r.state}
        severity={r.severity}
        outcome={r.outcome}
        breached={r.breached}
        refreshError={detail.error}
        done={done}
      />
      <div class="case-grid">
        <div class="case-main">
          <Panel title="Review" id="summary">
            <Definition
              items={[
                ['Seller', <span class="mono">{r.sellerId}</span>],
                ['Playbook', `${r.playbook.title} (${r.playbook.id} v${r.playbook.version})`],
                ['Opened', `${when(r.createdAt)} by ${r.createdBy} (${words(r.trigger.kind)})`],
                ['Team', r.team],
                ['Reviewer', r.assigneeId ?? 'Unassigned'],
                ['Outcome', r.outcome ? words(r.outcome) : '—'],
              ]}
            />
            {r.lastNote && <p class="hint">Note from {r.lastNote.by}: {r.lastNote.text}</p>}
          </Panel>
          {r.seller && <SellerFacts seller={r.seller} />}
          <Panel title="Playbook checks" id="checks">
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Check</th>
                    <th scope="col">Finding</th>
                    <th scope="col">Notes and evidence</th>
                  </tr>
                </thead>
                <tbody>
                  {r.checks.map((c) => (
                    <tr key={c.id} data-check={c.id}>
                      <td>
                        {c.title} {c.required ? '' : <span class="hint">(optional)</span>}
                      </td>
                      <td>{c.finding ? <Badge kind="status" value={c.finding} /> : 'Pending'}</td>
                      <td>
                        {c.notes ?? <span class="hint">{c.guidance}</span>}
                        {c.evidence.length > 0 && <span class="hint"> · {c.evidence.join(', ')}</span>}
                        {c.completedBy && <span class="hint"> · {c.completedBy}, {when(c.completedAt)}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          <Panel title="Risk assessment" id="risk">
            {!r.risk ? (
              <Empty>{r.riskPending ? 'The risk model is working…' : 'Not assessed yet.'}</Empty>
            ) : (
              <>
                <p>
                  <strong>
                    {r.risk.score}/100 · {r.risk.band}
                  </strong>{' '}
                  <span class="hint">
                    model {r.risk.modelVersion} ({r.risk.model}), {when(r.risk.assessedAt)}
                    {r.risk.fallbackReason ? ` · fallback: ${r.risk.fallbackReason}` : ''}
                  </span>
                </p>
                {r.risk.signals.length === 0 ? (
                  <Empty>No signal added to the score.</Empty>
                ) : (
                  <table>
                    <caption class="visually-hidden">Signals that explain the score, largest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Signal</th>
                        <th scope="col">Points</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.risk.signals.map((s) => (
                        <tr key={s.name}>
                          <td>{s.description}</td>
                          <td>{s.contribution}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </>
            )}
          </Panel>
          <Panel title="Decision and approvals" id="decision">
            {r.proposal ? <ProposalView p={r.proposal} /> : <Empty>No decision proposed.</Empty>}
            {r.previousProposals.length > 0 && (
              <details>
                <summary>Earlier proposals ({r.previousProposals.length})</summary>
                {r.previousProposals.map((p) => (
                  <ProposalView key={p.n} p={p} />
                ))}
              </details>
            )}
          </Panel>
          {r.enforcements.length > 0 && (
            <Panel title="Enforcement" id="enforcement">
              <ol>
                {r.enforcements.map((e) => (
                  <li key={e.n}>
                    Attempt {e.n}: <Badge kind="status" value={e.status} /> {e.failure && <span class="hint">{e.failure}</span>}
                    <ul class="sub-list">
                      {e.steps.map((s) => (
                        <li key={s.step}>
                          {words(s.step)}: {words(s.status)}
                          {s.error ? ` (${s.error})` : ''}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ol>
            </Panel>
          )}
          {r.statementOfReasons && (
            <Panel title="Statement of reasons" id="statement">
              <Definition
                items={[
                  ['Measure', String(r.statementOfReasons.measure.description ?? '')],
                  ['Scope', `${String(r.statementOfReasons.measure.scope)}, ${String(r.statementOfReasons.measure.territorialScope)}`],
                  ['Until', r.statementOfReasons.measure.endsAt ? when(String(r.statementOfReasons.measure.endsAt)) : 'lifted'],
                  ['Ground', `${r.statementOfReasons.ground.policyCitation ?? ''} (${words(r.statementOfReasons.ground.reasonCode)})`],
                  ['Automation', r.statementOfReasons.automation.description ?? '—'],
                ]}
              />
              <h3>Facts relied on</h3>
              <ul>
                {r.statementOfReasons.facts.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
              <h3>Redress</h3>
              <ul>
                {r.statementOfReasons.redress.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </Panel>
          )}
          <Panel title="Policy gaps" id="policy-gaps">
            {r.policyGaps.length === 0 ? (
              <Empty>No policy gap flagged.</Empty>
            ) : (
              <ul>
                {r.policyGaps.map((g) => (
                  <li key={g.id}>
                    <strong>{g.tag}</strong> <Badge kind="status" value={g.status} /> {g.question}
                    {g.decision && (
                      <p class="hint">
                        Decided by {g.decidedBy}: {g.decision} (precedent: {g.precedent})
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {r.precedents.length > 0 && (
              <>
                <h3>Precedents with the same tags</h3>
                <ul>
                  {r.precedents.map((p) => (
                    <li key={p.gapId}>
                      <strong>{p.tag}</strong>: {p.precedent} <a href={`/console/cases/${p.caseId}`}>(case)</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Panel>
          <Panel title="SLA clocks" id="clocks">
            {r.clocks.length === 0 ? <Empty>No clocks yet.</Empty> : <Clocks clocks={r.clocks} />}
          </Panel>
          <TasksPanel tasks={r.tasks} />
          <HandoffsPanel handoffs={r.handoffs} />
          <TimelinePanel timeline={r.timeline} />
        </div>
        <aside class="case-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <Actions
            detail={r}
            choices={choices}
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

function ProposalView({ p }: { p: Proposal }) {
  const a = p.approval;
  return (
    <div class="proposal" data-proposal={p.n}>
      <p>
        <strong>{words(p.decision)}</strong> · {words(p.reasonCode)} · {p.policyCitation} · <Badge kind="status" value={p.status} />
      </p>
      <p>{p.rationale}</p>
      <p class="hint">
        Scope: {p.scope} · {p.durationDays ? `${p.durationDays} days` : 'until lifted'} · proposed by {p.proposedBy} (maker), {when(p.proposedAt)}
      </p>
      {a && (
        <div class="approval">
          <p>
            Approvals: {a.approvals.length ? a.approvals.map((v) => `${v.by} (${words(v.role)})`).join(', ') : 'none yet'} ·{' '}
            {a.status === 'pending' ? `needs ${a.stillNeeded}` : words(a.status)}
          </p>
          <p class="hint">
            Policy: {a.policy.requiredApprovals} approval(s), {words(a.policy.minimumRole)} or above
            {a.policy.atLeast ? `, at least ${a.policy.atLeast.count} ${words(a.policy.atLeast.role)}` : ''}, never the maker · reminds {when(a.remindAt)}, escalates {when(a.escalateAt)}
          </p>
          {a.rejection && (
            <p>
              Rejected by {a.rejection.by}: {a.rejection.reasons}
            </p>
          )}
        </div>
      )}
      {p.urgency && (
        <p>
          Urgent: {p.urgency.reason} · {p.urgency.approvedBy ? `urgency approved by ${p.urgency.approvedBy}` : 'urgency awaits a manager'}
        </p>
      )}
      {p.consultation && (
        <p>
          Account Management ({p.consultation.accountManagerId ?? 'team'}): {words(p.consultation.status)}
          {p.consultation.response ? ` · ${p.consultation.response}: ${p.consultation.reasons}` : ` · window closes ${when(p.consultation.closesAt)}`}
        </p>
      )}
    </div>
  );
}
