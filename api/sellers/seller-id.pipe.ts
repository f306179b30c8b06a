import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '../common/error-codes';

/** A `:sellerId` path parameter; a malformed one answers validation_failed naming it. */
@Injectable()
export class SellerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (/^[A-Za-z0-9._-]{1,100}$/.test(value)) return value;
    const problem = 'sellerId may contain only letters, digits, dot, dash and underscore (1-100)';
    throw new BadRequestException({ error: ErrorCode.ValidationFailed, message: problem, details: { fields: [{ field: 'sellerId', problems: [problem] }] } });
  }
}
