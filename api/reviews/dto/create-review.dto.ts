import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CreateReviewDto {
  @ApiProperty({ example: 'seller-4711', description: 'A seller in the directory; its tier selects the playbook' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' })
  sellerId!: string;

  @ApiProperty({ example: 'Annual strategic review ahead of Q4 peak', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}
