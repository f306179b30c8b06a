/** Words for people: durations, times, and the API's snake_case values. */

export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const s = Math.floor(abs / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** With seconds: workflow events come many to a minute. */
export function whenPrecise(iso: string | null | undefined): string {
  return iso ? preciseFormat.format(new Date(iso)) : '—';
}

export function day(iso: string): string {
  return dayFormat.format(new Date(iso));
}

/** `waiting_on_seller` → `waiting on seller`. */
export function words(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ') : '—';
}

export function capitalized(value: string): string {
  const w = words(value);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A datetime-local input's value (local time, no zone) as an ISO 8601 instant with a zone. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? value : t.toISOString();
}
