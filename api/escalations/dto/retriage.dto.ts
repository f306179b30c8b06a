import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SEVERITIES, type Severity } from '../../../workflows/common/severity';
import { ESCALATION_CATEGORIES, type EscalationCategory } from '../../../workflows/escalation/escalation.vocabulary';
import { ReasonDto } from './reason.dto';

/** A new severity, a new category, or both, with the reason (the workflow checks the category against the case's taxonomy). */
export class RetriageDto extends ReasonDto {
  @ApiPropertyOptional({ enum: SEVERITIES, description: "The team clocks move to this severity's targets; time already used counts" })
  @IsOptional()
  @IsIn(SEVERITIES as readonly string[], { message: `severity must be one of: ${SEVERITIES.join(', ')}` })
  severity?: Severity;

  @ApiPropertyOptional({ enum: ESCALATION_CATEGORIES })
  @IsOptional()
  @IsIn(ESCALATION_CATEGORIES as readonly string[], { message: `category must be one of: ${ESCALATION_CATEGORIES.join(', ')}` })
  category?: EscalationCategory;
}
