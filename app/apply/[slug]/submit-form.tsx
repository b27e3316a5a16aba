'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { submitAttemptAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { submitAfter } from '@/components/ui/keep-input';
import { flushAllDrafts, type UnsavedDraft } from '@/components/evidence/draft-registry';
import { Alert } from '@/components/ui/card';
import { focusOnFollow } from '@/components/ui/focus-link';
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft } from '@/components/ui/local-draft';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { ATTESTATION_TEXT } from '@/lib/submissions/schemas';
import { FieldError } from '@/components/ui/field';

/**
 * Where on the page a problem is fixed. Part problems are keyed `part.<id>.answer` or
 * `part.<id>.files` by the server; the page gives each part's answer box the id `answer-<id>` and
 * each part's files heading `files-<id>` (the other one is the fallback, for a part that has only one).
 */
function problemTarget(key: string): { id: string; fallback?: string } | null {
  if (key === 'publicSummary') return { id: 'publicSummary' };
  if (key === 'attested') return { id: 'attested' };
  const m = /^part\.([^.]+)\.(answer|files)$/.exec(key);
  if (!m) return null;
  const [, partId, where] = m;
  return where === 'files' ? { id: `files-${partId}`, fallback: `answer-${partId}` } : { id: `answer-${partId}`, fallback: `files-${partId}` };
}

/** Moves focus (not only the scroll position) to the problem's field, so typing can start there. */
const focusTarget = (target: { id: string; fallback?: string }) => focusOnFollow(target.id, ...(target.fallback ? [target.fallback] : []));

/** Said for each answer the server does not have yet, when submitting is held back for it. */
export const UNSAVED_ANSWER = 'This answer is not saved yet.';

/**
 * Said when Submit got no answer (offline, a deploy since the page loaded). The answers reached the
 * server before it was sent (flushAllDrafts), and submitting again is safe: an attempt submitted
 * already is answered as submitted (submitAttempt), not sent twice.
 */
export const SUBMIT_UNREACHABLE = couldNotReach(
  'your application may not have been submitted',
  'Your answers are saved. Check your connection and press Submit for review again: if it did get through, it is not sent twice.',
);

/**
 * The public summary is sent only with Submit. Until Submit goes through it is kept in this browser,
 * one copy per attempt, so leaving after a refusal (to confirm the email address, say) or a reload
 * does not lose it. Signing out clears it with every other copy (clearAllLocalDrafts).
 */
export const summaryDraftKey = (attemptId: string) => localDraftKey(`submit-summary:${attemptId}`);

/** A stored summary copy's text, or null when there is none or it is not one (broken, hand-edited). */
export function parseLocalSummary(saved: unknown): string | null {
  return typeof saved === 'object' && saved !== null && typeof (saved as { text?: unknown }).text === 'string' ? (saved as { text: string }).text : null;
}

/** Whether `e` is Next's redirect, which the submit action throws once the attempt is submitted. */
const isRedirect = (e: unknown) => typeof (e as { digest?: unknown } | null)?.digest === 'string' && (e as { digest: string }).digest.startsWith('NEXT_REDIRECT');

/** Said under the summary when it was put back from this browser's copy. */
export const SUMMARY_KEPT = 'Put back from this device: not sent yet. It is sent with your application when you submit.';

/**
 * `notice`: what submitting does to the evidence and when the decision comes, said by the button.
 *
 * Submitting first saves every answer typed since the last save (the server submits what it has,
 * not what is on the screen). If one does not reach the server (offline, a server error, a
 * conflict), nothing is sent: the summary names the answer instead, and its text stays in the box
 * and in this browser. If Submit itself gets no answer, the form says so (SUBMIT_UNREACHABLE) and
 * stays as it was, to press again, instead of the error page.
 */
