import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({ imports: [EscalationsModule], controllers: [HistoryController, RunsController], providers: [HistoryService, RunsService] })
export class HistoryModule {}
