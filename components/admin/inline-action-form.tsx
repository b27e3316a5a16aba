'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { announce } from '@/components/ui/announcer';

/**
 * Said beside the form when its request got no answer (offline, a deploy since the page loaded),
 * unless the caller says it in its own words (`unreachable`). The forms here set a state (a name, a
 * school, enabled or not) or take something away (a role, a request, an invitation): pressed again
 * after one that did get through, none does it twice, but whether it was done can only be seen on
 * the page as the server has it now.
 */
export const INLINE_ACTION_UNREACHABLE = couldNotReach('this may not have been done', 'Check your connection and try again, or reload the page to see whether it was.');

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * After an action that removed the row holding this form (e.g. "Yes, remove the role"), focus
 * would drop to the page body: it goes instead to the first control in the closest part of the
 * page that is still there (the next item of the list, the rest of the table cell). Nothing
 * happens if focus is somewhere already, or if nothing below <main> is left.
 */
function refocusNear(ancestors: Element[]) {
  requestAnimationFrame(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    for (const el of ancestors) {
      if (el.tagName === 'MAIN' || el === document.body) return;
      if (!el.isConnected) continue;
      const target = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].find((c) => c.getClientRects().length > 0);
      if (target) {
        target.focus();
        return;
      }
    }
  });
}

/** How the form's own fields stand after its last answer: no error; described by an error that is not about them; wrong. */
export type FieldMark = 'fine' | 'described' | 'invalid';

/** How an answer leaves the form's fields: `unreachable`, the form's no-answer message, is not their fault. */
export function fieldMarkFor(state: ActionResult, unreachable: string): FieldMark {
  if (state.ok || !state.formError) return 'fine';
  return state.formError === unreachable ? 'described' : 'invalid';
}

/**
 * Sets the visible fields of `form` as `mark` says: described by the error `errorId` unless 'fine',
 * aria-invalid only when 'invalid'. Other descriptions a field has (a hint) are kept.
 */
export function markFields(form: ParentNode | null, errorId: string, mark: FieldMark) {
  const fields = form?.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea') ?? [];
  for (const f of fields) {
    const described = (f.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== errorId);
    if (mark === 'invalid') f.setAttribute('aria-invalid', 'true');
    else f.removeAttribute('aria-invalid');
    const ids = mark === 'fine' ? described : [...described, errorId];
    if (ids.length) f.setAttribute('aria-describedby', ids.join(' '));
    else f.removeAttribute('aria-describedby');
  }
}

/**
 * A small form (a button or a select and a button) whose errors show right next to it.
 * `removedMessage`: for a form whose success removes it from the page ("Yes, remove the role"),
 * what screen readers hear once it has gone. `unreachable`: what is said when the request got no
 * answer, the form staying as it was to press again (INLINE_ACTION_UNREACHABLE unless given).
 */
export function InlineActionForm({ action, hidden, children, className = '', removedMessage, unreachable = INLINE_ACTION_UNREACHABLE }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hidden: Record<string, string>; children: ReactNode; className?: string; removedMessage?: string; unreachable?: string }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, { ok: false, formError: unreachable });
  // The form's ancestors when it was last submitted: where focus goes if the answer removes it.
  const submittedIn = useRef<Element[] | null>(null);
  // When it was last submitted: a form that goes away just after (its row removed by the answer,
  // in the same update as the answer itself) took its message with it, so the page's live region
  // reads out `removedMessage` instead.
  const submittedAt = useRef(0);
  const removed = useRef(removedMessage);
  useEffect(() => {
    removed.current = removedMessage;
  }, [removedMessage]);
  useEffect(() => {
    const from = submittedIn;
    const at = submittedAt;
    const message = removed;
    return () => {
      if (from.current) refocusNear(from.current);
      if (message.current && at.current && Date.now() - at.current < 10_000) announce(message.current);
    };
  }, []);
  // An error belongs to the form's own fields (a name to rename, a reason): they are described by
  // it, so a screen reader on the field hears what is wrong, and marked invalid, unless the request
  // got no answer: nothing is wrong with what was typed then, and it is sent again as it is.
  const errorId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const failed = !state.ok && Boolean(state.formError);
  const fieldsAre = fieldMarkFor(state, unreachable);
  useEffect(() => {
    markFields(formRef.current, errorId, fieldsAre);
  }, [fieldsAre, errorId]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const ancestors: Element[] = [];
    for (let el = e.currentTarget.parentElement; el; el = el.parentElement) ancestors.push(el);
    submittedIn.current = ancestors;
    submittedAt.current = Date.now();
    formProps.onSubmit(e);
  };
  return (
    <form ref={formRef} action={formProps.action} onSubmit={onSubmit} className={`inline-flex flex-wrap items-center gap-1 ${className}`} aria-busy={pending}>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {children}
      {failed ? <span id={errorId} role="alert" className="text-xs font-medium text-red-700">{!state.ok ? state.formError : null}</span> : null}
      {/* Always mounted, so screen readers announce the message when it appears. */}
      <span role="status" className="text-xs font-medium text-green-800">{state.ok && state.message ? state.message : ''}</span>
    </form>
  );
}
