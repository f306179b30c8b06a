import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '../common/error-codes';
import { SELLER_ID_PATTERN, SELLER_ID_RULE } from './seller-id';

/** A `:sellerId` path parameter; a malformed one answers validation_failed naming it. */
@Injectable()
export class SellerIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (SELLER_ID_PATTERN.test(value)) return value;
    const problem = SELLER_ID_RULE;
    throw new BadRequestException({ error: ErrorCode.ValidationFailed, message: problem, details: { fields: [{ field: 'sellerId', problems: [problem] }] } });
  }
}
