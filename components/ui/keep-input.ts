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

/** Like submitKeepingInput, but first runs `before` (e.g. flushing autosaved drafts). */
export function submitAfter(before: () => Promise<void>, dispatch: (fd: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const fd = new FormData(e.currentTarget);
    if (submitter?.name) fd.set(submitter.name, submitter.value);
    void before().then(() => startTransition(() => dispatch(fd)));
  };
}
