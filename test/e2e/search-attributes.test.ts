import { randomUUID } from 'node:crypto';
import { apiClient, eventually } from '../api/escalation-api.helpers';
import { createIntegrationContext, type IntegrationContext } from '../support/harness';

/**
 * Operators filter cases through Temporal visibility: the case runtime keeps the search attributes
 * up to date (kind, state, severity, seller, team, assignee, breached, resolution deadline), and a
 * `temporal workflow list --query` style query on the run's real dev server finds the case.
 */
describe('search attributes (real dev server visibility)', () => {
  let ctx: IntegrationContext;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    api = apiClient(ctx);
  });
  afterAll(() => ctx.close());

  const ids = async (query: string) => {
    const found: string[] = [];
    for await (const wf of ctx.client.workflow.list({ query })) found.push(wf.workflowId);
    return found;
  };

  it('finds a case by every attribute, and follows it as it changes hands and team', async () => {
    const sellerId = `sa-${randomUUID().slice(0, 8)}`;
    const c = await api.caseWorkedBy('ana', { sellerId, severity: 'high' });
    const now = new Date().toISOString();
    const query =
      `RiskdeskCaseKind = 'escalation' AND RiskdeskState = 'in_progress' AND RiskdeskSeverity = 'high' AND RiskdeskSellerId = '${sellerId}' ` +
      `AND RiskdeskTeam = 'seller-risk-eu' AND RiskdeskAssignee = 'ana' AND RiskdeskBreached = false AND RiskdeskResolutionDeadline > '${now}'`;
    await eventually(async () => ((await ids(query)).includes(c.workflowId) ? true : undefined), 'the case in a visibility query on every attribute', 15_000);

    // A manager moves it to another team's manager: team and assignee follow.
    await api.action('max', c.id, 'reassign', { assigneeId: 'dana', reason: 'US marketplace' });
    const moved = `RiskdeskSellerId = '${sellerId}' AND RiskdeskTeam = 'seller-risk-us' AND RiskdeskAssignee = 'dana'`;
    await eventually(async () => ((await ids(moved)).includes(c.workflowId) ? true : undefined), 'the reassigned case under its new team', 15_000);

    // Resolved: the resolution clock is met, so no deadline is left to filter on.
    await api.action('dana', c.id, 'acknowledge');
    await api.action('dana', c.id, 'resolve', { resolutionCode: 'duplicate', rootCause: 'not_applicable' });
    const resolved = `RiskdeskSellerId = '${sellerId}' AND RiskdeskState = 'resolved'`;
    await eventually(async () => ((await ids(resolved)).includes(c.workflowId) ? true : undefined), 'the resolved case', 15_000);
    expect(await ids(`RiskdeskSellerId = '${sellerId}' AND RiskdeskResolutionDeadline IS NOT NULL`)).toEqual([]);
  });
});
