import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches, ValidateIf } from 'class-validator';

const CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** A reviewer's or an adjudicator's own decision on the evidence; the workflow checks it is one of the kind's decisions. */
export class QaStatementDto {
  @ApiProperty({ example: 'warning', description: "One of the decision kind's decisions" })
  @IsString()
  @Matches(CODE, { message: 'decision must be a decision code such as warning' })
  decision!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'payment_abuse', description: 'The reason code, where the kind has one' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @Matches(CODE, { message: 'reason must be a reason code such as payment_abuse' })
  reason?: string | null;

  @ApiProperty({ description: 'A procedural defect (a skipped check, missing evidence), whatever the decision' })
  @IsBoolean({ message: 'processError must be true or false' })
  processError!: boolean;

  @ApiProperty({ minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  notes!: string;
}
