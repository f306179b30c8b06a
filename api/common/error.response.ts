import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Every error answer (see http-error.filter.ts), for the OpenAPI document. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'validation_failed', description: 'A stable code: validation_failed, unauthenticated, forbidden, not_found, invalid_transition, conflict, unavailable, internal_error' })
  error!: string;
  @ApiProperty({ description: 'Why, for people' }) message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: '400: `fields: [{ field, problems[] }]`; 403: `denial` and `action`; 503: the checks that failed',
  })
  details?: Record<string, unknown>;
}
