import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from './error-codes';

export class FieldProblemResponse {
  @ApiProperty({ example: 'timeZone' }) field!: string;
  @ApiProperty({ type: [String] }) problems!: string[];
}

/** Every error answer, as HttpErrorFilter writes it (documented for OpenAPI). */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ enum: ErrorCode, example: ErrorCode.ValidationFailed }) error!: string;
  @ApiProperty({ example: "timeZone 'Mars/Olympus' is not an IANA time zone such as Europe/Berlin or Asia/Tokyo" }) message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'validation_failed: { fields: [{ field, problems }] }; forbidden: { denial, action }; conflict: { conflict, conflicts? }',
  })
  details?: Record<string, unknown>;
}
