'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { ANY_SUBJECT } from '@/lib/teaching/policy';
import { FieldError } from '@/components/ui/field';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
export type TeachingChoice = { value: string; listed: boolean };

/** Said when saving got no answer. Saving again is safe: it sets the same subjects and grades. */
export const TEACHING_UNREACHABLE = couldNotReach('what you teach may not have been saved', 'Your ticks are still here: check your connection and press Save what I teach again.');
const unreachable: ActionResult = { ok: false, formError: TEACHING_UNREACHABLE };

/**
 * "What I teach" on the account page: the subjects and grade bands the teacher teaches, ticked from
 * the catalogue's own lists (a value saved earlier that the catalogue no longer offers is listed
 * too, said so, to untick). Private to them; the dashboard and the catalogue suggest from it. Its
 * own button, named for what it saves. A real POST form: works without scripts.
 */
export function TeachingForm({ action, subjects, gradeBands, saved }: {
  action: Action;
  subjects: TeachingChoice[];
  gradeBands: TeachingChoice[];
  saved: { subjects: string[]; gradeBands: string[] };
}) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Keyed by the saved values, so the boxes show them as stored once saved.
  const key = JSON.stringify(saved);
  const nothingOffered = !subjects.length && !gradeBands.length;
  return (
    <form {...formProps} noValidate>
      <h2 id="teaching" className="mb-1 scroll-mt-4 font-semibold">What I teach</h2>
      <p className="mb-2 text-sm text-slate-700">
        Tick the subjects and grades you teach, and we suggest micro-credentials made for them: on your dashboard, and with “Matches what I teach” in the catalogue. Change it whenever your teaching changes.
      </p>
      <p className="mb-4 text-sm text-slate-700">Only you see this. It is not on your portfolio or your badges, and reviewers and your district do not see it.</p>
      <ActionAlerts state={state} />
      {nothingOffered ? (
        <p className="mb-4 text-sm text-slate-700">The catalogue lists no subjects or grades yet, so there is nothing to choose from. Come back once issuers have published micro-credentials.</p>
      ) : (
        <>
          <ChoiceGroup key={`subjects-${key}`} name="subjects" legend="Subjects" hint="Tick every subject you teach. Micro-credentials made for all subjects are suggested whatever you tick." choices={subjects} saved={saved.subjects} errors={errors?.subjects} noun="subjects" />
          <ChoiceGroup key={`grades-${key}`} name="gradeBands" legend="Grades" hint="Tick the grade bands you teach. Leave them all unticked to see every grade." choices={gradeBands} saved={saved.gradeBands} errors={errors?.gradeBands} noun="grade bands" label={(v) => `Grades ${v}`} />
          <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
            {pending ? 'Saving…' : 'Save what I teach'}
          </button>
        </>
      )}
    </form>
  );
}

/**
 * One group of checkboxes in a fieldset: its legend names it, its hint and error are read with it
 * (aria-describedby on the fieldset), and the first box is marked invalid with the error, so focus
 * goes there after a refused save (ActionAlerts) and the message is read out.
 */
function ChoiceGroup({ name, legend, hint, choices, saved, errors, noun, label = (v) => v }: {
  name: string;
  legend: string;
  hint: string;
  choices: TeachingChoice[];
  saved: string[];
  errors?: string[];
  noun: string;
  label?: (value: string) => string;
}) {
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  const chosen = new Set(saved);
  // A saved "All subjects" is not offered any more, but it still matches: it is only no longer needed.
  const hasUnlisted = choices.some((c) => !c.listed && c.value !== ANY_SUBJECT);
  return (
    <fieldset className="mb-4" aria-describedby={[hintId, errors?.length ? errorId : null].filter(Boolean).join(' ')}>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <p id={hintId} className="mt-0.5 text-sm text-slate-600">
        {choices.length ? hint : `The catalogue lists no ${noun} yet.`}
        {hasUnlisted ? ` One marked “no longer in the catalogue” matches nothing now: untick it to remove it.` : ''}
      </p>
      <FieldError id={errorId} errors={errors} />
      {choices.length ? (
        <ul className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2">
          {choices.map((c, i) => {
            const id = `${name}-${i}`;
            const invalid = Boolean(errors?.length) && i === 0;
            return (
              <li key={c.value} className="flex items-start gap-2">
                <input
                  id={id} name={name} type="checkbox" value={c.value} defaultChecked={chosen.has(c.value)} className="mt-1 h-4 w-4"
                  aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? errorId : undefined}
                />
                <label htmlFor={id}>
                  {label(c.value)}
                  {c.listed ? null : <span className="text-sm text-slate-700">{c.value === ANY_SUBJECT ? ' (no longer needed: micro-credentials for all subjects are always included)' : ' (no longer in the catalogue)'}</span>}
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}
