import type { DataSource } from 'typeorm';
import { renderNotice } from '../messages/render';
import { COMPENSATIONS, REINSTATEMENT } from '../../workflows/enforcement/enforcement-plan';
import type { StatementOfReasons } from '../../workflows/strategic-review/statement.types';
import { EnforcementRefused, type CompensationRequest, type EnforcementActionRequest, type EnforcementGateway } from './enforcement-gateway';

/**
 * The default gateway: records each action in `enforcement_actions` (keyed by its idempotency key, so
 * a repeat is a no-op) in place of the marketplace's enforcement system. `notify_seller` also leaves
 * the statement of reasons in the seller's message feed (`seller:<id>`), where a relay picks it up.
 */
export class DatabaseEnforcementGateway implements EnforcementGateway {
  constructor(private readonly dataSource: DataSource) {}

  async apply(r: EnforcementActionRequest): Promise<{ actionId: string }> {
    await this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO enforcement_actions (id, enforcement_id, case_id, seller_id, marketplace, decision, action, params, requested_by, status, applied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'applied', now()) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [r.idempotencyKey, r.enforcementId, r.caseId, r.sellerId, r.marketplace, r.decision, r.step, JSON.stringify(r.params), r.requestedBy],
      );
      if (r.step !== 'notify_seller' || inserted.length === 0) return;
      let template: string;
      let message: string;
      if (r.decision === REINSTATEMENT) {
        template = 'seller_reinstatement_notice';
        message = renderNotice(template, { caseId: r.caseId, appealed: String(r.params.appealed ?? 'enforcement') }, typeof r.params.language === 'string' ? r.params.language : null);
      } else {
        if (!r.statement) throw new EnforcementRefused(`notify_seller for case ${r.caseId} came without a statement of reasons: the seller cannot be told why`);
        template = 'seller_enforcement_notice';
        message = renderNotice(template, statementParams(r.statement));
      }
      await tx.query(
        `INSERT INTO notifications (id, user_id, case_id, template, message, created_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (id) DO NOTHING`,
        [`${r.idempotencyKey}:seller`, `seller:${r.sellerId}`, r.caseId, template, message],
      );
    });
    return { actionId: r.idempotencyKey };
  }

  async compensate(r: CompensationRequest): Promise<{ actionId: string }> {
    await this.dataSource.transaction(async (tx) => {
      const [original] = (await tx.query(`SELECT * FROM enforcement_actions WHERE id = $1 FOR UPDATE`, [r.actionId])) as Array<Record<string, unknown>>;
      if (!original) throw new EnforcementRefused(`no enforcement action ${r.actionId} to undo`);
      const undo = COMPENSATIONS[original.action as keyof typeof COMPENSATIONS];
      if (!undo) throw new EnforcementRefused(`${String(original.action)} cannot be undone`);
      await tx.query(
        `INSERT INTO enforcement_actions (id, enforcement_id, case_id, seller_id, marketplace, decision, action, params, requested_by, reverses, status, applied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'system', $9, 'applied', now()) ON CONFLICT (id) DO NOTHING`,
        [r.idempotencyKey, original.enforcement_id, original.case_id, original.seller_id, original.marketplace, original.decision, undo, JSON.stringify({ reason: r.reason }), r.actionId],
      );
      await tx.query(`UPDATE enforcement_actions SET status = 'reversed', reversed_at = now() WHERE id = $1 AND status = 'applied'`, [r.actionId]);
    });
    return { actionId: r.idempotencyKey };
  }
}

/** The statement's fields as the seller's message renders them (activities/messages). */
export function statementParams(st: StatementOfReasons): Record<string, string | number | null> {
  return {
    caseId: st.caseId,
    statementId: st.id,
    decision: st.measure.decision,
    measure: st.measure.description,
    scope: st.measure.scope,
    territorialScope: st.measure.territorialScope,
    endsAt: st.measure.endsAt,
    facts: st.facts.join('\n- '),
    automation: st.automation.description,
    ground: `${st.ground.policyCitation} (${st.ground.reasonCode.replace(/_/g, ' ')})`,
    redress: st.redress.join('\n- '),
  };
}
