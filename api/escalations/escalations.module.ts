import { Module } from '@nestjs/common';
import { EscalationActionsController } from './escalation-actions.controller';
import { EscalationActionsService } from './escalation-actions.service';
import { EscalationQueriesService } from './escalation-queries.service';
import { EscalationsController } from './escalations.controller';
import { EscalationsService } from './escalations.service';

@Module({
  controllers: [EscalationsController, EscalationActionsController],
  providers: [EscalationsService, EscalationQueriesService, EscalationActionsService],
})
export class EscalationsModule {}
