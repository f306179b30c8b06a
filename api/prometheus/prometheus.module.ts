import { Logger, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { createApiMetrics } from './api-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { PrometheusController } from './prometheus.controller';
import { PrometheusMetrics } from './prometheus-metrics';
import { DEFAULT_READ_MODEL_GAUGE_OPTIONS, ReadModelGauges } from './read-model-gauges';
import { ReadModelRepository } from './read-model.repository';

@Module({
  controllers: [PrometheusController],
  providers: [
    ReadModelRepository,
    {
      provide: PrometheusMetrics,
      inject: [ReadModelRepository],
      useFactory: (readModel: ReadModelRepository): PrometheusMetrics => {
        const api = createApiMetrics();
        const logger = new Logger('Prometheus');
        new ReadModelGauges(api.registry, (timeoutMs) => readModel.snapshot(timeoutMs), {
          ...DEFAULT_READ_MODEL_GAUGE_OPTIONS,
          onError: (err) => logger.warn({ event: 'read_model_gauges_failed', reason: err instanceof Error ? err.message : String(err) }),
        });
        return { api };
      },
    },
    HttpMetricsMiddleware,
  ],
})
export class PrometheusModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
