import { Controller, Get, Header, Logger, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { ApiStandardErrors } from '../common/openapi/api-standard-errors.decorator';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ErrorResponse } from '../common/error.response';
import { ApiSettings } from '../common/runtime';
import { checkMetricsToken } from './metrics-token';
import { PrometheusMetrics } from './prometheus-metrics';

export const METRICS_TOKEN_SCHEME = 'metrics-token';

/**
 * Prometheus scrapes here without a user: it presents the static METRICS_TOKEN as a bearer token
 * instead (a user's access token does not open it, and this token opens nothing else). Without
 * METRICS_TOKEN the endpoint is off.
 */
@ApiTags('prometheus')
@Public()
@Controller()
export class PrometheusController {
  private readonly logger = new Logger('Prometheus');

  constructor(
    private readonly metrics: PrometheusMetrics,
    private readonly settings: ApiSettings,
  ) {}

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics of the API: HTTP requests by route and status, cases by state, open SLA clocks, breaches, handoffs' })
  @ApiSecurity(METRICS_TOKEN_SCHEME)
  // Its own token, no user token; a read model that is down shows as riskdesk_read_model_up 0, not an error.
  @ApiStandardErrors('401', '404')
  // Only the metrics are text; the errors are the usual JSON ErrorResponse.
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({ type: ErrorResponse, description: 'unauthenticated: no Authorization header, or not Bearer <METRICS_TOKEN>' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'not_found: the endpoint is off (METRICS_TOKEN is not set)' })
  async scrape(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const expected = this.settings.config.METRICS_TOKEN;
    if (!expected) throw new DomainError(ErrorCode.NotFound, 'The Prometheus endpoint is off: set METRICS_TOKEN to turn it on');
    const check = checkMetricsToken(req.headers.authorization, expected);
    if (!check.ok) {
      this.logger.warn({ event: 'auth_refused', method: req.method, path: req.originalUrl, ip: req.ip, reason: check.reason });
      throw new DomainError(ErrorCode.Unauthenticated, check.reason);
    }
    const text = await this.metrics.api.registry.metrics();
    // Set only on success: an error answer stays JSON.
    res.type(Registry.PROMETHEUS_CONTENT_TYPE);
    return text;
  }
}
