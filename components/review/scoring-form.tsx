'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { criterionNeedsFeedback, meetsPassingRule, shortOnTotalOnly, totalOf, type PassingRule } from '@/lib/review/rubric';
import { saveReviewDraftAction, submitReviewAction, type DraftResult, type SubmitReviewResult } from '@/app/review/[reviewId]/actions';
import { CLAIM_EVENT } from '@/components/review/claim-timer';
import { formatTime } from '@/lib/time-format';
import { clearLocalDraft, localDraftKey, parseLocalReviewDraft, readLocalDraft, sameReviewDraft, writeLocalDraft } from '@/components/ui/local-draft';
import { adoptOldReviewCopy, decideReviewCopy, parseStoredReviewCopy, reviewCopyToStore, reviewDraftName } from '@/components/review/review-draft-copy';
import { EarlierCopyNotice, previewOf } from '@/components/ui/earlier-copy-notice';
import { useSaveAnnouncer, type SaveEvent } from '@/components/ui/save-announcer';
import { createAutosaver, saveOnHideAndReconnect, type Autosaver, type AutosaveStatus, type SaveOutcome } from '@/components/evidence/autosave';
import { focusOnFollow } from '@/components/ui/focus-link';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { FieldError } from '@/components/ui/field';
import { useRootHeightVariable } from '@/components/ui/root-height-variable';

type Level = { id: string; rank: number; label: string };
/** `part`: the part of the evidence the criterion judges, numbered as in the evidence panel. */
type Criterion = { id: string; title: string; description: string; part?: { number: number; title: string } | null; descriptors: { levelId: string; text: string }[] };
type Entry = { levelId: string | null; feedback: string };
type Draft = { scores: Record<string, Entry>; overallComment: string };

type Props = {
  reviewId: string;
  /** With the attempt and the kind, the work the copy in this browser belongs to, whichever claim on it this is. */
  reviewerId: string;
  attemptId: string;
  kind: 'PRIMARY' | 'SECOND' | 'ADJUDICATION' | 'SECOND_LOOK';
  version: number;
  attemptVersion: number;
  criteria: Criterion[];
  levels: Level[];
  rule: PassingRule;
  initial: Draft;
  /** The reviewer's time zone (their account's; null or '' when they have none: UTC), for "Draft saved at". */
  timeZone?: string | null;
};

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'local' } | { kind: 'error'; message: string; stop: boolean };

const LOCAL_TEXT = 'Draft kept in this browser; it will be saved when the connection is back.';

/**
 * Said when Submit got no answer (the connection dropped, or a deploy since the page loaded made the
 * action unknown: then only a reload helps). The scores may have arrived before the connection
 * dropped: submitting again is safe, as the server refuses a review it already has and says so
 * (submitReview: only a claimed review at the version sent is written).
 */
export const SUBMIT_UNREACHABLE = couldNotReach(
  'your scores may not have been submitted',
  'They are still on this page and saved in this browser: check your connection and submit again. If they did get through, you will be told so; nothing is recorded twice. If it keeps failing, reload the page and your scores will be put back.',
);

/**
 * A draft save's answer, for the save loop the teacher's answers use too (createAutosaver). A
 * conflict (the claim ended, or another tab saved) or a final refusal (not allowed, not found)
 * stops saving for good. Scores the server does not take as they stand are not sent again until
 * the reviewer changes something. Anything else (a server error) is tried again, backing off. An
 * answer that does not say (`invalid` missing) waits for a change unless it stopped.
 */
export function draftSaveOutcome(r: DraftResult): SaveOutcome {
  if (r.ok) return { ok: true, revision: r.version, savedAt: r.savedAt };
  const stop = Boolean(r.conflict || r.stop);
  return { ok: false, formError: r.formError, conflict: stop, waitForEdit: !stop && (r.invalid ?? true) };
}

/** The form's save status for the save loop's: a dropped connection leaves the draft in this browser. */
function saveStateOf(status: AutosaveStatus): SaveState {
  if (status.kind === 'offline') return { kind: 'local' };
  if (status.kind === 'conflict') return { kind: 'error', message: status.message, stop: true };
  if (status.kind === 'error') return { kind: 'error', message: status.message, stop: false };
  return status;
}

