import { Module } from '@nestjs/common';
import { CaseHistoryController, HistoryController } from './history.controller';
import { HistoryService } from './history.service';

@Module({ controllers: [HistoryController, CaseHistoryController], providers: [HistoryService] })
export class HistoryModule {}
