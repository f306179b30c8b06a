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

/** The Idempotency-Key header's own rule (api/escalations/idempotency.ts), stated in the document: empty means no key. */
const IDEMPOTENCY_KEY_SCHEMA: SchemaObject = { type: 'string', pattern: '^([\\x21-\\x7e]{1,200})?$' };

/** The rule of api/common/text-safety.ts, for free-text strings: no NUL or other controls (tab and line breaks aside), no bidi overrides. */
export const SAFE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$';

/** Strings with no pattern, enum or format of their own get the safe-text pattern, wherever they are. */
function stateTextRule(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(stateTextRule);
  const s = schema as SchemaObject & Record<string, unknown>;
  if (s.type === 'string' && !s.pattern && !s.enum && !s.format) s.pattern = SAFE_TEXT_PATTERN;
  for (const key of ['properties', 'items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf']) {
    const child = s[key];
    if (key === 'properties' && child && typeof child === 'object') Object.values(child).forEach(stateTextRule);
    else stateTextRule(child);
  }
}

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
      // A public route with a scheme of its own (GET /metrics: METRICS_TOKEN) keeps it.
      const own = (op.security ?? []).filter((s) => !(BEARER in s));
      op.security = own.length ? own : isPublic ? [] : [{ [BEARER]: [] }];
      for (const code of errorCodesFor(path, method, isPublic, op)) {
        op.responses[code] ??= { description: STANDARD_ERRORS[code], content: { 'application/json': { schema: ERROR_REF } } };
        const response = op.responses[code] as ResponseObject;
        if (code === '503' || code === '429') response.headers = { ...RETRY_AFTER_HEADER, ...response.headers };
      }
      for (const p of (op.parameters ?? []) as Array<ParameterObject | ReferenceObject>) {
        if ('$ref' in p) continue;
        stateTextRule(p.schema);
        // Query strings and headers have no null: "absent" is the only way to leave one out.
        if (p.schema && !('$ref' in p.schema)) delete (p.schema as SchemaObject).nullable;
        if (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') p.schema = IDEMPOTENCY_KEY_SCHEMA;
      }
    }
  }
  const inputs = new Set(requestSchemaNames(doc));
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (!inputs.has(name)) continue;
    stateTextRule(schema);
    // The validation pipe refuses fields a DTO does not declare (forbidNonWhitelisted).
    if ((schema as SchemaObject).type === 'object') (schema as SchemaObject).additionalProperties = false;
  }
  for (const item of Object.values(doc.paths)) {
    // A partial update must change something: both PATCH services refuse an empty body.
    const ref = ((item.patch?.requestBody as { content?: Record<string, { schema?: ReferenceObject }> } | undefined)?.content?.['application/json']?.schema)?.$ref;
    const schema = ref ? (doc.components?.schemas?.[ref.split('/').pop()!] as SchemaObject | undefined) : undefined;
    if (schema) schema.minProperties = 1;
  }
  return doc;
}

/** Schemas that requests carry (bodies and what they reference), as opposed to responses. */
function requestSchemaNames(doc: OpenAPIObject): string[] {
  const names: string[] = [];
  const visit = (schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const ref = (schema as ReferenceObject).$ref;
    if (typeof ref === 'string') {
      const name = ref.split('/').pop()!;
      if (names.includes(name)) return;
      names.push(name);
      return visit(doc.components?.schemas?.[name]);
    }
    Object.values(schema).forEach(visit);
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) visit((item[method] as OperationObject | undefined)?.requestBody);
  }
  return names;
}

function errorCodesFor(path: string, method: string, isPublic: boolean, op: OperationObject & Record<string, unknown>): string[] {
  const declared = op[ERRORS_EXTENSION];
  if (Array.isArray(declared)) return declared as string[];
  const codes = ['400', '503'];
  if (!isPublic) codes.push('401', '403');
  // A path parameter, or a query naming a team or member, may name something that does not exist.
  if (/\{[^}]+\}/.test(path) || op.parameters?.some((p) => !('$ref' in p) && p.in === 'query')) codes.push('404');
  if (WRITE_METHODS.includes(method)) codes.push('409', '413', '415', '422', '429');
  return codes;
}

/**
 * Request examples that are instants (a seller deadline, an out-of-office end) would expire if they
 * were fixed dates: each is set, whenever the document is served, to three days from now on the hour,
 * which every such field accepts (future, within 30 days).
 */
export function refreshDateExamples(doc: OpenAPIObject, now = Date.now()): OpenAPIObject {
  const instant = new Date(Math.ceil((now + 3 * 24 * 3_600_000) / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z');
  const inputs = new Set(requestSchemaNames(doc));
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (!inputs.has(name)) continue;
    for (const property of Object.values((schema as SchemaObject).properties ?? {}) as SchemaObject[]) {
      if (property.format === 'date-time' && property.example !== undefined) property.example = instant;
    }
  }
  return doc;
}