/**
 * The bar holding Submit and the save status: sticky at the bottom of the window, above the claim
 * bar (its height is --claim-bar-height while it shows: components/review/claim-timer.tsx). While the
 * bar is on the page, the page keeps both bars' height clear below a focused field (scroll padding
 * on the root, from this bar's height measured into --scoring-bar-height; 5rem until it is
 * measured, or without script), so Tab never leaves the field being worked in hidden under them
 * (WCAG 2.4.11). Scroll padding rather than a scroll margin on the fields: Chromium ignores a
 * field's scroll margin when focus scrolls it into view.
 */
export const SAVE_BAR_CLASS =
  'sticky bottom-[var(--claim-bar-height,0px)] z-10 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-t-md border-x border-t-2 px-3 py-2 sm:px-4 sm:py-3 shadow-[0_-4px_12px_rgb(15_23_42/0.12)] [html:has(&)]:scroll-pb-[calc(var(--claim-bar-height,0px)+var(--scoring-bar-height,5rem)+0.75rem)]';

/** The bar's colours: a save that failed, or waits for the connection, shows as plainly as one that worked. */
export function saveBarTone(save: SaveState): string {
  if (save.kind === 'error') return 'border-red-400 bg-red-50';
  if (save.kind === 'local') return 'border-amber-400 bg-amber-50';
  return 'border-slate-300 bg-white';
}

/**
 * A feedback or comment box reached with focus while partly under the bars is brought up clear of
 * them, all of it as far as the window allows: Chromium scrolls only to a field wholly out of view,
 * so Tab could leave the lines being typed under the bar. Only the boxes: a radio moved away from
 * the pointer between press and release would lose the click.
 */
function revealWholeBox(e: React.FocusEvent<HTMLFormElement>) {
  if (e.target instanceof HTMLTextAreaElement) e.target.scrollIntoView({ block: 'nearest' });
}

/** What a change of the draft's save status says to screen readers. */
export function scoringSaveEvent(save: SaveState): SaveEvent {
  if (save.kind === 'saved') return { kind: 'saved' };
  if (save.kind === 'local') return { kind: 'problem', text: LOCAL_TEXT };
  if (save.kind === 'error') return { kind: 'problem', text: save.message };
  return { kind: 'quiet' };
}

/**
 * What the button does, said truthfully: only an adjudication or a second look decides by itself. A review's
 * scores may be one of two (a sampled submission is scored twice), so its button names the
 * scores' verdict, not the outcome.
 */
export function submitLabel(kind: Props['kind'], pending: boolean, complete: boolean, wouldPass: boolean): string {
  if (pending) return 'Submitting…';
  if (!complete) return 'Submit scores';
  if (kind === 'ADJUDICATION' || kind === 'SECOND_LOOK') return wouldPass ? 'Award the credential' : 'Return for revision';
  return wouldPass ? 'Submit: meets the standard' : 'Submit: needs revision';
}

/**
 * The control a link in the error summary takes focus to (its fieldset cannot take focus): for a
 * criterion's level, its chosen level, else its first (where Tab enters the group); else the box
 * the message is about. Keys as the server names the problems: `level.<criterion id>`,
 * `feedback.<criterion id>`, `overallComment`.
 */
export function problemFocusId(key: string, scores: Record<string, { levelId: string | null } | undefined>, levels: { id: string }[]): string | null {
  if (key === 'overallComment') return 'overallComment';
  const m = /^(level|feedback)\.(.+)$/.exec(key);
  if (!m) return null;
  const [, field, criterionId] = m;
  if (field === 'feedback') return `feedback-${criterionId}`;
  const levelId = scores[criterionId]?.levelId ?? levels[0]?.id;
  return levelId ? `score-${criterionId}-${levelId}` : null;
}

const outcomeText: Record<string, string> = {
  PASSED: 'The credential is awarded. The teacher will be notified.',
  RETURNED: 'The submission was returned for revision. The teacher has been notified with your feedback.',
  AWAITING_SECOND: 'Your scores are in. This submission was sampled for double scoring, so the decision waits for a second, independent reviewer.',
  NEEDS_ADJUDICATION: 'Your scores are in. They lead to a different outcome from the first reviewer’s, so an issuer admin will adjudicate.',
};

