import { session, signOut } from './session';
import { createStore } from './store';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** An answer the API refused, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 400s name each bad field: `details.fields[].field/problems`. */
  get fields(): FieldProblem[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
  }
}

/** Set when a request could not reach the API or a dependency was down; the status banner reads it. */
export const lastOutage = createStore<{ at: number; message: string } | null>(null);

export const UNREACHABLE = 'The Riskdesk API cannot be reached: check that the server is running, then try again.';

export interface RequestOptions {
  body?: unknown;
  /** Sent as Idempotency-Key, so a retried action is applied once. */
  idempotencyKey?: string;
  /** Public routes: no token. */
  anonymous?: boolean;
  token?: string;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const current = session.get();
  const token = opts.token ?? (opts.anonymous ? undefined : current?.token);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch {
    lastOutage.set({ at: Date.now(), message: UNREACHABLE });
    throw new ApiError(0, 'unreachable', UNREACHABLE);
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return data as T;

  const body = (data ?? {}) as { error?: string; message?: string | string[]; details?: Record<string, unknown> };
  const message = Array.isArray(body.message) ? body.message.join('; ') : body.message || `${res.status} ${res.statusText}`;
  const error = new ApiError(res.status, body.error ?? `http_${res.status}`, message, body.details ?? {});
  if (res.status === 401 && !opts.token && current) signOut(`You were signed out: ${message}`);
  if (res.status === 503 || res.status === 502 || res.status === 504) lastOutage.set({ at: Date.now(), message });
  throw error;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, idempotencyKey?: string) => api<T>('POST', path, { body: body ?? {}, idempotencyKey });
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, { body });
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, { body });

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A random UUID; crypto.randomUUID exists only on HTTPS or localhost, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
