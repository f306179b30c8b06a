import { Module } from '@nestjs/common';
import { EscalationAccess } from './escalation-access.service';
import { EscalationActionsController } from './escalation-actions.controller';
import { EscalationActionsService } from './escalation-actions.service';
import { EscalationQueriesService } from './escalation-queries.service';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';

@Module({
  controllers: [EscalationsController, EscalationActionsController],
  providers: [EscalationsService, EscalationQueriesService, EscalationActionsService, EscalationAccess, EscalationsRepository],
  exports: [EscalationAccess, EscalationsRepository],
})
export class EscalationsModule {}
