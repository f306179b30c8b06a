import { useLocation } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { Field } from '../components/Field';
import { ErrorMessage, Loading } from '../components/common';
import { ApiError, api, newIdempotencyKey } from '../lib/api';
import { words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { CaseSummary } from '../lib/types';

interface SchemaProperty {
  enum?: string[];
  description?: string;
  example?: string;
}

/** The create form's choices come from the API's own OpenAPI document, so they never drift from what it accepts. */
async function createSchema(): Promise<Record<string, SchemaProperty>> {
  const doc = await api<{ components: { schemas: Record<string, { properties: Record<string, SchemaProperty> }> } }>('GET', '/openapi.json', { anonymous: true });
  return doc.components.schemas.CreateEscalationDto.properties;
}

const FIELDS: Array<{ name: string; label: string; type: 'text' | 'select' | 'textarea'; required: boolean }> = [
  { name: 'sellerId', label: 'Seller id', type: 'text', required: true },
  { name: 'marketplace', label: 'Marketplace', type: 'text', required: true },
  { name: 'category', label: 'Category', type: 'select', required: true },
  { name: 'severity', label: "Severity (optional: the category's guidance)", type: 'select', required: false },
  { name: 'source', label: 'Source (who brought the case)', type: 'select', required: true },
  { name: 'trigger', label: 'Trigger (what set it off)', type: 'select', required: true },
  { name: 'enforcementType', label: 'Enforcement in question', type: 'select', required: true },
  { name: 'summary', label: 'Summary', type: 'textarea', required: true },
  { name: 'language', label: "Seller's language (optional)", type: 'text', required: false },
];

/** Open an escalation: specialists, senior specialists and managers. The API routes it to a team and a person. */
export function NewCasePage() {
  const { route } = useLocation();
  const schema = useResource(createSchema, []);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const problems = useMemo(() => new Map((error?.fields ?? []).map((f) => [f.field, f.problems])), [error]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = Object.fromEntries(FIELDS.filter((f) => f.required || values[f.name]?.trim()).map((f) => [f.name, (values[f.name] ?? '').trim()]));
      const created = await api<CaseSummary>('POST', '/escalations', { body, idempotencyKey: key });
      route(`/console/cases/${created.id}`);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  };

  return (
    <>
      <h1>New escalation</h1>
      {!schema.data ? (
        schema.loading ? <Loading rows={6} /> : <ErrorMessage error={schema.error} />
      ) : (
        <form class="panel narrow-form" onSubmit={submit} noValidate>
          {FIELDS.map((f) => {
            const prop = schema.data![f.name] ?? {};
            return (
              <Field key={f.name} id={`new-${f.name}`} label={f.label} hint={prop.description} problems={problems.get(f.name)}>
                {(a11y) =>
                  f.type === 'select' ? (
                    <select {...a11y} value={values[f.name] ?? ''} onChange={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLSelectElement).value })}>
                      <option value="">Choose…</option>
                      {(prop.enum ?? []).map((o) => (
                        <option key={o} value={o}>
                          {words(o)}
                        </option>
                      ))}
                    </select>
                  ) : f.type === 'textarea' ? (
                    <textarea {...a11y} rows={3} value={values[f.name] ?? ''} onInput={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLTextAreaElement).value })} />
                  ) : (
                    <input {...a11y} type="text" placeholder={prop.example} value={values[f.name] ?? ''} onInput={(e) => setValues({ ...values, [f.name]: (e.currentTarget as HTMLInputElement).value })} />
                  )
                }
              </Field>
            );
          })}
          {error && (
            <p class="error" role="alert">
              {error.fields.length ? 'Please correct the fields marked above.' : error.message}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Opening…' : 'Open case'}
          </button>
        </form>
      )}
    </>
  );
}
