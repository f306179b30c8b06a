import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  RESOLUTION_CODES,
  ROOT_CAUSES,
  UPSTREAM_TEAMS,
  type ResolutionCode,
  type RootCause,
  type UpstreamTeam,
} from '../../../workflows/escalation/escalation.vocabulary';
import { MAX_TEXT } from './text';

export class ResolveDto {
  @ApiProperty({ enum: RESOLUTION_CODES })
  @IsIn(RESOLUTION_CODES as readonly string[], { message: `resolutionCode must be one of: ${RESOLUTION_CODES.join(', ')}` })
  resolutionCode!: ResolutionCode;

  @ApiProperty({ enum: ROOT_CAUSES, description: 'Which causes go with which resolution code depends on the case\'s taxonomy version (GET /escalations/taxonomy)' })
  @IsIn(ROOT_CAUSES as readonly string[], { message: `rootCause must be one of: ${ROOT_CAUSES.join(', ')}` })
  rootCause!: RootCause;

  @ApiPropertyOptional({
    enum: UPSTREAM_TEAMS,
    description: 'The upstream team whose signal or decision led to the case; required when the root cause says it was wrong (automation_false_positive, reviewer_error, system_defect)',
  })
  @IsOptional()
  @IsIn(UPSTREAM_TEAMS as readonly string[], { message: `upstreamTeam must be one of: ${UPSTREAM_TEAMS.join(', ')}` })
  upstreamTeam?: UpstreamTeam;

  @ApiPropertyOptional({ example: 'Invoices confirm authentic stock; listing restored', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  note?: string;
}
