import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_TEXT } from './text';

/** Reopen and escalate: the audit trail keeps why. */
export class ReasonDto {
  @ApiProperty({ example: 'Seller sent new evidence', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  reason!: string;
}

/** Release: why is optional. */
export class OptionalReasonDto {
  @ApiPropertyOptional({ example: 'Out of office from tomorrow', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  reason?: string;
}
