import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { ErrorCode } from '../common/error-codes';
import { TemporalClient } from '../common/runtime';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly temporal: TemporalClient,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  health() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Temporal are reachable' })
  async ready() {
    const [postgres, temporal] = await Promise.all([
      this.dataSource.query('SELECT 1').then(ok, fail),
      this.temporal.client.workflowService.getSystemInfo({}).then(ok, fail),
    ]);
    const body = { status: postgres.ok && temporal.ok ? 'ready' : 'not_ready', checks: { postgres, temporal } };
    if (!postgres.ok || !temporal.ok) {
      throw new ServiceUnavailableException({ error: ErrorCode.Unavailable, message: 'A dependency is unreachable', details: body });
    }
    return body;
  }
}

const ok = () => ({ ok: true as const });
const fail = (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e.message : String(e) });
