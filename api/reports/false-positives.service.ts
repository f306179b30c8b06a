import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../workflows/common/actor';
import { AccessService } from '../auth/access.service';
import { DomainError, ErrorCode } from '../common/error-codes';
import { resolvePeriod } from '../metrics/period';
import { falsePositiveReport, type FalsePositiveCase, type FalsePositiveReport } from './false-positives';
import type { FalsePositivesQuery } from './false-positives.query';

/** Reads the false-positive feedback for one upstream team and period (the arithmetic is in false-positives.ts). */
@Injectable()
export class FalsePositivesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async report(actor: Actor, q: FalsePositivesQuery): Promise<FalsePositiveReport> {
    this.access.require(actor, 'false_positives.view', { kind: 'enforcements' });
    const resolved = resolvePeriod({ from: q.from, to: q.to, bucket: 'month', timeZone: q.timeZone ?? 'UTC' }, Date.now());
    if (!resolved.ok) throw new DomainError(ErrorCode.ValidationFailed, resolved.problems.map((p) => p.problems.join('; ')).join('; '), { fields: resolved.problems });
    const from = new Date(resolved.period.from);
    const to = new Date(resolved.period.to);
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM reported_enforcements WHERE upstream_team = $1 AND enforced_at >= $2 AND enforced_at < $3`,
      [q.upstreamTeam, from, to],
    )) as Array<{ n: number }>;
    const rows = (await this.dataSource.query(
      `SELECT case_id, seller_id, enforcement_ref, enforcement_type, reason_code, error_note, decided_by, decided_at FROM appeals
        WHERE enforcement_error AND error_upstream_team = $1 AND decided_at >= $2 AND decided_at < $3 ORDER BY decided_at, case_id`,
      [q.upstreamTeam, from, to],
    )) as Array<{ case_id: string; seller_id: string; enforcement_ref: string; enforcement_type: string; reason_code: string | null; error_note: string | null; decided_by: string | null; decided_at: Date | null }>;
    const cases: FalsePositiveCase[] = rows.map((r) => ({
      caseId: r.case_id, sellerId: r.seller_id, enforcementRef: r.enforcement_ref, enforcementType: r.enforcement_type, reasonCode: r.reason_code,
      note: r.error_note, decidedBy: r.decided_by, decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    }));
    return falsePositiveReport(q.upstreamTeam, from.toISOString(), to.toISOString(), n, cases);
  }
}
