import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** The seller's language on a case they are written to: ISO 639-1, optionally with a region. */
export function LanguageField() {
  return applyDecorators(
    ApiPropertyOptional({ example: 'de', description: "The seller's language (ISO 639-1, optionally with a region: 'de', 'pt-BR'): messages to the seller are written in it where a text exists (English otherwise), and routing prefers speakers" }),
    IsOptional(),
    Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: "language must be a language code such as 'de' or 'pt-BR'" }),
  );
}
