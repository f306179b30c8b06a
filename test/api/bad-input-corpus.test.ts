import request from 'supertest';
import { bearer, createIntegrationContext, type IntegrationContext } from '../support/harness';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];
const UUID = '7d7c4a58-4ad4-4c53-9a5c-1f4e4b1f9c11';

/** Strings no field accepts: NUL, unpaired surrogates (both halves), a bidi override, an isolate, a C1 control. */
const BAD_TEXT: Record<string, string> = {
  nul: 'ab\u0000cd',
  'lone high surrogate': 'ab\ud800cd',
  'lone low surrogate': 'ab\udc00cd',
  'right-to-left override': 'abc\u202egpj.exe',
  'first strong isolate': 'ab\u2068cd',
  'C1 control': 'ab\u0085cd',
};
/** Numbers a query string should never get through: too big, not finite, negative, fractional, exponent. */
const BAD_NUMBERS = ['99999999999999999999999', '1e309', '-1', '1.5', '0x10', 'NaN', 'Infinity', '9'.repeat(400)];
/** Ids that try to leave their path segment or carry what an id never does. */
const BAD_IDS = ['..%2F..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwindows', '%2e%2e%2f%2e%2e%2f', '%00', 'a%E2%80%AEb', 'x'.repeat(5000)];

/**
 * A corpus of bad input through every route the OpenAPI document lists (so routes added later are
 * covered): oversized bodies, wrong content types, unicode edge cases in every string field, query
 * parameter and path parameter, huge and malformed numbers, path traversal in ids. Each answers a 4xx
 * with the error body and a reason, and nothing is written (every table's content is unchanged).
 */
describe('bad input through every route', () => {
  let ctx: IntegrationContext;
  let operations: Array<{ method: Method; path: string; op: Operation }>;
  let doc: { components: { schemas: Record<string, Schema> } };
  const server = () => ctx.app!.getHttpServer();

  beforeAll(async () => {
    ctx = await createIntegrationContext({ api: true });
    doc = (await request(server()).get('/openapi.json').expect(200)).body;
    operations = Object.entries((doc as unknown as { paths: Record<string, Record<string, Operation>> }).paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
    );
  });
  afterAll(() => ctx.close());

  const send = (method: Method, url: string) => request(server())[method](url).set('Authorization', bearer('olga'));

  /** Every table's rows, hashed: "nothing written" means none of them changed. */
  async function snapshot(): Promise<Record<string, string>> {
    const tables: Array<{ name: string }> = await ctx.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [{ digest }] = await ctx.dataSource.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${name}" t`);
      out[name] = digest;
    }
    return out;
  }

  function expectRefused(res: request.Response, what: string, failures: string[], statuses = [400, 404, 413, 415]): void {
    const ok = statuses.includes(res.status) && res.body?.statusCode === res.status && typeof res.body.error === 'string' && res.body.message?.length > 0;
    if (!ok) failures.push(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }

  it('lists the routes it will try', () => {
    expect(operations.length).toBeGreaterThan(25);
  });

  it('refuses every bad input with a 4xx and a reason, and writes nothing', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let tried = 0;
    for (const { method, path, op } of operations) {
      const url = concrete(path);
      const writes = method !== 'get';

      if (writes) {
        tried++;
        expectRefused(await send(method, url).set('Content-Type', 'application/json').send(`{"pad":"${'x'.repeat(300 * 1024)}"}`), `${method} ${path} oversized`, failures, [413]);
        for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
          tried++;
          expectRefused(await send(method, url).set('Content-Type', type).send('a=1'), `${method} ${path} as ${type}`, failures, [415]);
        }
        tried++;
        expectRefused(await send(method, url).set('Content-Type', 'application/json').send('{"unterminated": '), `${method} ${path} broken JSON`, failures, [400]);
        tried++;
        expectRefused(await send(method, url).set('Content-Type', 'application/json').send('[1,2,3]'), `${method} ${path} array body`, failures, [400, 404]);
      }

      for (const field of stringFields(op, doc.components.schemas)) {
        for (const [name, text] of Object.entries(BAD_TEXT)) {
          tried++;
          const res = await send(method, url).send(nested(field, text));
          expectRefused(res, `${method} ${path} body.${field} with ${name}`, failures, [400]);
          if (res.status === 400 && !JSON.stringify(res.body.details?.fields ?? []).includes(field.split('.').pop()!)) {
            failures.push(`${method} ${path} body.${field} with ${name}: 400 does not name the field: ${JSON.stringify(res.body)}`);
          }
        }
      }

      for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        // A URL cannot carry an unpaired surrogate at all (no UTF-8 encodes one): those stay body-only.
        const texts = Object.entries(BAD_TEXT).filter(([name]) => !name.includes('surrogate')).map(([, t]) => t);
        const values = [...texts, ...(isNumeric(param.schema) ? BAD_NUMBERS : [])];
        for (const value of values) {
          tried++;
          const res = await send(method, `${url}?${param.name}=${encodeURIComponent(value)}`);
          expectRefused(res, `${method} ${path}?${param.name}=${JSON.stringify(value).slice(0, 40)}`, failures, [400]);
        }
      }

      for (const param of (op.parameters ?? []).filter((p) => p.in === 'path')) {
        for (const bad of BAD_IDS) {
          tried++;
          const res = await send(method, concrete(path, { [param.name]: bad })).send(method === 'get' ? undefined : {});
          expectRefused(res, `${method} ${path} with ${param.name}=${bad.slice(0, 40)}`, failures, [400, 404]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThan(500);
    expect(await snapshot()).toEqual(before);
    // Thousands of requests, one after another, through every route of the document: it grows with the API.
  }, 300_000);
});

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  format?: string;
}
interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

function resolve(schema: Schema | undefined, schemas: Record<string, Schema>): Schema | undefined {
  return schema?.$ref ? schemas[schema.$ref.split('/').pop()!] : schema;
}

/** Dotted paths of the string properties of the operation's body (nested objects included). */
function stringFields(op: Operation, schemas: Record<string, Schema>, schema = resolve(op.requestBody?.content['application/json']?.schema, schemas), prefix = ''): string[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, raw]) => {
    const s = resolve(raw, schemas)!;
    const field = prefix ? `${prefix}.${name}` : name;
    if (s.type === 'string') return [field];
    if (s.type === 'array' && resolve(s.items, schemas)?.type === 'string') return [field];
    if (s.properties) return stringFields(op, schemas, s, field);
    return [];
  });
}

function nested(field: string, text: string): Record<string, unknown> {
  return field
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), text) as Record<string, unknown>;
}

function isNumeric(schema: Schema | undefined): boolean {
  return schema?.type === 'integer' || schema?.type === 'number';
}

/** A concrete URL: well-formed ids (so a refusal cannot hide behind a malformed one), or the overrides given. */
function concrete(path: string, overrides: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    overrides[name] ?? (/userid$/i.test(name) ? 'ana' : /^id$|caseid$/i.test(name) ? UUID : 'some-id'),
  );
}
