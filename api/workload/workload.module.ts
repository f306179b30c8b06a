import { Module } from '@nestjs/common';
import { WorkloadController } from './workload.controller';
import { WorkloadRepository } from './workload.repository';
import { WorkloadService } from './workload.service';

// The metrics API serves the staffing plan from the same service.
@Module({ controllers: [WorkloadController], providers: [WorkloadService, WorkloadRepository], exports: [WorkloadService] })
export class WorkloadModule {}
