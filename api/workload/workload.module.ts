import { Module } from '@nestjs/common';
import { WorkloadController } from './workload.controller';
import { WorkloadRepository } from './workload.repository';
import { WorkloadService } from './workload.service';

@Module({ controllers: [WorkloadController], providers: [WorkloadService, WorkloadRepository] })
export class WorkloadModule {}
