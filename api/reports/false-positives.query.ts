import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UPSTREAM_TEAMS, type UpstreamTeam } from '../../workflows/appeal/appeal.vocabulary';

const ISO_DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Which upstream team, and the period [from, to) in timeZone (the metrics API's period rules). */
export class FalsePositivesQuery {
  @ApiProperty({ enum: UPSTREAM_TEAMS })
  @IsIn(UPSTREAM_TEAMS as readonly string[], { message: `upstreamTeam must be one of: ${UPSTREAM_TEAMS.join(', ')}` })
  upstreamTeam!: UpstreamTeam;

  @ApiPropertyOptional({ description: 'Start of the period (inclusive), ISO 8601 date or date-time. Default: the start of the month eleven months before `to`', example: '2026-11-01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(ISO_DATE_OR_DATE_TIME, { message: 'from must be an ISO 8601 date (2026-11-01) or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period (exclusive), same forms. Default: now', example: '2026-12-01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(ISO_DATE_OR_DATE_TIME, { message: 'to must be an ISO 8601 date (2026-12-01) or date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'IANA time zone the dates are read in. Default: UTC', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, { message: 'timeZone must be an IANA zone name such as Europe/Berlin' })
  timeZone?: string;
}
