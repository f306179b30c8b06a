import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CASE_KINDS, type CaseKind } from '../../../workflows/common/actor';

/** Which cases a metric counts: the owning team and the case kind. */
export class MetricsFilterQuery {
  @ApiPropertyOptional({
    description:
      "The cases' owning team. Managers and senior specialists default to (and may only ask for) their own team; operators see every team when it is omitted",
    example: 'seller-risk-eu',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  team?: string;

  @ApiPropertyOptional({ enum: CASE_KINDS, description: 'Only cases of this kind; every kind when omitted' })
  @IsOptional()
  @IsIn(CASE_KINDS as readonly string[], { message: `kind must be one of: ${CASE_KINDS.join(', ')}` })
  kind?: CaseKind;
}
