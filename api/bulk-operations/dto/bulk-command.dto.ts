import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_TEXT } from '../../escalations/dto/text';

/** Pause, resume, cancel: why is optional and kept with the batch. */
export class BulkCommandDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  reason?: string;
}
