import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/env';
import { AccessService } from './auth/access.service';
import { AuthGuard } from './auth/auth.guard';
import { SignInModule } from './auth/sign-in.module';
import { ConsoleModule } from './console/console.module';
import { RosterRepository } from './roster/roster.repository';
import { ApiSettings, TemporalClient } from './common/runtime';
import { RateLimitGuard, rateLimitModule } from './common/rate-limit';
import { BulkOperationsModule } from './bulk-operations/bulk-operations.module';
import { CasesModule } from './cases/cases.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { EscalationsModule } from './escalations/escalations.module';
import { HandoffsModule } from './handoffs/handoffs.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { InboxModule } from './inbox/inbox.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PrometheusModule } from './prometheus/prometheus.module';
import { PolicyGapsModule } from './policy-gaps/policy-gaps.module';
import { QualityModule } from './quality/quality.module';
import { ReviewsModule } from './reviews/reviews.module';
import { AppealsModule } from './appeals/appeals.module';
import { ReportsModule } from './reports/reports.module';
import { SurveysModule } from './surveys/surveys.module';
import { SellersModule } from './sellers/sellers.module';
import { RosterModule } from './roster/roster.module';
import { TeamsModule } from './teams/teams.module';
import { WorkloadModule } from './workload/workload.module';

export interface ApiDeps {
  config: AppConfig;
  dataSource: DataSource;
  temporal: Client;
}

@Module({})
export class AppModule {
  static register(deps: ApiDeps): DynamicModule {
    const runtime = {
      module: AppModule,
      global: true,
      providers: [
        { provide: ApiSettings, useValue: { config: deps.config } },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After the AuthGuard, so writes are counted per signed-in user.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: TemporalClient, useValue: { client: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE } },
        RosterRepository,
        AccessService,
      ],
      exports: [ApiSettings, DataSource, TemporalClient, RosterRepository, AccessService],
    };
    return {
      ...runtime,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: deps.config.LOG_LEVEL,
            // Reuse the caller's request id when it sends one, so a request can be traced across services.
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization'],
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          },
        }),
        rateLimitModule(deps.config),
        HealthModule,
        PrometheusModule,
        CasesModule,
        BulkOperationsModule,
        WebhooksModule,
        EscalationsModule,
        SellersModule,
        ReviewsModule,
        AppealsModule,
        ReportsModule,
        SurveysModule,
        PolicyGapsModule,
        HandoffsModule,
        InboxModule,
        NotificationsModule,
        HistoryModule,
        RosterModule,
        WorkloadModule,
        MetricsModule,
        QualityModule,
        TeamsModule,
        SignInModule,
        ConsoleModule,
      ],
    };
  }
}