export function SubmitForm({ attemptId, slug, publicSummary, blocked, notice }: { attemptId: string; slug: string; publicSummary: string; blocked: string | null; notice: string }) {
  const storageKey = summaryDraftKey(attemptId);
  // Without scripts (before hydration) the form posts to the action, which answers in `posted`.
  const [posted, postAction, posting] = useActionState(submitAttemptAction, initialActionState);
  // With them it is sent from here: a request that got no answer becomes a refusal the form shows,
  // and a redirect (submitted) goes on to the router, the copy of the summary cleared first.
  const [sent, send, sending] = useActionState(
    (prev: ActionResult | null, fd: FormData) =>
      unlessUnreachable(
        async () => {
          try {
            const r = await submitAttemptAction(prev ?? posted, fd);
            if (r.ok) clearLocalDraft(storageKey);
            return r;
          } catch (e) {
            if (isRedirect(e)) clearLocalDraft(storageKey);
            throw e;
          }
        },
        // A new object each time, so the summary takes focus again after another try.
        (): ActionResult => ({ ok: false, formError: SUBMIT_UNREACHABLE }),
      ),
    null,
  );
  const state = sent ?? posted;
  const pending = posting || sending;
  const [summary, setSummary] = useState(publicSummary);
  // Whether the summary was put back from this browser's copy (said under the box).
  const [kept, setKept] = useState(false);
  const loadedSummary = useRef(publicSummary);
  // localStorage only exists in the browser, so the copy is put back after hydration; one that says
  // what the server has is not needed.
  useEffect(() => {
    const local = parseLocalSummary(readLocalDraft(storageKey));
    if (local === null || local === loadedSummary.current) {
      clearLocalDraft(storageKey);
      return;
    }
    const restore = setTimeout(() => {
      setSummary(local);
      setKept(true);
    }, 0);
    return () => clearTimeout(restore);
  }, [storageKey]);
  const onSummaryChange = (value: string) => {
    setSummary(value);
    if (value === loadedSummary.current) clearLocalDraft(storageKey);
    else writeLocalDraft(storageKey, { text: value });
  };
  // The answers the last try could not save (null: none, or not tried), and whether one is saving.
  const [unsaved, setUnsaved] = useState<UnsavedDraft[] | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // After a failed submit, focus goes to the summary (at the form, below a long page of parts), so
  // the problems are read out and each link leads to the part to fix. Every answer is a new object.
  useEffect(() => {
    if (!state.ok) summaryRef.current?.focus();
  }, [state]);
  useEffect(() => {
    if (unsaved) summaryRef.current?.focus();
  }, [unsaved]);
  const saveAnswersFirst = async () => {
    // The summary goes while saving, so one that comes back is mounted again and read out again.
    setUnsaved(null);
    setSaving(true);
    try {
      const r = await flushAllDrafts();
      if (!r.ok) setUnsaved(r.unsaved);
      return r.ok;
    } finally {
      setSaving(false);
    }
  };
  const problems = state.ok ? [] : Object.entries(state.fieldErrors ?? {}).flatMap(([key, messages]) => messages.map((m, i) => ({ key, message: m, target: problemTarget(key), id: `problem-${key.replace(/[^A-Za-z0-9_-]/g, '-')}-${i}` })));
  // An answer box with a problem is marked invalid and described by the problem, so a screen reader
  // arriving there (from the summary's link, or by tabbing) hears what to fix. The marks go on the
  // next answer.
  const attestedProblem = problems.find((p) => p.key === 'attested');
  const marks = problems.filter((p) => p.target && p.target.id === `answer-${p.key.split('.')[1]}`).map((p) => [p.target!.id, p.id] as const);
  const markKey = JSON.stringify(marks);
  useEffect(() => {
    const marked = JSON.parse(markKey) as [string, string][];
    const touched: { el: HTMLElement; had: string | null }[] = [];
    for (const [fieldId, problemId] of marked) {
      const el = document.getElementById(fieldId);
      if (!el) continue;
      const had = el.getAttribute('aria-describedby');
      touched.push({ el, had });
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-describedby', [had, problemId].filter(Boolean).join(' '));
    }
    return () => {
      for (const { el, had } of touched) {
        el.removeAttribute('aria-invalid');
        if (had) el.setAttribute('aria-describedby', had);
        else el.removeAttribute('aria-describedby');
      }
    };
  }, [markKey]);
  return (
    <form action={postAction} onSubmit={submitAfter(saveAnswersFirst, send)} className="space-y-4">
      <input type="hidden" name="attemptId" value={attemptId} />
      <input type="hidden" name="slug" value={slug} />
      <div>
        <label htmlFor="publicSummary" className="block text-sm font-semibold">
          Public summary of your evidence (optional)
        </label>
        {/* The summary is signed into the credential as its evidence (lib/awards/issue.ts): it travels
            with the badge and its image, and a signed credential is never edited. */}
        <p id="publicSummary-hint" className="text-sm text-slate-700">
          If you earn the badge, this summary becomes part of it. Anyone who has the link to your badge can read it, and it cannot be changed once the badge is issued. Your files and answers always stay private.
        </p>
        <textarea
          id="publicSummary"
          name="publicSummary"
          value={summary}
          onChange={(e) => onSummaryChange(e.target.value)}
          rows={3}
          maxLength={1500}
          aria-describedby={kept ? 'publicSummary-hint publicSummary-kept' : 'publicSummary-hint'}
          className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2"
        />
        {kept ? (
          <p id="publicSummary-kept" className="mt-1 text-sm text-slate-700">
            {SUMMARY_KEPT}
          </p>
        ) : null}
      </div>
      <div>
        <div className="flex items-start gap-3">
          {/* Not `required` in the browser: its bubble would stop the form before the server could also say
              which parts are not ready, so one press tells everything (the server refuses it unticked). */}
          <input
            id="attested"
            name="attested"
            type="checkbox"
            value="yes"
            aria-invalid={attestedProblem ? true : undefined}
            aria-describedby={attestedProblem ? 'attested-error' : undefined}
            className="mt-1 h-5 w-5 shrink-0"
          />
          <label htmlFor="attested" className="text-sm text-slate-900">
            {ATTESTATION_TEXT}
          </label>
        </div>
        <FieldError id="attested-error" errors={attestedProblem?.message} />
      </div>
      {unsaved ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 focus:outline-2 focus:outline-offset-2 focus:outline-red-700">
          <p className="font-semibold">Your application was not sent: {unsaved.length === 1 ? 'an answer is' : `${unsaved.length} answers are`} not saved yet.</p>
          <ul className="mt-1 list-disc pl-5">
            {unsaved.map((d) => (
              <li key={d.id}>
                <a href={`#${d.id}`} onClick={focusTarget({ id: d.id })} className="inline-block py-0.5 font-medium text-red-950 underline">
                  {d.label}
                </a>
                : {UNSAVED_ANSWER}
              </li>
            ))}
          </ul>
          <p className="mt-1">Your text is kept on this device. Check your connection and the message under the answer, then submit again.</p>
        </div>
      ) : !state.ok ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 focus:outline-2 focus:outline-offset-2 focus:outline-red-700">
          <p className="font-semibold">{state.formError ?? 'Your application was not submitted.'}</p>
          {problems.length ? (
            <ul className="mt-1 list-disc pl-5">
              {problems.map((p) => (
                <li key={`${p.key}:${p.message}`} id={p.id}>
                  {p.target ? (
                    <a href={`#${p.target.id}`} onClick={focusTarget(p.target)} className="inline-block py-0.5 font-medium text-red-950 underline">
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {blocked ? <Alert tone="warning">{blocked}</Alert> : null}
      <p id="submit-what-next" className="text-sm text-slate-800">{notice}</p>
      <button type="submit" disabled={pending || saving || Boolean(blocked)} aria-describedby="submit-what-next" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Submitting…' : saving ? 'Saving your answers…' : 'Submit for review'}
      </button>
    </form>
  );
}
