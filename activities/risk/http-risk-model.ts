import { z } from 'zod';
import type { RiskAssessment } from '../../workflows/strategic-review/review.state';
import { RISK_BANDS } from '../../workflows/strategic-review/review.vocabulary';
import type { RiskFacts, RiskModel } from './risk-model';
import { bandFor } from './rules-risk-model';

/**
 * An external scoring service (the science team's model), asked over HTTP with a timeout. Whatever
 * goes wrong (timeout, connection refused, an error status, an answer of the wrong shape), the
 * fallback model answers instead and the assessment says so (`fallback.reason`), so a review is never
 * held up by the service.
 *
 * The service is POSTed the facts as JSON and answers `{ score, modelVersion, band?, signals? }`.
 */
const answerSchema = z.object({
  score: z.number().min(0).max(100),
  modelVersion: z.string().min(1).max(100),
  band: z.enum(RISK_BANDS).optional(),
  signals: z
    .array(z.object({ name: z.string().max(100), description: z.string().max(500), value: z.number(), weight: z.number(), contribution: z.number() }))
    .max(100)
    .optional(),
});

export class HttpRiskModel implements RiskModel {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly fallback: RiskModel,
  ) {}

  async assess(facts: RiskFacts): Promise<RiskAssessment> {
    let reason: string;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(facts),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (res.ok) {
        const parsed = answerSchema.safeParse(await res.json().catch(() => undefined));
        if (parsed.success) {
          const a = parsed.data;
          return { score: Math.round(a.score), band: a.band ?? bandFor(a.score), modelVersion: a.modelVersion, model: 'http', fallback: null, signals: a.signals ?? [], assessedAt: facts.now };
        }
        reason = `the scoring service answered in an unexpected shape (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message})`;
      } else {
        reason = `the scoring service answered HTTP ${res.status}`;
      }
    } catch (err) {
      const e = err as Error;
      reason = e.name === 'TimeoutError' ? `the scoring service did not answer within ${this.timeoutMs} ms` : `the scoring service could not be reached (${e.message})`;
    }
    return { ...(await this.fallback.assess(facts)), fallback: { reason } };
  }
}

/** The model the configuration asks for: the rules, or the external service with the rules as fallback. */
export function riskModelFor(config: { RISK_SCORING_URL?: string; RISK_SCORING_TIMEOUT_MS: number }, rules: RiskModel): RiskModel {
  return config.RISK_SCORING_URL ? new HttpRiskModel(config.RISK_SCORING_URL, config.RISK_SCORING_TIMEOUT_MS, rules) : rules;
}
