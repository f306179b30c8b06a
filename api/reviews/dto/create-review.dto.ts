import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { SELLER_ID_PATTERN, SELLER_ID_RULE } from '../../sellers/seller-id';

export class CreateReviewDto {
  @ApiProperty({ example: 'seller-4711', description: 'A seller in the directory; its tier selects the playbook' })
  @IsString()
  @Matches(SELLER_ID_PATTERN, { message: SELLER_ID_RULE })
  sellerId!: string;

  @ApiProperty({ example: 'Annual strategic review ahead of Q4 peak', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}
