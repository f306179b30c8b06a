import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { MAX_CITATION, MAX_TEXT } from '../../../workflows/common/input-checks';

/**
 * The field shapes the appeal DTOs repeat, each with its OpenAPI description and its validators in one
 * place, so the document and the rules cannot drift apart between the create, answer and decision bodies.
 */

/** Free text of 1 to MAX_TEXT characters. */
export function TextField(example: string, doc: { description?: string } = {}) {
  return applyDecorators(ApiProperty({ example, maxLength: MAX_TEXT, ...doc }), IsString(), Length(1, MAX_TEXT));
}

export function OptionalTextField(example: string | undefined, doc: { description?: string } = {}) {
  return applyDecorators(ApiPropertyOptional({ ...(example ? { example } : {}), maxLength: MAX_TEXT, ...doc }), IsOptional(), IsString(), Length(1, MAX_TEXT));
}

/** A list of 1 to 20 texts (a plan's corrective actions and preventive measures). */
export function TextListField(example: string[]) {
  return applyDecorators(
    ApiProperty({ type: [String], example, minItems: 1, maxItems: 20 }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, MAX_TEXT, { each: true }),
  );
}

/** Up to 50 evidence references (file names, document ids), optional. */
export function EvidenceField(example: string[]) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], example, maxItems: 50 }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    Length(1, MAX_CITATION, { each: true }),
  );
}

/** A seller id as the directory spells them. */
export function SellerIdField(doc: { description?: string } = {}) {
  return applyDecorators(
    ApiProperty({ example: 'seller-4711', ...doc }),
    IsString(),
    Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'sellerId may contain only letters, digits, dot, dash and underscore' }),
  );
}

/** One of `values`, refused with a message naming `field` and listing them. */
export function OneOfField(field: string, values: readonly string[], doc: { description?: string } = {}) {
  return applyDecorators(ApiProperty({ enum: values, ...doc }), IsIn(values as string[], { message: `${field} must be one of: ${values.join(', ')}` }));
}
