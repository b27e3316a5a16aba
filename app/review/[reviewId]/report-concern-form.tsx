'use client';

import { useEffect, useRef } from 'react';
import { reportConcernAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { FieldError, SelectField, TextArea } from '@/components/ui/field';
import { CONCERN_NOTE_MAX, CONCERN_REASON_LABELS, CONCERN_REASONS } from '@/lib/evidence/schemas';

/** Said when a report got no answer. Reporting again is safe: a concern already reported is refused as such. */
export const CONCERN_UNREACHABLE = couldNotReach('your concern may not have been reported', 'What you chose and wrote is still here: check your connection and press Report the concern again.');
const unreachable: ActionResult = { ok: false, formError: CONCERN_UNREACHABLE };

/**
 * "Report a concern about this evidence": about one file (named as this reviewer sees it) or the
 * whole attempt, with a reason and an optional note. The issuer's admins decide what to do. After a
 * report the form empties, so another file can be reported; the outcome is announced above it.
 */
export function ReportConcernForm({ reviewId, files }: { reviewId: string; files: { id: string; label: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(reportConcernAction, initialActionState, unreachable);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && state.message) formRef.current?.reset();
  }, [state]);
  const errors = state.ok ? undefined : state.fieldErrors;
  const reasonError = errors?.reason?.join(' ');
  return (
    <form ref={formRef} {...formProps} noValidate className="mt-3">
      <input type="hidden" name="reviewId" value={reviewId} />
      <ActionAlerts state={state} className="mb-3" />
      <SelectField id={`concern-file-${reviewId}`} name="fileId" label="What is it about?" defaultValue="" errors={errors?.fileId}>
        <option value="">The whole attempt</option>
        {files.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </SelectField>
      {/* A radio group (which, unlike a radio, can be marked invalid): with no reason chosen, focus goes
          to the group after the refusal (ActionAlerts), which is read with its question and the error. */}
      <fieldset
        role="radiogroup"
        aria-labelledby={`concern-reason-legend-${reviewId}`}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? `concern-reason-error-${reviewId}` : undefined}
        tabIndex={-1}
        className="mb-4 focus:outline-2 focus:outline-offset-2 focus:outline-brand-600"
      >
        <legend id={`concern-reason-legend-${reviewId}`} className="text-sm font-semibold text-slate-900">What is the concern?</legend>
        {CONCERN_REASONS.map((r) => (
          <div key={r} className="mt-1 flex items-center gap-2">
            <input id={`concern-reason-${reviewId}-${r}`} type="radio" name="reason" value={r} required className="h-4 w-4" />
            <label htmlFor={`concern-reason-${reviewId}-${r}`} className="text-sm">
              {CONCERN_REASON_LABELS[r]}
            </label>
          </div>
        ))}
        <FieldError id={`concern-reason-error-${reviewId}`} errors={reasonError} />
      </fieldset>
      <TextArea
        id={`concern-note-${reviewId}`}
        name="note"
        label="Note (optional; needed for “Something else”)"
        hint="What you saw and where (for example, the minute in a video). Only the issuer’s admins read it; avoid copying students’ names or details."
        rows={3}
        maxLength={CONCERN_NOTE_MAX}
        errors={errors?.note}
      />
      <button type="submit" disabled={pending} className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Reporting…' : 'Report the concern'}
      </button>
    </form>
  );
}
