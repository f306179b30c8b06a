import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ErrorResponse } from '../common/error.response';
import { ApiStandardErrors } from '../common/openapi/api-standard-errors.decorator';
import { ApiSettings, TemporalClient } from '../common/runtime';
import { HealthResponse, ReadinessResponse } from './health.response';
import { checkPostgres, checkTemporal, checkWorker } from './readiness';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
    private readonly settings: ApiSettings,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiStandardErrors()
  @ApiOkResponse({ type: HealthResponse })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Temporal answer, and a worker polls the task queue; each check is bounded by READY_CHECK_TIMEOUT_MS',
  })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiStandardErrors('503')
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'unavailable: details.checks says which check failed and why (Retry-After set)' })
  async ready(): Promise<ReadinessResponse> {
    const timeoutMs = this.settings.config.READY_CHECK_TIMEOUT_MS;
    const { client, taskQueue } = this.temporal;
    const [postgres, temporal, worker] = await Promise.all([
      checkPostgres(this.dataSource, timeoutMs),
      checkTemporal(client, timeoutMs),
      checkWorker(client, taskQueue, timeoutMs),
    ]);
    const checks = { postgres, temporal, worker };
    const missing = Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name, c]) => `${name}: ${c.error}`);
    if (missing.length) {
      throw new DomainError(ErrorCode.Unavailable, `not ready: ${missing.join('; ')}`, { status: 'not_ready', checks, retryAfterSeconds: 5 });
    }
    return { status: 'ready', checks };
  }
}
