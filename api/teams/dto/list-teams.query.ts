import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { TEAM_KINDS, type TeamKind } from '../../../db/entities/team.entity';

export class ListTeamsQuery {
  @ApiPropertyOptional({ enum: TEAM_KINDS })
  @IsOptional()
  @IsIn(TEAM_KINDS as readonly string[], { message: `kind must be one of: ${TEAM_KINDS.join(', ')}` })
  kind?: TeamKind;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Also list inactive teams' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeInactive must be true or false' })
  includeInactive?: boolean;
}
