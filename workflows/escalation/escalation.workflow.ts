import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { AuditEvent } from '../common/case-projection';
import { SA_CASE_KIND, SA_SELLER_ID, SA_SEVERITY, SA_STATE } from '../common/search-attributes';
import {
  awaitRecordedUpdate,
  getEscalationQuery,
  type EscalationInput,
  type EscalationView,
} from './escalation.contract';

const { projectCase } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function escalationWorkflow(input: EscalationInput): Promise<EscalationView> {
  const now = Date.now();
  const view: EscalationView = {
    caseId: input.caseId,
    workflowId: workflowInfo().workflowId,
    state: 'new',
    sellerId: input.sellerId,
    marketplace: input.marketplace,
    severity: input.severity,
    category: input.category,
    summary: input.summary,
    team: null,
    assigneeId: null,
    breached: false,
    createdBy: input.createdBy.userId,
    createdAt: input.requestedAt,
    updatedAt: now,
  };
  let recorded = false;
  let seq = 0;

  setHandler(getEscalationQuery, () => view);
  setHandler(awaitRecordedUpdate, async () => {
    await condition(() => recorded);
    return view;
  });

  const events: AuditEvent[] = [
    { seq: seq++, actor: input.createdBy, action: 'create', fromState: null, toState: 'triage', at: now },
  ];
  view.state = 'triage';
  upsertSearchAttributes([
    { key: SA_CASE_KIND, value: 'escalation' },
    { key: SA_STATE, value: view.state },
    { key: SA_SEVERITY, value: view.severity },
    { key: SA_SELLER_ID, value: view.sellerId },
  ]);
  await projectCase({
    row: { ...view, kind: 'escalation', snapshot: { ...view } },
    projectionSeq: seq,
    events,
  });
  recorded = true;

  await condition(() => view.state === 'closed');
  return view;
}
