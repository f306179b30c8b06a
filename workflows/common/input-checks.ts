/**
 * The limits and shape checks every case kind applies to what people send it (the API's DTOs use the
 * same limits). Pure: bundled into workflow code.
 */

/** Longest free text a case accepts: notes, questions, reasons, answers, summaries. */
export const MAX_TEXT = 4000;

/** Longest citation of a law, policy clause or precedent. */
export const MAX_CITATION = 500;

export const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_TEXT;

export const isOptionalText = (v: unknown): boolean => v === undefined || isText(v);

export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (list as readonly string[]).includes(v);

export const textProblem = (field: string): string => `${field} must be non-empty text of at most ${MAX_TEXT} characters`;
