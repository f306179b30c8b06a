import { useState } from 'preact/hooks';
import { Countdown } from '../components/Countdown';
import { Field } from '../components/Field';
import { Badge, Empty, ErrorMessage, Loading, Panel } from '../components/common';
import { ApiError, get, newIdempotencyKey, post } from '../lib/api';
import { HANDOFF_OUTCOMES } from '../lib/case-vocabulary';
import { useUser } from '../lib/config';
import { when, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { Handoff, HandoffPage } from '../lib/types';

/** Legal, Policy and Customer Trust: the open handoffs addressed to my team, each answered in place. */
export function ApprovalsPage() {
  const user = useUser();
  const [tab, setTab] = useState<'open' | 'answered'>('open');
  const [done, setDone] = useState<string | null>(null);
  const list = useResource(() => get<HandoffPage>(`/handoffs?status=${tab}&limit=100`), [tab], 30_000);
  return (
    <>
      <h1>Approvals for {words(user.team)}</h1>
      <div class="tabs" role="group" aria-label="Which handoffs">
        <button type="button" aria-pressed={tab === 'open'} onClick={() => setTab('open')}>
          Open
        </button>
        <button type="button" aria-pressed={tab === 'answered'} onClick={() => setTab('answered')}>
          Answered
        </button>
      </div>
      <p class="notice" role="status" aria-live="polite">
        {done ?? ''}
      </p>
      <Panel title={tab === 'open' ? 'Waiting for an answer' : 'Answered'} id="handoffs" minHeight={240}>
        {!list.data ? (
          list.loading ? <Loading rows={4} /> : <ErrorMessage error={list.error} />
        ) : list.data.items.length === 0 ? (
          <Empty>{tab === 'open' ? 'No open handoffs for your team.' : 'No answered handoffs yet.'}</Empty>
        ) : (
          <ul class="handoff-queue">
            {[...list.data.items]
              .sort((a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity))
              .map((h) => (
                <HandoffCard
                  key={h.id}
                  handoff={h}
                  onAnswered={(outcome) => {
                    setDone(`Answered “${h.question.slice(0, 60)}” with ${outcome}.`);
                    list.reload();
                  }}
                />
              ))}
          </ul>
        )}
      </Panel>
    </>
  );
}

function HandoffCard({ handoff: h, onAnswered }: { handoff: Handoff; onAnswered: (outcome: string) => void }) {
  const idBase = `h-${h.id.replace(/[^A-Za-z0-9]/g, '')}`;
  return (
    <li class="handoff-card" data-handoff={h.id}>
      <div class="handoff-card-head">
        <h2 class="h3">{h.case ? <a href={`/console/cases/${h.caseId}`}>{h.case.summary}</a> : h.caseId}</h2>
        {h.status === 'open' ? <Countdown deadlineAt={h.dueAt} warned={Boolean(h.remindedAt)} /> : <Badge kind="status" value={h.status} />}
      </div>
      {h.case && (
        <p class="sub">
          Seller <span class="mono">{h.case.sellerId}</span> · {h.case.marketplace} · <Badge kind="severity" value={h.case.severity} /> · case {words(h.case.state)} · {h.case.team}
        </p>
      )}
      <p class="question">
        <strong>Question</strong> from {h.requestedBy}, {when(h.requestedAt)}
        {h.blocking ? ' (the case waits for this answer)' : ' (FYI)'}: {h.question}
      </p>
      {h.escalatedAt && <p class="warning-text">Escalated to the team lead {when(h.escalatedAt)}.</p>}
      {h.answer ? (
        <div class="answer">
          <p>
            <Badge kind="status" value={h.answer.outcome} /> by {h.answer.answeredBy}, {when(h.answer.answeredAt)}
          </p>
          <p>{h.answer.notes}</p>
          {h.answer.citation && <p class="hint">Citation: {h.answer.citation}</p>}
        </div>
      ) : (
        h.status === 'open' && <AnswerForm handoff={h} idBase={idBase} onAnswered={onAnswered} />
      )}
    </li>
  );
}

function AnswerForm({ handoff, idBase, onAnswered }: { handoff: Handoff; idBase: string; onAnswered: (outcome: string) => void }) {
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [citation, setCitation] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const problems = (field: string) => error?.fields.filter((f) => f.field === field).flatMap((f) => f.problems);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { outcome, notes };
      if (citation.trim()) body.citation = citation.trim();
      await post(`/handoffs/${encodeURIComponent(handoff.id)}/answer`, body, key);
      onAnswered(outcome);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };

  return (
    <form class="action-form" onSubmit={submit} noValidate aria-label={`Answer: ${handoff.question.slice(0, 80)}`}>
      <fieldset class={problems('outcome')?.length ? 'field field-invalid' : 'field'} aria-describedby={problems('outcome')?.length ? `${idBase}-outcome-error` : undefined}>
        <legend>Outcome</legend>
        <div class="radios">
          {HANDOFF_OUTCOMES.map((o) => (
            <label key={o}>
              <input type="radio" name={`${idBase}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {words(o)}
            </label>
          ))}
        </div>
        {problems('outcome')?.length ? (
          <p class="field-error" id={`${idBase}-outcome-error`}>
            {problems('outcome')!.join('; ')}
          </p>
        ) : null}
      </fieldset>
      <Field id={`${idBase}-notes`} label="Notes" problems={problems('notes')}>
        {(a11y) => <textarea {...a11y} rows={3} value={notes} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <Field id={`${idBase}-citation`} label="Citation (optional)" hint="The law, policy clause or precedent the answer rests on" problems={problems('citation')}>
        {(a11y) => <input {...a11y} type="text" value={citation} onInput={(e) => setCitation((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      {error && (
        <p class="error" role="alert">
          {error.fields.length ? 'Please correct the fields marked above.' : error.message}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send answer'}
      </button>
    </form>
  );
}
