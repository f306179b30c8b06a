import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { HistoryController } from './history.controller';
import { HistoryService } from './history.service';

@Module({ imports: [EscalationsModule], controllers: [HistoryController], providers: [HistoryService] })
export class HistoryModule {}
