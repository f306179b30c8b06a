import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ErrorCode } from './error-codes';

/**
 * A route parameter that must be a UUID (any version). A malformed one is refused with the same
 * `validation_failed` body the validation pipe gives a bad request body, naming the parameter. The
 * OpenAPI document says so too (format uuid), so clients and fuzzers know a non-UUID is refused.
 */
export function UuidParam(name = 'id'): ParameterDecorator {
  const param = Param(
    name,
    new ParseUUIDPipe({
      version: undefined,
      exceptionFactory: () => {
        const problem = `${name} must be a UUID such as 7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11`;
        return new BadRequestException({ error: ErrorCode.ValidationFailed, message: problem, details: { fields: [{ field: name, problems: [problem] }] } });
      },
    }),
  );
  return (target, key, index) => {
    param(target, key, index);
    if (key !== undefined) ApiParam({ name, schema: { type: 'string', format: 'uuid' } })(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}
