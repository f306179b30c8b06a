import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { ISO_DATE_TIME } from '../seller-deadline';
import { MAX_TEXT } from './text';

export class RequestInfoDto {
  @ApiProperty({ example: 'Please send the supplier invoices for the reported items', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;

  @ApiPropertyOptional({
    example: '2026-03-20T17:00:00Z',
    description: 'ISO 8601 date-time in the future, at most 30 days ahead. Default: the seller-response SLA target',
  })
  @IsOptional()
  @Matches(ISO_DATE_TIME, { message: 'deadline must be an ISO 8601 date-time with a time zone, e.g. 2026-03-20T17:00:00Z' })
  deadline?: string;
}
