import { DomainError, ErrorCode } from '../common/error-codes';

/**
 * Keyset position in a list ordered by (created_at desc, id desc). The timestamp is PostgreSQL's own
 * text (microseconds), not a JS Date (milliseconds), so no row is skipped or repeated at a boundary.
 */
export interface PageCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, 'utf8').toString('base64url');
}

const SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([0-9a-f-]{36})$/;

export function decodeCursor(text: string): PageCursor {
  const match = SHAPE.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match || Number.isNaN(Date.parse(match[1]))) {
    throw new DomainError(ErrorCode.ValidationFailed, 'cursor must be a nextCursor returned by this endpoint', {
      fields: [{ field: 'cursor', problems: ['not a cursor returned by this endpoint'] }],
    });
  }
  return { createdAt: match[1], id: match[2] };
}
