import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { HANDOFF_TEAMS, type HandoffTeam } from '../../../workflows/common/actor';
import { MAX_TEXT } from './text';

export class HandOffDto {
  @ApiProperty({ enum: HANDOFF_TEAMS })
  @IsIn(HANDOFF_TEAMS as readonly string[], { message: `team must be one of: ${HANDOFF_TEAMS.join(', ')}` })
  team!: HandoffTeam;

  @ApiProperty({ example: 'Is the trademark claim enforceable in DE?', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;

  @ApiPropertyOptional({ description: 'Hold the case in waiting_on_handoff until answered (default); false for an FYI the case need not wait for', default: true })
  @IsOptional()
  @IsBoolean()
  blocking?: boolean;
}
