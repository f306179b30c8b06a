import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OptionalReasonDto } from './reason.dto';

export class AssignDto extends OptionalReasonDto {
  @ApiProperty({ example: 'ana', description: "An active member of the case's team who can hold cases" })
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'assigneeId must be a user id (letters, digits, dot, dash, underscore)' })
  assigneeId!: string;
}
