import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '../../common/error-codes';

/** A path parameter that must match a pattern; refused with the validation body, naming the parameter. */
export class ParseRegexPipe implements PipeTransform<string, string> {
  constructor(
    private readonly pattern: RegExp,
    private readonly problem: string,
  ) {}

  transform(value: string): string {
    if (this.pattern.test(value)) return value;
    throw new BadRequestException({ error: ErrorCode.ValidationFailed, message: this.problem, details: { fields: [{ field: 'reviewId', problems: [this.problem] }] } });
  }
}
