'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { buttonClass, type ButtonVariant } from '@/components/ui/button';

/**
 * Said when picking up got no answer. Pressing again is safe: it enrols the teacher again in the
 * same enrolment (enrollInMicroCredential), and their kept work is the same.
 */
export function pickUpAgainUnreachable(label: string): string {
  return couldNotReach('your work may not have been picked up again', `Check your connection and press ${label} again: nothing is picked up twice.`);
}

/**
 * Enrols again in a credential the teacher stopped working on, picking up their kept draft. A real
 * POST form: it works before hydration and without JavaScript. `title` names the credential to
 * screen readers when several such buttons share a list.
 */
export function PickUpAgainForm({ action: serverAction, microCredentialId, slug, label = 'Pick up again', title, variant = 'primary' }: {
  action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
  microCredentialId: string;
  slug: string;
  label?: string;
  title?: string;
  variant?: ButtonVariant;
}) {
  const unreachable: ActionResult = { ok: false, formError: pickUpAgainUnreachable(label) };
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  return (
    <form {...formProps}>
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" disabled={pending} className={buttonClass(variant)}>
        {pending ? 'Picking up…' : label}
        {title ? <span className="sr-only">: {title}</span> : null}
      </button>
      {!state.ok && state.formError ? <p role="alert" className="mt-2 text-sm text-red-700">{state.formError}</p> : null}
    </form>
  );
}
