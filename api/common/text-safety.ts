/**
 * Characters no field of this API accepts, in a body, a query string or a path: they cannot be stored
 * (PostgreSQL text refuses NUL), cannot be encoded (an unpaired UTF-16 surrogate is not Unicode), or
 * exist to make text read differently from what it is (C0/C1 controls other than tab and line breaks,
 * and the bidirectional overrides and isolates used to disguise text). Right-to-left text itself, with
 * its ordinary marks (U+200E, U+200F), is fine.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_OVERRIDE = /[\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unsafeTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it contains an unpaired surrogate)';
  if (BIDI_OVERRIDE.test(text)) return 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)';
  if (CONTROL.test(text)) return 'must not contain control characters other than tab and line breaks';
  return null;
}

/** Every string in `value` (objects and arrays walked, keys too) that breaks the rule above, by field path. */
export function unsafeTextIn(value: unknown, path: string): Array<{ field: string; problems: string[] }> {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem ? [{ field: path, problems: [`${path} ${problem}`] }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeTextIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const field = path ? `${path}.${k}` : k;
      const keyProblem = unsafeTextProblem(k);
      return [...(keyProblem ? [{ field, problems: [`field name ${keyProblem}`] }] : []), ...unsafeTextIn(v, field)];
    });
  }
  return [];
}
