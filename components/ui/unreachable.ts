'use client';

import { useActionState, useState, useTransition, type FormEvent } from 'react';
import { unstable_rethrow } from 'next/navigation';
import type { ActionResult } from '@/lib/action-result';

/**
 * What a form says when its server action got no answer: `what` may not have happened (the request
 * may have reached the server before the connection dropped), and what to do now.
 */
export function couldNotReach(what: string, next = 'Check your connection and try again.'): string {
  return `We could not reach the server, so ${what}. ${next}`;
}

/**
 * Calls a server action and answers `unreachable()` when its promise rejects instead of answering:
 * the connection dropped or the browser is offline (`TypeError: Failed to fetch`), a deploy since the
 * page loaded made the action unknown, a proxy answered with its own error page. Left to itself, that
 * rejection inside a transition goes to the nearest error boundary, and the whole page (with what was
 * typed in it) gives way to "Something went wrong". A redirect or notFound() from the action is no
 * such failure: it is thrown on, for the router.
 */
export async function unlessUnreachable<T>(call: () => Promise<T>, unreachable: () => T): Promise<T> {
  try {
    return await call();
  } catch (e) {
    unstable_rethrow(e);
    return unreachable();
  }
}

/**
 * useActionState for a form posting to a server action, that survives a request with no answer.
 * Without JavaScript (before hydration) the form posts to `action` as before (`formProps.action`).
 * With it, `formProps.onSubmit` sends the form itself, the fields as they are (not reset, as
 * keepInputForm), and a request that got no answer becomes `unreachable` (a refusal the form shows
 * like any other, so the form stays and can be sent again) instead of the error page.
 *
 * `T`: the data the action's result carries (ActionResult<T>), inferred from `action` alone.
 * `unreachable` may be a function of what was sent, for a form whose buttons do different things
 * (a check that writes nothing, and the import it leads to): each is said as it is.
 */
export function useReachableActionState<T = undefined>(
  action: (prev: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>,
  initial: ActionResult<NoInfer<T>>,
  unreachable: ActionResult<NoInfer<T>> | ((sent: FormData) => ActionResult<NoInfer<T>>),
) {
  const [posted, formAction, postPending] = useActionState(action, initial);
  // Set when the form was sent with JavaScript; a post without it answers in `posted`.
  const [sent, setSent] = useState<{ state: ActionResult<T> } | null>(null);
  const [pending, startTransition] = useTransition();
  const state = sent ? sent.state : posted;
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget);
    if (submitter?.name) fd.set(submitter.name, submitter.value);
    startTransition(async () => {
      const r = await unlessUnreachable(() => action(state, fd), () => (typeof unreachable === 'function' ? unreachable(fd) : unreachable));
      setSent({ state: r });
    });
  };
  return { state, pending: pending || postPending, formProps: { action: formAction, onSubmit } };
}
