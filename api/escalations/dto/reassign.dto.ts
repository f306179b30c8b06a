import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalReasonDto } from './reason.dto';

export class ReassignDto extends OptionalReasonDto {
  @ApiProperty({ example: 'chloe', description: 'An active roster member; a member of another team moves the case to that team' })
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'assigneeId must be a user id (letters, digits, dot, dash, underscore)' })
  assigneeId!: string;
}
