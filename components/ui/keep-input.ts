'use client';

import { startTransition, type FormEvent } from 'react';

/**
 * React resets a form after its `action` runs, which would wipe what was typed when the server
 * answers with errors. Submitting through onSubmit keeps the fields as they are; the clicked
 * button's name/value (e.g. intent=publish) is carried over.
 */
export function submitKeepingInput(dispatch: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget);
    if (submitter?.name) fd.set(submitter.name, submitter.value);
    startTransition(() => dispatch(fd));
  };
}

/**
 * The props of a form that submits through `dispatch` and keeps what was typed: `onSubmit` with
 * JavaScript, and the action itself as `action`, so the form is a real POST before hydration or
 * without scripts (onSubmit prevents the native submit, so React never runs both).
 */
export function keepInputForm(dispatch: (fd: FormData) => void) {
  return { action: dispatch, onSubmit: submitKeepingInput(dispatch) };
}

/**
 * Like submitKeepingInput, but first runs `before` (e.g. saving autosaved drafts), and sends the
 * form only if it answers true. On false, or if it fails, nothing is sent: `before` says why.
 */
export function submitAfter(before: () => Promise<boolean>, dispatch: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget);
    if (submitter?.name) fd.set(submitter.name, submitter.value);
    void before().then(
      (go) => {
        if (go === true) startTransition(() => dispatch(fd));
      },
      () => undefined,
    );
  };
}
