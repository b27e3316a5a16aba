import type { ComponentProps, ReactNode } from 'react';

// Borders of fields: slate-500 is 4.8:1 on white (WCAG 1.4.11 asks 3:1 for a control's edge; slate-400 was 2.6:1).
const inputClass =
  'mt-1 block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-2 focus:outline-brand-600 aria-[invalid=true]:border-red-600';

/** `id` defaults to `name`; give one when the same name appears twice on a page (two forms). */
type FieldProps = { label: string; name: string; id?: string; hint?: ReactNode; errors?: string[] };

/**
 * What is wrong with a field, under it: the messages (or one) joined, nothing when there are none.
 * `id` is what the field's aria-describedby names; `className` replaces the top margin (mt-1).
 */
export function FieldError({ id, errors, className = 'mt-1' }: { id?: string; errors?: readonly string[] | string | null; className?: string }) {
  const text = typeof errors === 'string' ? errors : errors?.join(' ');
  if (!text) return null;
  return (
    <p id={id} className={`${className} text-sm font-medium text-red-700`}>
      {text}
    </p>
  );
}

function FieldShell({ label, name, hint, errors, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="mb-4">
      <label htmlFor={name} className="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}

function describedBy(name: string, hint: unknown, errors?: string[]) {
  return [hint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** `id` defaults to `name`; give one when two forms on a page have a field of the same name. */
export function TextField({ label, name, id, hint, errors, ...props }: FieldProps & Omit<ComponentProps<'input'>, 'name' | 'id'>) {
  const fieldId = id ?? name;
  return (
    <FieldShell label={label} name={fieldId} hint={hint} errors={errors}>
      <input id={fieldId} name={name} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props} />
    </FieldShell>
  );
}

export function TextArea({ label, name, id, hint, errors, ...props }: FieldProps & Omit<ComponentProps<'textarea'>, 'name' | 'id'>) {
  const fieldId = id ?? name;
  return (
    <FieldShell label={label} name={fieldId} hint={hint} errors={errors}>
      <textarea id={fieldId} name={name} className={`${inputClass} min-h-32`} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props} />
    </FieldShell>
  );
}

/** `id` defaults to `name`; give one when several selects share a name (e.g. the levels of a track). */
export function SelectField({ label, name, id, hint, errors, children, ...props }: FieldProps & Omit<ComponentProps<'select'>, 'name' | 'id'>) {
  const fieldId = id ?? name;
  return (
    <FieldShell label={label} name={fieldId} hint={hint} errors={errors}>
      <select id={fieldId} name={name} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(fieldId, hint, errors)} {...props}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A compact select in a row of filters: as wide as its options, never wider than the screen. */
const filterSelectClass = 'mt-1 block max-w-full rounded-md border border-slate-500 bg-white px-3 py-2';

export { inputClass, filterSelectClass };

/** A checkbox with its label and an optional line of explanation, both clickable. */
export function CheckboxField({ label, name, id, hint, ...props }: { label: string; name: string; id?: string; hint?: ReactNode } & Omit<ComponentProps<'input'>, 'name' | 'id' | 'type'>) {
  const fieldId = id ?? name;
  return (
    <div className="mb-4 flex items-start gap-2">
      <input id={fieldId} name={name} type="checkbox" className="mt-1 h-4 w-4" {...props} />
      <label htmlFor={fieldId}>
        <span className="font-semibold">{label}</span>
        {hint ? <span className="block text-sm text-slate-700">{hint}</span> : null}
      </label>
    </div>
  );
}
