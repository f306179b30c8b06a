import type { ComponentChildren } from 'preact';
import type { ApiError } from '../lib/api';
import { words } from '../lib/format';

export function ErrorMessage({ error, prefix }: { error: ApiError | undefined | null; prefix?: string }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {prefix ? `${prefix}: ` : ''}
      {error.message}
    </p>
  );
}

export function Badge({ value, kind }: { value: string; kind: 'state' | 'severity' | 'role' | 'status' }) {
  return <span class={`badge badge-${kind} badge-${kind}-${value}`}>{words(value)}</span>;
}

/** A section that keeps its height while its data loads, so the page does not jump when it arrives. */
export function Panel({ title, children, minHeight, actions, id }: { title: string; children: ComponentChildren; minHeight?: number; actions?: ComponentChildren; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class="panel" aria-labelledby={headingId} id={id} style={minHeight ? { minHeight: `${minHeight}px` } : undefined}>
      <div class="panel-head">
        <h2 id={headingId}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Loading({ rows = 3 }: { rows?: number }) {
  return (
    <div class="skeleton" role="status" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} class="skeleton-row" />
      ))}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function Definition({ items }: { items: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="facts">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
