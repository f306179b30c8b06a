import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/common/actor';
import { restumbleSignal, type RestumbleSignal } from '../../workflows/appeal/appeal.contract';
import type { EnforcementSource, UpstreamTeam } from '../../workflows/appeal/appeal.vocabulary';

/** A new enforcement on a seller, from the enforcement system (inbound route) or a strategic review's saga. */
export interface EnforcementReport {
  enforcementId: string;
  sellerId: string;
  enforcementType: string;
  upstreamTeam: UpstreamTeam;
  reason: string;
  decidedBy: string[];
  source: EnforcementSource;
}

/**
 * Records the enforcement (once per id: what the false-positive rate counts against) and tells each
 * of the seller's appeals in monitoring: each records a restumble (not the appeal against this very
 * enforcement, which a repeated report must not turn into its own restumble). Idempotent: a repeated report
 * inserts nothing, and an appeal that already closed is no longer in monitoring (a signal to one that
 * closed in between is ignored). Returns the appeals told.
 */
export async function reportEnforcement(dataSource: DataSource, temporal: Client, report: EnforcementReport, actor: Actor): Promise<string[]> {
  await dataSource.query(
    `INSERT INTO reported_enforcements (id, seller_id, enforcement_type, upstream_team, reason, decided_by, enforced_at, reported_by)
     VALUES ($1, $2, $3, $4, $5, $6, now(), $7) ON CONFLICT (id) DO NOTHING`,
    [report.enforcementId, report.sellerId, report.enforcementType, report.upstreamTeam, report.reason, report.decidedBy, actor.userId],
  );
  const monitoring = (await dataSource.query(
    `SELECT c.id, c.workflow_id FROM appeals a JOIN cases c ON c.id = a.case_id WHERE a.seller_id = $1 AND a.enforcement_ref <> $2 AND c.state = 'monitoring' ORDER BY c.id`,
    [report.sellerId, report.enforcementId],
  )) as Array<{ id: string; workflow_id: string }>;
  const payload: RestumbleSignal = { actor, enforcementRef: report.enforcementId, source: report.source, enforcementType: report.enforcementType, reason: report.reason };
  for (const appeal of monitoring) await temporal.workflow.getHandle(appeal.workflow_id).signal(restumbleSignal, payload);
  return monitoring.map((m) => m.id);
}
