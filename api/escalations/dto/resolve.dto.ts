import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import {
  RESOLUTION_CODES,
  ROOT_CAUSES,
  type ResolutionCode,
  type RootCause,
} from '../../../workflows/escalation/escalation.vocabulary';
import { MAX_TEXT } from './text';

export class ResolveDto {
  @ApiProperty({ enum: RESOLUTION_CODES })
  @IsIn(RESOLUTION_CODES as readonly string[], { message: `resolutionCode must be one of: ${RESOLUTION_CODES.join(', ')}` })
  resolutionCode!: ResolutionCode;

  @ApiProperty({ enum: ROOT_CAUSES })
  @IsIn(ROOT_CAUSES as readonly string[], { message: `rootCause must be one of: ${ROOT_CAUSES.join(', ')}` })
  rootCause!: RootCause;

  @ApiPropertyOptional({ example: 'Invoices confirm authentic stock; listing restored', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  note?: string;
}
