import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { CASE_KINDS, type CaseKind } from '../../../workflows/common/actor';
import { bool, CaseFilterQuery, list } from './case-filter.query';

export class ListCasesQuery extends CaseFilterQuery {
  @ApiPropertyOptional({ description: `Comma-separated: ${CASE_KINDS.join(', ')}` })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(CASE_KINDS.length)
  @IsIn(CASE_KINDS as readonly string[], { each: true, message: `kind must be among: ${CASE_KINDS.join(', ')}` })
  kind?: CaseKind[];

  @ApiPropertyOptional({ description: "Comma-separated state names (each kind has its own; see that kind's routes)" })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(20)
  @Matches(/^[a-z_]{1,32}$/, { each: true, message: 'state must be state names such as in_progress' })
  state?: string[];

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: cases still being worked; false: finished ones' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;
}
