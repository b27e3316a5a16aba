'use client';

import { useRef } from 'react';
import { addRecommendationAction, removeRecommendationAction, updateRecommendationAction } from '@/app/district/recommendations/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { RECOMMENDATION_NOTE_MAX, type RecommendationKind } from '@/lib/district/recommendation-schemas';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { SelectField, TextArea } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { RecommendOutcome } from '@/components/district/recommendation-outcome';

type School = { id: string; name: string };

// Said when a form's request got no answer (offline, a deploy since the page loaded): the form stays,
// with the note and audience, to send again (useReachableActionState). Recommending again is safe: a
// recommendation made already is refused as one the district has.
export const RECOMMEND_UNREACHABLE = couldNotReach('it may not have been recommended', 'Your note is still here: check your connection and press Recommend again.');
export const EDIT_RECOMMENDATION_UNREACHABLE = couldNotReach('your changes may not have been saved', 'What you typed and chose is still here: check your connection and press Save changes again.');
const recommendUnreachable: ActionResult = { ok: false, formError: RECOMMEND_UNREACHABLE };
const editUnreachable: ActionResult = { ok: false, formError: EDIT_RECOMMENDATION_UNREACHABLE };

const NOTE_HINT = `Optional, plain text, up to ${RECOMMENDATION_NOTE_MAX} characters: why it matters, e.g. “Part of our 2026-27 literacy priority”. Teachers see it with the recommendation.`;

function AudienceSelect({ id, schools, selected, errors }: { id: string; schools: School[]; selected?: string | null; errors?: string[] }) {
  return (
    <SelectField label="Recommend to" name="schoolId" id={id} defaultValue={selected ?? ''} errors={errors}>
      <option value="">The whole district</option>
      {schools.map((s) => <option key={s.id} value={s.id}>Teachers at {s.name}</option>)}
    </SelectField>
  );
}

/**
 * "Recommend" on a catalogue search result: an optional note and the audience, folded until opened.
 * `full`: the district has as many as it can have, so the form is gone; the outcome stays (the 30th
 * success is shown and announced as the form folds away).
 */
export function RecommendForm({ districtId, kind, targetId, title, schools, full }: { districtId: string; kind: RecommendationKind; targetId: string; title: string; schools: School[]; full: boolean }) {
  const { state, pending, formProps } = useReachableActionState(addRecommendationAction, initialActionState, recommendUnreachable);
  const form = useRef<HTMLFormElement>(null);
  const errors = state.ok ? undefined : state.fieldErrors;
  const key = `${kind}-${targetId}`;
  return (
    <>
      <RecommendOutcome state={state} form={form} />
      {full ? null : (
        <details className="mt-2">
          <summary className="inline-flex min-h-6 cursor-pointer items-center rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800 hover:bg-slate-100">
            Recommend…<span className="sr-only"> {title}</span>
          </summary>
          <form ref={form} {...formProps} noValidate className="mt-2" aria-label={`Recommend ${title}`}>
            <input type="hidden" name="districtId" value={districtId} />
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="targetId" value={targetId} />
            {/* Failures only (RecommendOutcome says a success), in regions always on the page, so a refusal is announced. */}
            <ActionAlerts state={state.ok ? initialActionState : state} />
            <TextArea label="Note to teachers" name="note" id={`note-${key}`} hint={NOTE_HINT} maxLength={RECOMMENDATION_NOTE_MAX} rows={2} errors={errors?.note} />
            <AudienceSelect id={`audience-${key}`} schools={schools} errors={errors?.schoolId} />
            <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
              {pending ? 'Recommending…' : 'Recommend'}
              <span className="sr-only">: {title}</span>
            </button>
          </form>
        </details>
      )}
    </>
  );
}

/** Changing a recommendation's note or audience; folded until opened. */
export function EditRecommendationForm({ recommendation, schools }: { recommendation: { id: string; title: string; note: string; schoolId: string | null }; schools: School[] }) {
  const { state, pending, formProps } = useReachableActionState(updateRecommendationAction, initialActionState, editUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const r = recommendation;
  return (
    <details className="text-sm">
      <summary className="inline-flex min-h-6 cursor-pointer items-center rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800 hover:bg-slate-100">
        Edit<span className="sr-only"> the recommendation of {r.title}</span>
      </summary>
      <form {...formProps} noValidate className="mt-2 max-w-xl rounded border border-slate-200 bg-white p-3">
        <input type="hidden" name="recommendationId" value={r.id} />
        <ActionAlerts state={state} />
        <TextArea label="Note to teachers" name="note" id={`edit-note-${r.id}`} hint={NOTE_HINT} maxLength={RECOMMENDATION_NOTE_MAX} rows={3} defaultValue={r.note} errors={errors?.note} />
        <AudienceSelect id={`edit-audience-${r.id}`} schools={schools} selected={r.schoolId} errors={errors?.schoolId} />
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
          {pending ? 'Saving…' : 'Save changes'}
        </button>
      </form>
    </details>
  );
}

/** Removing one: a first click explains, the second removes. */
export function RemoveRecommendationForm({ recommendation }: { recommendation: { id: string; title: string } }) {
  return (
    <ConfirmDisclosure summary={<>Remove<span className="sr-only"> the recommendation of {recommendation.title}</span></>}>
      <p>Teachers will no longer see “{recommendation.title}” as recommended by the district. Their enrolments and badges are not affected.</p>
      <InlineActionForm action={removeRecommendationAction} hidden={{ recommendationId: recommendation.id }} removedMessage={`Removed the recommendation of ${recommendation.title}.`}>
        <button type="submit" className="inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800">
          Yes, remove it<span className="sr-only">: {recommendation.title}</span>
        </button>
      </InlineActionForm>
    </ConfirmDisclosure>
  );
}
