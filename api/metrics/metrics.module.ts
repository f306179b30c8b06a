import { Module } from '@nestjs/common';
import { WorkloadModule } from '../workload/workload.module';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

@Module({ imports: [WorkloadModule], controllers: [MetricsController], providers: [MetricsService, MetricsRepository] })
export class MetricsModule {}
