'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { FieldError, TextArea, TextField } from '@/components/ui/field';
import { COMMENT_MAX, RATINGS, RATING_WORDS } from '@/lib/credential-feedback/schemas';
import { formatHours } from '@/lib/credential-feedback/policy';
import { deleteFeedbackAction, saveFeedbackAction } from './actions';

/** Said when saving got no answer. Saving again is safe: it replaces the teacher's one piece of feedback. */
export const FEEDBACK_UNREACHABLE = couldNotReach('your feedback may not have been saved', 'What you chose and wrote is still here: check your connection and press the button again.');
const unreachable: ActionResult = { ok: false, formError: FEEDBACK_UNREACHABLE };
/** Said when deleting got no answer. */
export const DELETE_FEEDBACK_UNREACHABLE = couldNotReach('your feedback may not have been deleted', 'Check your connection and press Yes, delete my feedback again.');
const deleteUnreachable: ActionResult = { ok: false, formError: DELETE_FEEDBACK_UNREACHABLE };

type Saved = { rating: number; hoursSpent: number | null; comment: string | null } | null;

/**
 * The teacher's feedback: how useful it was (a radio group, each point in words), about how many
 * hours it took (the issuer's stated PD hours beside it), and a comment. Saved values fill it in,
 * so saving again changes them. Checked on the server (noValidate): each error is said at its
 * field, which takes focus (ActionAlerts), and what was typed stays, also when saving got no
 * answer (offline, a deploy since the page loaded: useReachableActionState).
 */
export function FeedbackForm({ microCredentialId, statedHours, saved }: { microCredentialId: string; statedHours: number; saved: Saved }) {
  const { state, pending, formProps } = useReachableActionState(saveFeedbackAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const ratingError = errors?.rating?.join(' ');
  return (
    <form {...formProps} noValidate>
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <ActionAlerts state={state} />
      {/* A radio group (which, unlike a radio, can be marked invalid): with no rating chosen, focus
          goes to the group after the refusal, which is read with its question and the error. */}
      <fieldset
        role="radiogroup"
        aria-labelledby="rating-legend"
        aria-invalid={ratingError ? true : undefined}
        aria-describedby={ratingError ? 'rating-error' : undefined}
        tabIndex={-1}
        className="mb-6 focus:outline-2 focus:outline-offset-2 focus:outline-brand-600"
      >
        <legend id="rating-legend" className="text-base font-semibold text-slate-900">How useful was this for your teaching?</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-5">
          {RATINGS.map((r) => (
            <div key={r} className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 sm:flex-col sm:items-start">
              <input id={`rating-${r}`} type="radio" name="rating" value={r} defaultChecked={saved?.rating === r} required className="h-4 w-4" />
              <label htmlFor={`rating-${r}`} className="text-sm">
                <span className="font-semibold">{r}</span> {RATING_WORDS[r]}
              </label>
            </div>
          ))}
        </div>
        <FieldError id="rating-error" errors={ratingError} />
      </fieldset>
      <div className="max-w-xs">
        <TextField
          name="hoursSpent"
          label="About how many hours did it take you?"
          hint={`Studying, trying it with your class and putting your evidence together. The issuer states ${formatHours(statedHours)} PD ${statedHours === 1 ? 'hour' : 'hours'}. Leave it empty if you are not sure.`}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={saved?.hoursSpent === null || saved?.hoursSpent === undefined ? '' : String(saved.hoursSpent)}
          errors={errors?.hoursSpent}
        />
      </div>
      <TextArea
        name="comment"
        label="Anything else the issuer should know? (optional)"
        hint="What helped, what got in the way, what you would change. Up to 4,000 characters. Please do not name students or colleagues."
        rows={6}
        maxLength={COMMENT_MAX}
        defaultValue={saved?.comment ?? ''}
        errors={errors?.comment}
      />
      <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : saved ? 'Save changes' : 'Send my feedback'}
      </button>
    </form>
  );
}

/**
 * "Delete my feedback", behind a step that says what goes (plain HTML details, so it works with the
 * keyboard and without JavaScript). The page comes back without it and says so.
 */
export function DeleteFeedbackForm({ microCredentialId }: { microCredentialId: string }) {
  const { state, pending, formProps } = useReachableActionState(deleteFeedbackAction, initialActionState, deleteUnreachable);
  return (
    <details>
      <summary className="inline-flex min-h-10 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100">Delete my feedback</summary>
      <form {...formProps} className="mt-3">
        <input type="hidden" name="microCredentialId" value={microCredentialId} />
        <ActionAlerts state={state} className="mb-3" />
        <p className="text-sm text-slate-800">Your rating, hours and comment are removed from what the issuer sees, and no longer count in the figures teachers see. You can give feedback again later.</p>
        <button type="submit" disabled={pending} className="mt-3 min-h-10 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60">
          {pending ? 'Deleting…' : 'Yes, delete my feedback'}
        </button>
      </form>
    </details>
  );
}
