import type { ComponentChildren } from 'preact';
import type { ApiError } from '../lib/api';
import { Badge, ErrorMessage } from './common';
import { HistoryLink } from './HistoryLink';

/**
 * The head of a case page of any kind: what it is, its title and badges, the history link for those
 * who may read it, a failed refresh, and the confirmation of the last action (announced politely).
 */
export function CaseHead(props: {
  caseId: string;
  eyebrow: ComponentChildren;
  title: ComponentChildren;
  state: string;
  severity?: string;
  outcome?: string | null;
  breached: boolean;
  refreshError: ApiError | null | undefined;
  done: string | null;
}) {
  return (
    <>
      <header class="case-head">
        <p class="eyebrow">
          {props.eyebrow} · <span class="mono">{props.caseId}</span>
        </p>
        <h1>{props.title}</h1>
        <div class="badges">
          <Badge kind="state" value={props.state} />
          {props.severity && <Badge kind="severity" value={props.severity} />}
          {props.outcome && <Badge kind="status" value={props.outcome} />}
          {props.breached && <span class="badge badge-breached">SLA breached</span>}
        </div>
        <HistoryLink caseId={props.caseId} />
      </header>
      <ErrorMessage error={props.refreshError} prefix="Could not refresh" />
      <p class="notice" role="status" aria-live="polite">
        {props.done ?? ''}
      </p>
    </>
  );
}
