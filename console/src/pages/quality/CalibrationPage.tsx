import { useEffect, useState } from 'preact/hooks';
import { Badge, Definition, ErrorMessage, Loading, Panel } from '../../components/common';
import { ApiError, get, newIdempotencyKey, post, put } from '../../lib/api';
import { useUser } from '../../lib/config';
import { when, words } from '../../lib/format';
import { useResource } from '../../lib/hooks';
import { percent, rateText, statistic, STATISTIC_WORDS } from '../../lib/quality-format';
import type { Agreement, CalibrationReport, CalibrationSession } from '../../lib/quality-types';
import { QUALITY_MANAGERS } from '../../lib/roles';

const key = (position: number, questionId: string) => `${position}:${questionId}`;

/**
 * A calibration session: each participant answers every item on their own (others' answers are never
 * shown while it is open); a manager closes it and reads the report: agreement overall and per question
 * (the statistic with its Landis & Koch band) and each participant's accuracy against the golden answers.
 */
export function CalibrationPage({ id }: { id: string }) {
  const user = useUser();
  const session = useResource(() => get<CalibrationSession>(`/calibration-sessions/${encodeURIComponent(id)}`), [id]);
  const s = session.data;
  if (!s) {
    return (
      <>
        <h1>{session.error ? 'Calibration session unavailable' : 'Loading calibration session…'}</h1>
        {session.loading ? <Loading rows={6} /> : <ErrorMessage error={session.error} />}
      </>
    );
  }
  const participant = s.participants.some((p) => p.userId === user.userId);
  const manager = QUALITY_MANAGERS.includes(user.role) && user.team === s.team;
  return (
    <div data-session-status={s.status}>
      <p class="eyebrow">Calibration session · {s.team}</p>
      <h1>{s.title}</h1>
      <div class="badges">
        <Badge kind="status" value={s.status} />
      </div>
      <Panel title="Session" id="session">
        <Definition
          items={[
            ['Started', `${when(s.createdAt)} by ${s.createdBy}`],
            ['Closed', when(s.closedAt)],
            ['Items', String(s.items.length)],
            ['Answers so far', s.participants.map((p) => `${p.userId} ${p.answered}/${s.items.length * s.questions.length}`).join(', ')],
          ]}
        />
        {manager && s.status === 'open' && <CloseSession id={s.id} onClosed={session.reload} />}
      </Panel>
      {participant && s.status === 'open' && <AnswerForm session={s} onSaved={session.reload} />}
      {s.status === 'closed' && <ReportPanel id={s.id} />}
    </div>
  );
}

function AnswerForm({ session: s, onSaved }: { session: CalibrationSession; onSaved: () => void }) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setAnswers(Object.fromEntries(s.myAnswers.map((a) => [key(a.position, a.questionId), a.answer]))), [s.id]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = s.items.flatMap((item) =>
      s.questions.flatMap((q) => (answers[key(item.position, q.id)] ? [{ position: item.position, questionId: q.id, answer: answers[key(item.position, q.id)] }] : [])),
    );
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await put(`/calibration-sessions/${s.id}/answers`, { answers: body });
      setSaved(`Saved ${body.length} answers.`);
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title="Your answers" id="answers">
      <p class="hint">Answer on your own: nobody sees your answers while the session is open, and you may change them until it closes.</p>
      <form onSubmit={submit} noValidate>
        <ol class="calibration-items">
          {s.items.map((item) => (
            <li key={item.position} data-item={item.position}>
              <p>
                {item.prompt}
                {item.caseId && (
                  <>
                    {' '}
                    <a href={`/console/cases/${item.caseId}`}>(the case)</a>
                  </>
                )}
              </p>
              {s.questions.map((q) => {
                const id = `item-${item.position}-${q.id}`;
                return (
                  <div class="field" key={q.id}>
                    <label for={id}>
                      {q.label} (item {item.position})
                    </label>
                    <select id={id} value={answers[key(item.position, q.id)] ?? ''} onChange={(e) => setAnswers({ ...answers, [key(item.position, q.id)]: (e.currentTarget as HTMLSelectElement).value })}>
                      <option value="">No answer</option>
                      {q.options.map((o) => (
                        <option key={o} value={o}>
                          {words(o)}
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </li>
          ))}
        </ol>
        <ErrorMessage error={error} />
        <p class="notice" role="status" aria-live="polite">
          {saved ?? ''}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save answers'}
        </button>
      </form>
    </Panel>
  );
}

function CloseSession({ id, onClosed }: { id: string; onClosed: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/calibration-sessions/${id}/close`, {}, newIdempotencyKey());
      onClosed();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err)));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void close()} disabled={busy}>
        {busy ? 'Closing…' : 'Close the session and show the report'}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}

function agreementText(a: Agreement): string {
  const lead = `${STATISTIC_WORDS[a.statistic] ?? a.statistic} ${statistic(a.value)}${a.band ? ` (${words(a.band)})` : ''}`;
  return `${lead}; α ${statistic(a.krippendorffAlpha)}; ${percent(a.percentAgreement)} of pairs agree; ${a.units} units`;
}

function ReportPanel({ id }: { id: string }) {
  const report = useResource(() => get<CalibrationReport>(`/calibration-sessions/${encodeURIComponent(id)}/report`), [id]);
  const r = report.data;
  return (
    <Panel title="Report" id="report" minHeight={240}>
      {!r ? (
        report.loading ? <Loading rows={5} /> : <ErrorMessage error={report.error} />
      ) : (
        <>
          <p data-agreement="overall">
            <strong>Overall agreement:</strong> {agreementText(r.overall)}
          </p>
          <p class="hint">Bands (Landis &amp; Koch): poor below 0; slight up to 0.20; fair up to 0.40; moderate up to 0.60; substantial up to 0.80; almost perfect above.</p>
          <div class="table-scroll">
            <table>
              <caption>Agreement by question</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Agreement</th>
                </tr>
              </thead>
              <tbody>
                {r.questions.map((q) => (
                  <tr key={q.questionId} data-question={q.questionId}>
                    <th scope="row">{q.label}</th>
                    <td>{agreementText(q)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-scroll">
            <table>
              <caption>Accuracy against the golden answers</caption>
              <thead>
                <tr>
                  <th scope="col">Participant</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Accuracy</th>
                </tr>
              </thead>
              <tbody>
                {r.participants.map((p) => (
                  <tr key={p.userId} data-participant={p.userId}>
                    <th scope="row">{p.userId}</th>
                    <td>{p.answered}</td>
                    <td>{rateText(p.overall.accuracy, p.overall.correct, p.overall.graded, p.overall.interval)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Panel>
  );
}
