import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** Where @nestjs/swagger keeps a DTO's property options (`@ApiProperty`), read when it builds the document. */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';
const SWAGGER_PROPERTY_LIST = 'swagger/apiModelPropertiesArray';
const CONDITIONAL = 'conditionalValidation';
const IS_OPTIONAL = 'isOptional';

type Schema = Record<string, unknown>;

/**
 * The validators are the truth about what a request may carry; this copies each class-validator
 * constraint into the DTO's OpenAPI schema before the document is built, so the document states
 * exactly what the API accepts: lengths, patterns, enums, integers, bounds, array sizes and
 * nullability (an `@IsOptional` field may be null, which means "absent"). Options an author wrote in
 * `@ApiProperty` win over what is derived; a DTO added later is covered without writing anything.
 */
export function documentValidationConstraints(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, ValidationMetadata[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
    for (const [property, list] of byProperty) document(target, property, list);
  }
}

function document(target: Function, property: string, metadatas: ValidationMetadata[]): void {
  const proto = target.prototype as object;
  const existing = Reflect.getOwnMetadata(SWAGGER_PROPERTY, proto, property) as Schema | undefined;
  const inherited = existing ?? (Reflect.getMetadata(SWAGGER_PROPERTY, proto, property) as Schema | undefined);
  const derived: Schema = {};
  const items: Schema = {};
  for (const m of metadatas) {
    if (m.type === CONDITIONAL) {
      if (m.name === IS_OPTIONAL) {
        derived.required = false;
        derived.nullable = true;
      }
      continue;
    }
    apply(m.name ?? '', m.constraints ?? [], m.each ? items : derived);
  }
  if (Object.keys(items).length) {
    derived.type = 'array';
    derived.items = { type: 'string', ...items };
  }
  if (derived.format === 'date-time') {
    // validator.js refuses years before 0100 (it reads them as 19xx and finds the date changed).
    const pattern = typeof derived.pattern === 'string' ? derived.pattern : '^\\d{4}-.*$';
    derived.pattern = pattern.replace(/^\^\\d\{4\}/, '^(?!00)\\d{4}');
  }
  if (!Object.keys(derived).length) return;
  const merged: Schema = { ...(inherited ?? { type: Reflect.getMetadata('design:type', proto, property) }) };
  for (const [k, v] of Object.entries(derived)) {
    // What the author wrote wins, except swagger's own guesses from the TypeScript type (Number, Array, Object).
    const guessed = k === 'type' && (merged.type === Number || merged.type === Array || merged.type === Object || merged.type === undefined);
    if (merged[k] === undefined || guessed || k === 'required') merged[k] = v;
  }
  // OpenAPI 3.0: a nullable enum must list null among its values, or null is still refused.
  if (merged.nullable === true && Array.isArray(merged.enum) && !merged.enum.includes(null)) merged.enum = [...merged.enum, null];
  Reflect.defineMetadata(SWAGGER_PROPERTY, merged, proto, property);
  const list = (Reflect.getMetadata(SWAGGER_PROPERTY_LIST, proto) as string[] | undefined) ?? [];
  if (!list.includes(`:${property}`)) Reflect.defineMetadata(SWAGGER_PROPERTY_LIST, [...list, `:${property}`], proto);
}

/** One validator's constraint, in JSON Schema terms. Validators without a schema equivalent add nothing. */
function apply(name: string, c: unknown[], s: Schema): void {
  switch (name) {
    case 'isIn':
      s.enum = [...(c[0] as unknown[])];
      break;
    case 'isLength':
      s.minLength = c[0];
      if (c[1] !== undefined) s.maxLength = c[1];
      break;
    case 'minLength':
      s.minLength = c[0];
      break;
    case 'maxLength':
      s.maxLength = c[0];
      break;
    case 'isNotEmpty':
      s.minLength ??= 1;
      break;
    case 'matches':
      s.pattern = c[0] instanceof RegExp ? c[0].source : String(c[0]);
      break;
    case 'isInt':
      s.type = 'integer';
      break;
    case 'isNumber':
      s.type ??= 'number';
      break;
    case 'isBoolean':
      s.type = 'boolean';
      break;
    case 'isString':
      s.type ??= 'string';
      break;
    case 'min':
      s.minimum = c[0];
      break;
    case 'max':
      s.maximum = c[0];
      break;
    case 'arrayMaxSize':
      s.maxItems = c[0];
      break;
    case 'arrayMinSize':
      s.minItems = c[0];
      break;
    case 'arrayUnique':
      s.uniqueItems = true;
      break;
    case 'isIso8601':
    case 'isISO8601':
      s.format = 'date-time';
      break;
    case 'isUuid':
    case 'isUUID':
      s.format = 'uuid';
      break;
    default:
      break;
  }
}
