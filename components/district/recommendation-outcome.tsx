'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { Alert } from '@/components/ui/card';

// The success message of "Recommend" on a search result. After a success the form is emptied for
// the next one (reset, not remounted, so nothing under the person's focus is replaced) and focus
// moves to this message: the button they pressed may be gone (the 30th recommendation folds every
// form away), and focus must not fall back to the top of the page. The message sits outside the
// part that folds away, so it stays.

/** What the message shows, and for which result. */
export type RecommendOutcomeShown = { state: ActionResult<unknown> | null; text: string; focus: boolean };

export const initialRecommendOutcome: RecommendOutcomeShown = { state: null, text: '', focus: false };

const NBSP = '\u00a0';

/**
 * The message for a new result `state`, given what was shown for the previous one. A success shows
 * its message and takes focus; the same words as the last success (the same item to the same
 * audience again, after removing it) change by an invisible trailing space, so the live region reads
 * them out again. A failure clears it (the form shows its own errors). The same result again (a
 * re-render) changes nothing.
 */
export function nextRecommendOutcome(shown: RecommendOutcomeShown, state: ActionResult<unknown>): RecommendOutcomeShown {
  if (shown.state === state) return shown;
  if (!state.ok || !state.message) return { state, text: '', focus: false };
  const same = shown.text.replace(/\u00a0$/, '') === state.message;
  const text = same && !shown.text.endsWith(NBSP) ? `${state.message}${NBSP}` : state.message;
  return { state, text, focus: true };
}

/** The always-mounted success message; empties `form` and takes focus after each success. */
export function RecommendOutcome({ state, form }: { state: ActionResult<unknown>; form: RefObject<HTMLFormElement | null> }) {
  const ref = useRef<HTMLDivElement>(null);
  // A page loaded with a result (a submit before scripts ran) shows it, but leaves focus where the browser put it.
  const [shown, setShown] = useState(() => ({ ...nextRecommendOutcome(initialRecommendOutcome, state), focus: false }));
  // Derived from the new result while rendering (React's pattern for state that follows a prop).
  if (shown.state !== state) setShown(nextRecommendOutcome(shown, state));
  useEffect(() => {
    if (!shown.focus) return;
    form.current?.reset();
    ref.current?.focus();
  }, [shown, form]);
  return (
    // Focusable from script only (tabIndex -1), so focus lands on what happened. The one live region
    // (only successes are said here): the Alert in it has no role of its own, so it is read out once.
    <div ref={ref} tabIndex={-1} role="status" aria-live="polite" className={shown.text ? 'mt-2 focus:outline-2 focus:outline-offset-2 focus:outline-green-700' : undefined}>
      {shown.text ? <Alert tone="success" live={false}>{shown.text}</Alert> : null}
    </div>
  );
}
