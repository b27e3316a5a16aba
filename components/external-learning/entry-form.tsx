'use client';

import { useEffect, useRef } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import {
  EXTERNAL_LEARNING_EARLIEST, EXTERNAL_LEARNING_HOURS_MAX, EXTERNAL_LEARNING_HOURS_MIN, EXTERNAL_LEARNING_NOTE_MAX,
  EXTERNAL_LEARNING_PROVIDER_MAX, EXTERNAL_LEARNING_TITLE_MAX, EXTERNAL_LEARNING_URL_MAX,
} from '@/lib/external-learning/schemas';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextArea, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';

type Action<T = undefined> = (prev: ActionResult<T>, fd: FormData) => Promise<ActionResult<T>>;

// Said when a form's request got no answer (offline, a deploy since the page loaded): the form stays,
// with what was typed, to send again. Sending again is safe: the same entry added twice within a
// minute is added once, the same change saved twice is answered as saved, and a deleted entry is
// "not found".
export const ADD_ENTRY_UNREACHABLE = couldNotReach('the entry may not have been added', 'What you typed is still here: check your connection and press Add to my list again.');
export const EDIT_ENTRY_UNREACHABLE = couldNotReach('your changes may not have been saved', 'What you typed is still here: check your connection and press Save changes again.');
export const DELETE_ENTRY_UNREACHABLE = couldNotReach('the entry may not have been deleted', 'Check your connection and press Yes, delete it again.');
const refused = (formError: string): ActionResult => ({ ok: false, formError });

/** An entry as the edit form starts from: the day as YYYY-MM-DD, when it was last saved as ISO text. */
export type EntryFormValues = { id: string; title: string; provider: string; completedOn: string; pdHours: string; url: string; note: string; seenAt: string };

/**
 * The fields of an entry, with ids made unique by `prefix` (the add form and each entry's edit form
 * are on one page). `today`: the latest day allowed, the teacher's own today.
 */
function EntryFields({ prefix, values, today, errors }: { prefix: string; values?: EntryFormValues; today: string; errors?: Record<string, string[]> }) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <TextField
        label="Title"
        name="title"
        id={id('title')}
        defaultValue={values?.title}
        required
        maxLength={EXTERNAL_LEARNING_TITLE_MAX}
        hint="The workshop, conference or course, e.g. “Wisconsin Reading Summit 2026” or “EDU 620: Assessment for Learning”."
        errors={errors?.title}
      />
      <TextField
        label="Provided by"
        name="provider"
        id={id('provider')}
        defaultValue={values?.provider}
        required
        maxLength={EXTERNAL_LEARNING_PROVIDER_MAX}
        hint="Who ran it: an organisation, a university or a conference."
        errors={errors?.provider}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          label="Completed on"
          name="completedOn"
          id={id('completedOn')}
          type="date"
          defaultValue={values?.completedOn}
          required
          min={EXTERNAL_LEARNING_EARLIEST}
          max={today}
          hint="The last day, as year-month-day, like 2026-03-14. Not a day in the future."
          errors={errors?.completedOn}
        />
        <TextField
          label="PD hours"
          name="pdHours"
          id={id('pdHours')}
          type="number"
          inputMode="decimal"
          step="0.1"
          min={EXTERNAL_LEARNING_HOURS_MIN}
          max={EXTERNAL_LEARNING_HOURS_MAX}
          defaultValue={values?.pdHours}
          required
          hint={`As on your certificate: ${EXTERNAL_LEARNING_HOURS_MIN} to ${EXTERNAL_LEARNING_HOURS_MAX.toLocaleString('en-GB')}, like 3 or 7.5.`}
          errors={errors?.pdHours}
        />
      </div>
      <TextField
        label="Link to a certificate or record of completion (optional)"
        name="url"
        id={id('url')}
        type="url"
        inputMode="url"
        defaultValue={values?.url}
        maxLength={EXTERNAL_LEARNING_URL_MAX}
        spellCheck={false}
        hint="A full web address starting with https://."
        errors={errors?.url}
      />
      <TextArea
        label="Note (optional)"
        name="note"
        id={id('note')}
        defaultValue={values?.note}
        maxLength={EXTERNAL_LEARNING_NOTE_MAX}
        rows={3}
        hint={`Up to ${EXTERNAL_LEARNING_NOTE_MAX.toLocaleString('en-GB')} characters, e.g. a certificate number. It is printed on your PD transcript, and your district’s leaders can read it.`}
        errors={errors?.note}
      />
    </>
  );
}

/**
 * "Add professional learning". What was typed is kept when the server asks for a correction, or
 * does not answer (useReachableActionState); after an entry is added the form is emptied for the next
 * one, and the outcome (in regions always on the page) is read out. Focus stays on the button, which
 * stays. A real POST form: works without scripts.
 */
export function AddEntryForm({ action, today }: { action: Action<{ id: string }>; today: string }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, refused(ADD_ENTRY_UNREACHABLE));
  const form = useRef<HTMLFormElement>(null);
  const errors = state.ok ? undefined : state.fieldErrors;
  useEffect(() => {
    if (state.ok && state.data?.id) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} {...formProps} noValidate aria-labelledby="add-heading">
      <ActionAlerts state={state} />
      <EntryFields prefix="add" today={today} errors={errors} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add to my list'}
      </button>
    </form>
  );
}

/**
 * "Edit" on one entry: its fields, folded until opened, saved with the day the form was loaded (a
 * newer save is not overwritten). A refusal (a field to correct, a newer save in another tab) is
 * said here, what was typed kept. A save shows the list again with the outcome at its top, where
 * focus lands: the list is sorted by completion day, so the saved entry, and this form, may have
 * moved, even to another page.
 */
export function EditEntryForm({ action, values, today }: { action: Action; values: EntryFormValues; today: string }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, refused(EDIT_ENTRY_UNREACHABLE));
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <details className="text-sm">
      <summary className="inline-flex min-h-6 cursor-pointer items-center rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800 hover:bg-slate-100">
        Edit<span className="sr-only"> “{values.title}”</span>
      </summary>
      <form {...formProps} noValidate className="mt-2 max-w-2xl rounded border border-slate-200 bg-white p-3" aria-label={`Edit “${values.title}”`}>
        <input type="hidden" name="id" value={values.id} />
        <input type="hidden" name="seenAt" value={values.seenAt} />
        <ActionAlerts state={state} />
        <EntryFields prefix={`edit-${values.id}`} values={values} today={today} errors={errors} />
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save changes'}
        </button>
      </form>
    </details>
  );
}

/**
 * "Delete…" on one entry: the first click only opens what will happen and the real button (WCAG
 * 3.3.4). A success shows the list again with the outcome at its top; a refusal (deleted already in
 * another tab) is said here.
 */
export function DeleteEntryForm({ action, entry }: { action: Action; entry: { id: string; title: string } }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, refused(DELETE_ENTRY_UNREACHABLE));
  return (
    <div>
      <ConfirmDisclosure summary={<>Delete…<span className="sr-only"> “{entry.title}”</span></>}>
        <form {...formProps}>
          <input type="hidden" name="id" value={entry.id} />
          <p>Delete “{entry.title}” from your list? It comes off your PD transcript and your self-reported hours. This cannot be undone.</p>
          <button type="submit" disabled={pending} className="mt-1 inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800 disabled:opacity-60">
            {pending ? 'Deleting…' : 'Yes, delete it'}<span className="sr-only">: “{entry.title}”</span>
          </button>
        </form>
      </ConfirmDisclosure>
      <ActionAlerts state={state} className="mt-2" />
    </div>
  );
}
