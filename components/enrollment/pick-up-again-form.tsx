'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { buttonClass, type ButtonVariant } from '@/components/ui/button';

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
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  return (
    <form action={action}>
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
