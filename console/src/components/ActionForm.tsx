import { useMemo, useState } from 'preact/hooks';
import { ApiError, api, get, newIdempotencyKey } from '../lib/api';
import { localInputToIso, words } from '../lib/format';
import { useResource } from '../lib/hooks';
import type { AllowedAction, RosterMember } from '../lib/types';
import { ACTION_FORMS, type ActionFormSpec, type FieldSpec } from './action-forms';
import { Field } from './Field';

type Values = Record<string, string | boolean>;

function initialValues(fields: FieldSpec[]): Values {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial ?? (f.type === 'checkbox' ? false : '')]));
}

function body(fields: FieldSpec[], values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === 'checkbox') put(out, f.name, Boolean(v));
    else if (f.type === 'list') put(out, f.name, typeof v === 'string' ? v.split(/[\n,]/).map((x) => x.trim()).filter(Boolean) : []);
    else if (typeof v === 'string' && v.trim() !== '') {
      put(out, f.name, f.type === 'number' ? Number(v) : f.type === 'datetime' ? localInputToIso(v) : v.trim());
    } else if (f.required) put(out, f.name, f.type === 'number' ? undefined : '');
  }
  return out;
}

/** `a.b` sets field b of object a (created when the first of its fields has a value, so an all-empty object is left out). */
function put(out: Record<string, unknown>, name: string, value: unknown): void {
  const [head, ...rest] = name.split('.');
  if (rest.length === 0) {
    out[head] = value;
    return;
  }
  const inner = (out[head] ??= {}) as Record<string, unknown>;
  put(inner, rest.join('.'), value);
}

/**
 * The form for one action the API allows: fields from the action's request body, the API's 400
 * problems next to the fields they name, and 403/409 (or anything else) at the form.
 */
export function ActionForm<T>({
  action,
  onDone,
  idPrefix,
  choices,
  forms,
}: {
  action: AllowedAction;
  onDone: (result: T, done: string) => void;
  idPrefix: string;
  choices?: Record<string, readonly string[]>;
  /** A kind's own forms, before the shared ones (an action name whose body differs by kind). */
  forms?: Record<string, ActionFormSpec>;
}) {
  const spec = forms?.[action.action] ?? ACTION_FORMS[action.action];
  const fields = spec?.fields ?? [];
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const problems = useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const f of error?.fields ?? []) byField.set(f.field, [...(byField.get(f.field) ?? []), ...f.problems]);
    return byField;
  }, [error]);
  const unplaced = (error?.fields ?? []).filter((f) => !fields.some((s) => s.name === f.field));

  if (!spec) return <p class="hint">This console has no form for “{words(action.action)}” yet.</p>;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api<T>(action.method, action.href, { body: body(fields, values), idempotencyKey: key });
      setValues(initialValues(fields));
      setKey(newIdempotencyKey());
      onDone(result, spec.done);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'client_error', String(err)));
    } finally {
      setBusy(false);
    }
  };
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const formId = `${idPrefix}-${action.action}`;

  return (
    <form class="action-form" onSubmit={submit} aria-labelledby={`${formId}-title`} data-action={action.action} noValidate>
      <h3 id={`${formId}-title`}>{spec.label}</h3>
      <p class="hint">{spec.description}</p>
      {fields.map((f) => (
        <Field key={f.name} id={`${formId}-${f.name}`} label={f.label} hint={f.hint} problems={problems.get(f.name)}>
          {(a11y) => <Control spec={f.options || !choices?.[f.name] ? f : { ...f, options: choices[f.name] }} value={values[f.name]} onChange={(v) => set(f.name, v)} a11y={a11y} />}
        </Field>
      ))}
      {error && (error.fields.length === 0 || unplaced.length > 0) && (
        <p class="error" role="alert">
          {error.fields.length === 0 ? error.message : unplaced.map((u) => `${u.field}: ${u.problems.join('; ')}`).join(' ')}
        </p>
      )}
      {error && error.fields.length > 0 && unplaced.length === 0 && (
        <p class="error" role="alert">
          Please correct the fields marked above.
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Working…' : spec.submit}
      </button>
    </form>
  );
}

type A11y = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };

function Control({ spec, value, onChange, a11y }: { spec: FieldSpec; value: string | boolean; onChange: (v: string | boolean) => void; a11y: A11y }) {
  const text = (e: Event) => onChange((e.currentTarget as HTMLInputElement).value);
  switch (spec.type) {
    case 'textarea':
    case 'list':
      return <textarea {...a11y} rows={3} value={value as string} onInput={text} required={spec.required} />;
    case 'select':
      return (
        <select {...a11y} value={value as string} onChange={text} required={spec.required}>
          <option value="">Choose…</option>
          {(spec.options ?? []).map((o) => (
            <option key={o} value={o}>
              {words(o)}
            </option>
          ))}
        </select>
      );
    case 'checkbox':
      return <input {...a11y} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />;
    case 'number':
      return <input {...a11y} type="number" inputMode="numeric" min={1} value={value as string} onInput={text} required={spec.required} />;
    case 'datetime':
      return <input {...a11y} type="datetime-local" value={value as string} onInput={text} />;
    case 'assignee':
      return <AssigneeSelect a11y={a11y} value={value as string} onChange={onChange} />;
    default:
      return <input {...a11y} type="text" value={value as string} onInput={text} required={spec.required} />;
  }
}

const CAN_HOLD_CASES = ['specialist', 'senior_specialist', 'manager'];

function AssigneeSelect({ a11y, value, onChange }: { a11y: A11y; value: string; onChange: (v: string) => void }) {
  const roster = useResource(() => get<{ members: RosterMember[] }>('/roster'), []);
  const members = (roster.data?.members ?? []).filter((m) => CAN_HOLD_CASES.includes(m.role));
  return (
    <select {...a11y} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)} required>
      <option value="">{roster.loading ? 'Loading the team…' : 'Choose a person…'}</option>
      {members.map((m) => (
        <option key={m.userId} value={m.userId} disabled={m.outOfOffice}>
          {m.displayName} ({words(m.role)}){m.outOfOffice ? ' — out of office' : ''}
        </option>
      ))}
    </select>
  );
}
