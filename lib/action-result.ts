import { z } from 'zod';
import { isDomainError, type ErrorReason } from '@/lib/errors';

/** What every form action returns to `useActionState`. */
export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]>; reason?: ErrorReason };

/** A refused action's result. */
export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export const initialActionState = { ok: true } as ActionResult;

/** Turns FormData into a plain object; repeated keys become arrays. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A hand-crafted request can call an action with any argument; treat it as an empty form.
  if (!(formData instanceof FormData)) return out;
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (key in out) {
      const prev = out[key];
      out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; result: ActionResult<never> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    result: { ok: false, formError: 'Some fields need attention.', fieldErrors: zodFieldErrors(parsed.error) },
  };
}

/**
 * For one-field inline forms (a rename, a reason): a failed parse answered as that field's own
 * message, which the inline form shows beside its button, or `fallback`.
 */
export function fieldFormError(result: ActionResult<never>, field: string, fallback: string): ActionResult<never> {
  return { ok: false, formError: (!result.ok && result.fieldErrors?.[field]?.[0]) || fallback };
}

/** Expected domain failures become form messages; anything else is logged and reported generically. */
export function toActionError(e: unknown): ActionResult<never> {
  if (isDomainError(e)) return { ok: false, formError: e.message, fieldErrors: e.fieldErrors, ...(e.reason ? { reason: e.reason } : {}) };
  // Next's redirect()/notFound() signal with thrown errors that must propagate.
  if (e && typeof e === 'object' && 'digest' in e && typeof (e as { digest: unknown }).digest === 'string') {
    const digest = (e as { digest: string }).digest;
    if (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK')) throw e;
  }
  console.error(e);
  return { ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.' };
}