/**
 * What the submitted scores led to, said after Submit. A pass whose badge could not be issued at
 * once (left to the job queue: `awardQueued`) is not called awarded yet.
 */
export function submittedText(result: { outcome: string; awardQueued?: boolean }): string {
  if (result.outcome === 'PASSED' && result.awardQueued) return 'The submission meets the standard. Its badge will be issued shortly, and the teacher notified when it is.';
  return outcomeText[result.outcome] ?? '';
}

/**
 * The rubric as one radio group per criterion, feedback per criterion and an overall comment. Drafts
 * save themselves (and a copy stays in this browser until the server confirms), the outcome these
 * scores lead to is shown live, and the server recomputes it on submit. Nothing typed is lost on a
 * conflict: the form keeps its state and says what happened. The copy in this browser belongs to the
 * work (reviewer, attempt, kind), so a claim made again after one ended finds it, and remembers the
 * review and version it was chosen on: one from an earlier visit is only put back by itself if the
 * saved review has not changed since; otherwise (and for one from an earlier claim) the reviewer chooses.
 */
export function ScoringForm({ reviewId, reviewerId, attemptId, kind, version, attemptVersion, criteria, levels, rule, initial, timeZone = null }: Props) {
  // Kept by the work, not the review: claiming it again after the claim ended makes a new review,
  // whose form must still find what was typed in the old one (LOCAL_TEXT promised it is kept).
  const draftName = reviewDraftName({ reviewerId, attemptId, kind });
  const storageKey = localDraftKey(draftName);
  const [draft, setDraft] = useState<Draft>(initial);
  const [restored, setRestored] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const { announcement, report } = useSaveAnnouncer('Draft saved.');
  // A save's outcome, on screen and (when worth it: see useSaveAnnouncer) read out.
  const saveStatus = (next: SaveState) => {
    setSave(next);
    report(scoringSaveEvent(next));
  };
  const [result, setResult] = useState<SubmitReviewResult | null>(null);
  /** Scores from an earlier visit that were chosen on a review the server no longer has: the reviewer decides. */
  const [earlier, setEarlier] = useState<Draft | null>(null);
  /** Whether those scores were chosen in an earlier claim on this work (a review of its own), said as such. */
  const [earlierClaim, setEarlierClaim] = useState(false);
  const [pending, startTransition] = useTransition();
  const versionRef = useRef(version);
  const lastSaved = useRef(JSON.stringify(initial));
  const draftRef = useRef(draft);
  const stopped = useRef(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const rankOf = useMemo(() => new Map(levels.map((l) => [l.id, l.rank])), [levels]);
  const passing = levels.find((l) => l.rank === rule.levelRank);

  // The copy in this browser, with the review and its version it was chosen on (what a save of it would replace).
  const keepLocal = (value: Draft) => writeLocalDraft(storageKey, reviewCopyToStore(value, { reviewId, version: versionRef.current }));

  // Recover an unsaved local copy from a previous visit (e.g. the connection dropped). localStorage
  // is only readable after hydration, so this runs in an effect. A copy chosen on the review the
  // server still has is put back; one chosen on an older review (saved since from another window or
  // computer) would silently replace newer scores with the next autosave, so it waits for the
  // reviewer, and so does one chosen in an earlier claim on this work (decideReviewCopy). Compared
  // with what the form was loaded with (the refs, not the props).
  useEffect(() => {
    // A copy kept per review, as before (and before copies had a prefix, with no base version).
    adoptOldReviewCopy(reviewId, draftName);
    const local = parseStoredReviewCopy(readLocalDraft(storageKey));
    const decision = decideReviewCopy(local, { reviewId, draft: JSON.parse(lastSaved.current) as Draft, version: versionRef.current });
    if (!local || decision === 'none') {
      clearLocalDraft(storageKey);
      return;
    }
    const copy: Draft = { scores: local.scores, overallComment: local.overallComment };
    if (decision === 'ask') {
      setEarlier(copy);
      setEarlierClaim(local.reviewId !== null && local.reviewId !== reviewId);
      return;
    }
    setDraft(copy);
    draftRef.current = copy;
    setSave({ kind: 'local' });
    setRestored(true);
  }, [draftName, storageKey, reviewId]);

  const payload = (d: Draft, reviewVersion = versionRef.current) => ({
    reviewId,
    version: reviewVersion,
    overallComment: d.overallComment,
    scores: criteria.map((c) => ({ criterionId: c.id, levelId: d.scores[c.id]?.levelId ?? null, feedback: d.scores[c.id]?.feedback ?? '' })),
  });

  // Saves one at a time (one asked for during a save follows it), tries again quietly while the
  // connection is down, and stops for good once the claim has ended (draftSaveOutcome).
  const saver = useRef<Autosaver | null>(null);
  const autosaver = () =>
    (saver.current ??= createAutosaver({
      send: async (serialized, reviewVersion) => {
        const r = await saveReviewDraftAction(payload(JSON.parse(serialized) as Draft, reviewVersion));
        // The claim timer above the form shows the new end of the claim.
        if (r.ok) window.dispatchEvent(new CustomEvent(CLAIM_EVENT, { detail: r.claimExpiresAt }));
        return draftSaveOutcome(r);
      },
      text: () => JSON.stringify(draftRef.current),
      revision: versionRef,
      lastSaved,
      stopped,
      onStatus: (status) => saveStatus(saveStateOf(status)),
      onSaved: (serialized) => {
        // Changed during the save: the copy left is now chosen on the version just saved, so the
        // reviewer's own saves never make it look like an earlier visit's.
        if (JSON.stringify(draftRef.current) === serialized) clearLocalDraft(storageKey);
        else keepLocal(draftRef.current);
      },
      delayMs: 1200,
    }));
  const saveNow = () => autosaver().save();

  const update = (next: Draft) => {
    setDraft(next);
    draftRef.current = next;
    keepLocal(next);
    autosaver().schedule();
  };

  // After a choice the notice goes, and focus with it: take focus to the top of the rubric, just
  // after where the notice was (the chosen level of the first criterion, as Tab would).
  const focusRubric = (d: Draft) => {
    const first = criteria[0];
    if (!first) return;
    const chosen = d.scores[first.id]?.levelId;
    (document.getElementById(`score-${first.id}-${chosen}`) ?? document.getElementById(`score-${first.id}-${levels[0]?.id}`))?.focus();
  };

  // The reviewer chose the earlier scores over the saved review: they are saved like fresh choices,
  // and so still meet the version check, should the review have changed again meanwhile.
  const takeEarlier = () => {
    if (!earlier) return;
    setDraft(earlier);
    draftRef.current = earlier;
    keepLocal(earlier);
    setEarlier(null);
    focusRubric(earlier);
    void saveNow();
  };
  const discardEarlier = () => {
    // Anything chosen since the notice appeared replaced the stored copy: that copy stays.
    const stored = parseLocalReviewDraft(readLocalDraft(storageKey));
    if (stored && earlier && sameReviewDraft(stored, earlier)) clearLocalDraft(storageKey);
    setEarlier(null);
    focusRubric(draftRef.current);
  };
  const levelLabel = (id: string | null | undefined) => levels.find((l) => l.id === id)?.label;

  const setEntry = (criterionId: string, patch: Partial<Entry>) =>
    update({ ...draftRef.current, scores: { ...draftRef.current.scores, [criterionId]: { ...(draftRef.current.scores[criterionId] ?? { levelId: null, feedback: '' }), ...patch } } });

  // A restored copy is saved at once, as the answer editor does, rather than at the next edit.
  useEffect(() => {
    if (restored) void saveNow();
    // saveNow reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restored]);

  // As the answer editor and the proposal form: what is unsaved goes when the page is hidden (the
  // tab closed, the laptop shut) and as soon as the connection is back, not at the next retry.
  useEffect(
    () => saveOnHideAndReconnect({ save: saveNow }),
    // saveNow reads refs only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const ranks = criteria.map((c) => {
    const id = draft.scores[c.id]?.levelId;
    return id ? { criterionId: c.id, rank: rankOf.get(id)! } : null;
  });
  const complete = ranks.every(Boolean);
  const chosen = ranks.filter((r): r is { criterionId: string; rank: number } => r !== null);
  const wouldPass = complete && meetsPassingRule(rule, chosen);
  // Under a total rule: the running total, and whether only the total is what falls short.
  const total = totalOf(chosen);
  const totalOnly = complete && shortOnTotalOnly(rule, chosen);
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};

  // The form is swapped for the outcome: focus would drop to the page body, so take it to the outcome.
  const submitted = Boolean(result?.ok);
  useEffect(() => {
    if (submitted) doneRef.current?.focus();
  }, [submitted]);
  // The save bar's height, for the room the page keeps under a focused field (SAVE_BAR_CLASS); it
  // grows when a long status wraps. Gone with the bar once the scores are submitted.
  useRootHeightVariable(barRef, '--scoring-bar-height', submitted);
  // After the summary is on the page, not from the submit handler: the result is set inside a
  // transition, so on the first failure the summary did not exist yet when focus was asked for.
  // Keyed on the result object, so every failed submit (even with the same errors) takes focus there.
  useEffect(() => {
    if (result && !result.ok) errorRef.current?.focus();
  }, [result]);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    startTransition(async () => {
      // Leaving a textarea to click submit starts an autosave; let it land first (with whatever is
      // still unsaved, as a teacher's answers are saved before sending), since it moves the
      // review's version on.
      await saveNow();
      // No answer: said in the form's own error summary (which takes focus), the form stays as it
      // is, and the scores are kept in this browser too (an autosave may have cleared its copy), so
      // a reload after a deploy puts them back.
      const r = await unlessUnreachable(
        () => submitReviewAction({ ...payload(draftRef.current), attemptVersion }),
        (): SubmitReviewResult => {
          keepLocal(draftRef.current);
          return { ok: false, formError: SUBMIT_UNREACHABLE };
        },
      );
      setResult(r);
      if (r.ok) {
        clearLocalDraft(storageKey);
        stopped.current = true;
      } else {
        if (r.conflict) stopped.current = true;
      }
    });
  };

  if (result?.ok) {
    return (
      <div className="rounded-lg border border-green-300 bg-green-50 p-5">
        <h2 ref={doneRef} tabIndex={-1} className="text-lg font-semibold">{result.decision === 'PASS' ? 'Scores submitted: meets the standard' : 'Scores submitted: needs revision'}</h2>
        <p className="mt-1">{submittedText(result)}</p>
        <p className="mt-3">
          <Link href="/review" className="font-semibold">
            Back to the review queue
          </Link>
        </p>
      </div>
    );
  }

  const errorList = Object.entries(fieldErrors);
  return (
    <form method="post" onSubmit={onSubmit} onFocus={revealWholeBox} noValidate aria-describedby="rubric-help" className="space-y-5">
      <p id="rubric-help" className="text-sm text-slate-700">
        {rule.kind === 'ALL_AT_LEAST'
          ? `Every criterion must reach “${passing?.label}” or higher to earn the credential.`
          : `The total must reach ${rule.total} with no criterion below “${passing?.label}”.`}{' '}
        Feedback is required for any criterion below “{passing?.label}”.
      </p>

      {result && !result.ok ? (
        <div ref={errorRef} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950">
          <p className="font-semibold">{result.formError ?? 'Your scores were not submitted.'}</p>
          {errorList.length ? (
            <ul className="mt-2 list-disc pl-5">
              {errorList.map(([key, messages]) => {
                const focusId = problemFocusId(key, draft.scores, levels);
                return (
                  <li key={key}>
                    <a href={`#${key.replace('.', '-')}`} onClick={focusId ? focusOnFollow(focusId) : undefined}>
                      {messages.join(' ')}
                    </a>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {result.conflict ? <p className="mt-2">Your scores and feedback below are kept on this page and in this browser.</p> : null}
        </div>
      ) : null}

      {/* Always on the page, so the notice is read out when it appears; it waits for a choice. */}
      <div aria-live="polite">
        {earlier ? (
          <EarlierCopyNotice
            title={earlierClaim ? 'You have unsaved scores from your earlier claim on this submission.' : 'You have unsaved scores from an earlier visit on this computer.'}
            explanation={
              earlierClaim
                ? 'They differ from the scores this claim starts with, so they were not put back by themselves. Use them to replace the scores and comments in the form now, or discard them.'
                : 'The saved review has changed since then, so they were not put back. Use them to replace the scores and comments in the form now, or discard them.'
            }
            useLabel="Use my earlier scores"
            discardLabel="Discard them"
            onUse={takeEarlier}
            onDiscard={discardEarlier}
          >
            <ul className="mt-1 list-disc pl-5 text-slate-800">
              {criteria.map((c) => (
                <li key={c.id}>
                  {c.title}: {levelLabel(earlier.scores[c.id]?.levelId) ?? 'no level chosen'}
                </li>
              ))}
            </ul>
            {earlier.overallComment ? <p className="mt-1 whitespace-pre-wrap text-slate-800">Overall comment: “{previewOf(earlier.overallComment)}”</p> : null}
          </EarlierCopyNotice>
        ) : null}
      </div>

      {criteria.map((c, ci) => {
        const entry = draft.scores[c.id] ?? { levelId: null, feedback: '' };
        const rank = entry.levelId ? rankOf.get(entry.levelId) : undefined;
        const needsFeedback = rank !== undefined && criterionNeedsFeedback(rule, rank);
        const levelError = fieldErrors[`level.${c.id}`];
        const feedbackError = fieldErrors[`feedback.${c.id}`];
        // A missing level: the group of radios is marked invalid (a radio itself cannot be), and the
        // error describes each of its radios, one of which the error summary's link focuses. Not
        // the group as well, where it would be read a second time.
        const levelErrorId = levelError ? `level-${c.id}-error` : undefined;
        return (
          <fieldset
            key={c.id}
            id={`level-${c.id}`}
            role="radiogroup"
            aria-labelledby={`level-${c.id}-legend`}
            aria-invalid={levelErrorId ? true : undefined}
            className="rounded-lg border border-slate-300 bg-white p-4"
            aria-describedby={c.part ? `part-${c.id}` : undefined}
          >
            {/* Floated, the legend sits inside the box like any heading: left in the border, a title
                that wraps to two lines on a phone is cut by the border line. The empty div ends the float. */}
            <legend id={`level-${c.id}-legend`} className="float-left mb-1 w-full text-base font-semibold">
              {ci + 1}. {c.title}
            </legend>
            <div className="clear-both" />
            {c.part ? (
              <p id={`part-${c.id}`} className="text-sm font-medium text-slate-800">
                Scores Part {c.part.number}: {c.part.title}
              </p>
            ) : null}
            {c.description ? <p className="text-sm text-slate-700">{c.description}</p> : null}
            <FieldError id={levelErrorId} errors={levelError} />
            <div className="mt-2 space-y-2">
              {levels.map((l) => {
                const id = `score-${c.id}-${l.id}`;
                const descriptor = c.descriptors.find((d) => d.levelId === l.id)?.text ?? '';
                return (
                  <div key={l.id} className="flex items-start gap-2">
                    <input
                      type="radio"
                      id={id}
                      name={`level-${c.id}`}
                      value={l.id}
                      checked={entry.levelId === l.id}
                      onChange={() => setEntry(c.id, { levelId: l.id })}
                      aria-describedby={levelErrorId}
                      className="mt-1 h-4 w-4 shrink-0"
                    />
                    <label htmlFor={id} className="text-sm">
                      <span className="font-semibold">
                        {l.label}
                        {rule.kind === 'TOTAL_AT_LEAST' ? ` · ${l.rank} point${l.rank === 1 ? '' : 's'}` : ''}
                        {l.rank === rule.levelRank ? (rule.kind === 'TOTAL_AT_LEAST' ? ' (floor)' : ' (passing level)') : ''}
                      </span>
                      {descriptor ? <span className="block text-slate-800">{descriptor}</span> : null}
                    </label>
                  </div>
                );
              })}
            </div>
            <div className="mt-3">
              <label htmlFor={`feedback-${c.id}`} className="block text-sm font-semibold">
                Feedback on “{c.title}” {needsFeedback ? <span>(required: below the passing level)</span> : <span className="font-normal">(optional)</span>}
              </label>
              <textarea
                id={`feedback-${c.id}`}
                value={entry.feedback}
                onChange={(e) => setEntry(c.id, { feedback: e.target.value })}
                onBlur={() => void saveNow()}
                rows={3}
                maxLength={5000}
                aria-required={needsFeedback || undefined}
                aria-invalid={feedbackError ? true : undefined}
                aria-describedby={feedbackError ? `feedback-${c.id}-error` : undefined}
                className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 aria-[invalid=true]:border-red-600"
              />
              <FieldError id={`feedback-${c.id}-error`} errors={feedbackError} />
            </div>
          </fieldset>
        );
      })}

      <div>
        <label htmlFor="overallComment" className="block text-sm font-semibold">
          Overall comment to the teacher {totalOnly ? <span>(required: say what would raise the total)</span> : null}
        </label>
        <textarea
          id="overallComment"
          value={draft.overallComment}
          onChange={(e) => update({ ...draftRef.current, overallComment: e.target.value })}
          onBlur={() => void saveNow()}
          rows={4}
          maxLength={10000}
          aria-required={totalOnly || undefined}
          aria-invalid={fieldErrors.overallComment ? true : undefined}
          aria-describedby={fieldErrors.overallComment ? 'overallComment-error' : undefined}
          className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 aria-[invalid=true]:border-red-600"
        />
        <FieldError id="overallComment-error" errors={fieldErrors.overallComment} />
      </div>

      <div className="rounded-lg border border-slate-300 bg-slate-50 p-4" aria-live="polite">
        <p className="text-sm font-semibold">Outcome from these scores</p>
        <p className="mt-1">
          {!complete
            ? `Choose a level for every criterion (${ranks.filter(Boolean).length} of ${criteria.length} done).`
            : wouldPass
              ? '✓ Meets the standard: award the credential.'
              : '↺ Below the standard: return for revision.'}
        </p>
        {rule.kind === 'TOTAL_AT_LEAST' ? (
          <p className="mt-1 text-sm">
            Total so far: <strong>{total}</strong> of the {rule.total} points needed{totalOnly ? ', with every criterion at or above the floor' : ''}.
          </p>
        ) : null}
        {kind === 'PRIMARY' ? (
          <p className="mt-1 text-xs text-slate-700">
            Meeting the standard awards the credential, unless the submission was sampled for a second, independent
            score: then both scores decide, and an issuer admin settles any difference.
          </p>
        ) : null}
        {kind === 'SECOND' ? (
          <p className="mt-1 text-xs text-slate-700">The first reviewer’s scores and yours decide together; if they lead to different outcomes, an issuer admin adjudicates.</p>
        ) : null}
        {kind === 'SECOND_LOOK' ? (
          <p className="mt-1 text-xs text-slate-700">Your decision is final for this attempt: meeting the standard awards the credential, otherwise the teacher revises using your feedback.</p>
        ) : null}
      </div>

      {/* Stuck to the bottom of the window while the rubric is on screen (just above the claim bar when
          that shows), so each save, and a failed one, is seen beside the fields being scored rather
          than only at the end of a long page. See SAVE_BAR_CLASS for the room kept under a focused field. */}
      <div ref={barRef} data-scoring-bar="" className={`${SAVE_BAR_CLASS} ${saveBarTone(save)}`}>
        <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {submitLabel(kind, pending, complete, wouldPass)}
        </button>
        {/* Not a live region: it changes after every pause. The region beside it says problems, and "saved" once a minute at most. */}
        <span className="min-w-0 flex-1 basis-36 text-sm text-slate-700">
          {save.kind === 'saving' ? 'Saving draft…' : null}
          {/* In the reviewer's zone, as every other time on the page (the browser's may differ). */}
          {save.kind === 'saved' ? `Draft saved at ${formatTime(save.at, timeZone)}` : null}
          {save.kind === 'local' ? <span className="font-medium text-amber-900">{LOCAL_TEXT}</span> : null}
          {save.kind === 'error' ? <span className="font-medium text-red-800">{save.message}</span> : null}
        </span>
        <span role="status" aria-live="polite" className="sr-only">
          {announcement}
        </span>
      </div>
    </form>
  );
}
