import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ErrorCode } from './error-codes';
import { unsafeTextIn } from './text-safety';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates every request body against its DTO: unknown fields are refused, and the 400 names each
 * bad field, so a client knows exactly what to fix.
 */
export function createValidationPipe(): ValidationPipe {
  return new NullMeansAbsentPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        error: ErrorCode.ValidationFailed,
        message: fields.map((f) => f.problems.join('; ')).join('; '),
        details: { fields },
      });
    },
  });
}

/**
 * Before the DTO rules: no string anywhere in a body, query or path may carry characters the API
 * refuses everywhere (text-safety.ts). After them: an `@IsOptional` field sent as null is treated as
 * absent (the OpenAPI document declares such fields nullable), so services never see a null they would
 * forward to a workflow.
 */
class NullMeansAbsentPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const fields = unsafeTextIn(value, metadata.data ?? '');
      if (fields.length) {
        throw new BadRequestException({ error: ErrorCode.ValidationFailed, message: fields.map((f) => f.problems.join('; ')).join('; '), details: { fields } });
      }
    }
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body' && result && typeof result === 'object' && metadata.metatype) dropNullOptionals(result, metadata.metatype);
    return result;
  }
}

function dropNullOptionals(dto: object, type: Function): void {
  const optional = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((m) => m.name === 'isOptional')
    .map((m) => m.propertyName);
  for (const name of optional) {
    if ((dto as Record<string, unknown>)[name] === null) delete (dto as Record<string, unknown>)[name];
  }
}
