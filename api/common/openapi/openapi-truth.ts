import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_EXTENSION } from '../../auth/public.decorator';
import { ERRORS_EXTENSION } from './api-standard-errors.decorator';

export const BEARER = 'bearer';
const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every answer a route can give besides its success, with the reason it happens (the body is always ErrorResponse). */
const STANDARD_ERRORS: Record<string, string> = {
  '400': 'validation_failed: a parameter, header or body field is invalid; details.fields names each with its problems',
  '401': 'unauthenticated: missing, malformed, expired or wrongly signed token, or not an active roster member',
  '403': 'forbidden: the permission table refuses the caller (details.denial says why)',
  '404': 'not_found: nothing with this id',
  '409': 'invalid_transition or conflict: the current state does not allow this (details say why)',
  '413': 'payload_too_large: the body exceeds BODY_LIMIT_KB',
  '415': 'unsupported_media_type: a body that is not application/json',
  '422': 'unprocessable: the Idempotency-Key was first used for a different request (details.conflict, details.firstUsedFor)',
  '429': 'rate_limited: too many writes by this user (or token requests from this address); Retry-After says when to try again',
  '503':
    'unavailable: PostgreSQL, Temporal or a worker is down or too slow (details.dependency); Retry-After says when to try again. ' +
    'On a write, details.mayStillApply says whether the action may still happen and details.applied whether it already did',
};

const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };

/** The Idempotency-Key header's own rule (api/escalations/idempotency.ts), stated in the document. */
const IDEMPOTENCY_KEY_SCHEMA: SchemaObject = { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' };

/**
 * Makes the generated document say what the API does, for every operation at once (so routes added
 * later are covered): bearer security on every operation except those marked @Public, each error answer
 * the operation can give with the ErrorResponse body, and parameter schemas as the validators read them.
 */
export function documentTruthfully(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!op) continue;
      const isPublic = op[PUBLIC_EXTENSION] === true;
      op.security = isPublic ? [] : [{ [BEARER]: [] }];
      for (const code of errorCodesFor(path, method, isPublic, op)) {
        op.responses[code] ??= { description: STANDARD_ERRORS[code], content: { 'application/json': { schema: ERROR_REF } } };
        const response = op.responses[code] as ResponseObject;
        if (code === '503' || code === '429') response.headers = { ...RETRY_AFTER_HEADER, ...response.headers };
      }
      for (const p of (op.parameters ?? []) as Array<ParameterObject | ReferenceObject>) {
        if ('$ref' in p) continue;
        // Query strings and headers have no null: "absent" is the only way to leave one out.
        if (p.schema && !('$ref' in p.schema)) delete (p.schema as SchemaObject).nullable;
        if (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') p.schema = IDEMPOTENCY_KEY_SCHEMA;
      }
    }
  }
  return doc;
}

function errorCodesFor(path: string, method: string, isPublic: boolean, op: OperationObject & Record<string, unknown>): string[] {
  const declared = op[ERRORS_EXTENSION];
  if (Array.isArray(declared)) return declared as string[];
  const codes = ['400', '503'];
  if (!isPublic) codes.push('401', '403');
  if (/\{[^}]+\}/.test(path)) codes.push('404');
  if (WRITE_METHODS.includes(method)) codes.push('409', '413', '415', '422', '429');
  return codes;
}
