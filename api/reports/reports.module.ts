import { Module } from '@nestjs/common';
import { FalsePositivesService } from './false-positives.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [FalsePositivesService] })
export class ReportsModule {}
