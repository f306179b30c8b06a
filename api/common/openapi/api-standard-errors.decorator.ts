import { ApiExtension } from '@nestjs/swagger';

export const ERRORS_EXTENSION = 'x-riskdesk-errors';

export type StandardErrorCode = '400' | '401' | '403' | '404' | '409' | '413' | '415' | '422' | '429' | '503';

/**
 * The error answers a route (or every route of a controller) can give, when they differ from what the
 * document derives by itself (see openapi-truth.ts: 400 and 503 everywhere, 401/403 when protected, 404
 * with a path parameter, 409/413/415/422/429 on writes). Each is documented with the ErrorResponse body.
 */
export const ApiStandardErrors = (...codes: StandardErrorCode[]) => ApiExtension(ERRORS_EXTENSION, codes);
