import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  problems?: string[];
  hint?: string;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled form control with its hint and the API's problems for it, tied together for screen readers. */
export function Field({ id, label, problems, hint, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problems?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${problems?.length ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({ id, 'aria-invalid': Boolean(problems?.length), 'aria-describedby': describedBy })}
      {errorId && (
        <p class="field-error" id={errorId} data-field-error={id}>
          {problems!.join('; ')}
        </p>
      )}
    </div>
  );
}
