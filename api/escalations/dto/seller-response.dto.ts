import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { MAX_TEXT } from './text';

export class SellerResponseDto {
  @ApiPropertyOptional({ example: 'Seller sent 14 supplier invoices', maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  summary?: string;
}
