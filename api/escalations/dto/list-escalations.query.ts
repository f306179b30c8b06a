import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { ESCALATION_STATUSES, type EscalationStatus } from '../../../workflows/escalation/escalation.vocabulary';
import { CaseFilterQuery, list } from '../../cases/dto/case-filter.query';

export class ListEscalationsQuery extends CaseFilterQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${ESCALATION_STATUSES.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(ESCALATION_STATUSES.length)
  @IsIn(ESCALATION_STATUSES as readonly string[], { each: true, message: `state must be among: ${ESCALATION_STATUSES.join(', ')}` })
  state?: EscalationStatus[];

}
