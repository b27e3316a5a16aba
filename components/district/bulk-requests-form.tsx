'use client';

import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { decideDistrictRequestsAction } from '@/app/district/people/actions';
import { initialActionState } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { Alert } from '@/components/ui/card';
import { OutcomeRegions } from '@/components/ui/outcome-regions';
import { smallButtonClass } from '@/components/ui/button';

type State = Awaited<ReturnType<typeof decideDistrictRequestsAction>>;
type Decisions = NonNullable<Extract<State, { ok: true }>['data']>;

/**
 * Said when deciding got no answer (offline, a deploy since the page loaded): the form stays, the
 * boxes ticked as they were, to send again. Sending again is safe: each person is decided once, and
 * anyone the first press did decide is then listed as skipped, no longer in the list.
 */
export const CONFIRM_REQUESTS_UNREACHABLE = couldNotReach('the requests may not have been confirmed', 'Your ticks are still here, and nobody is decided twice: check your connection and press Confirm selected again.');
export const DECLINE_REQUESTS_UNREACHABLE = couldNotReach('the requests may not have been declined', 'Your ticks are still here, and nobody is decided twice: check your connection and press Decline selected again.');
const confirmUnreachable: State = { ok: false, formError: CONFIRM_REQUESTS_UNREACHABLE };
const declineUnreachable: State = { ok: false, formError: DECLINE_REQUESTS_UNREACHABLE };

/** The request rows' checkboxes: they sit in the list's rows (each with its own forms) and join this form through `form=`. */
function rowBoxes(formId: string): HTMLInputElement[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="userIds"][form="${formId}"]`)];
}

/** How many rows are ticked, out of how many; null before hydration (no script, no "Select all"). */
function useTicked(formId: string): { ticked: number; total: number } | null {
  const subscribe = useCallback((changed: () => void) => {
    document.addEventListener('change', changed);
    return () => document.removeEventListener('change', changed);
  }, []);
  const snapshot = useSyncExternalStore(
    subscribe,
    () => {
      const boxes = rowBoxes(formId);
      return `${boxes.filter((b) => b.checked).length}/${boxes.length}`;
    },
    () => null,
  );
  if (snapshot === null) return null;
  const [ticked, total] = snapshot.split('/').map(Number);
  return { ticked, total };
}

function SelectAll({ formId }: { formId: string }) {
  const count = useTicked(formId);
  const ref = useRef<HTMLInputElement>(null);
  const some = count !== null && count.ticked > 0 && count.ticked < count.total;
  // "Some ticked" has no attribute, only a DOM property; set after every render (the box may have just appeared).
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  });
  if (count === null || count.total === 0) return null;
  return (
    <span className="flex items-center gap-2">
      <input
        ref={ref}
        id={`${formId}-all`}
        type="checkbox"
        checked={count.ticked === count.total}
        // The boxes change without events of their own; this box's change event (reaching the
        // document after React has run this) makes the count read them again.
        onChange={(e) => {
          for (const box of rowBoxes(formId)) box.checked = e.currentTarget.checked;
        }}
        className="h-5 w-5"
      />
      <label htmlFor={`${formId}-all`} className="font-medium">Select all</label>
      <span className="text-slate-700">({count.ticked} of {count.total} selected)</span>
    </span>
  );
}

function Outcome({ state }: { state: State }) {
  const ref = useRef<HTMLDivElement>(null);
  // Each new answer takes focus (also one that came with the page, after a submit without scripts),
  // so the leader hears who was decided and who was skipped without looking for it.
  useEffect(() => {
    if (state !== initialActionState) ref.current?.focus();
  }, [state]);
  const data: Decisions | undefined = state.ok ? state.data : undefined;
  let content = null;
  if (!state.ok) content = <Alert tone="danger" live={false}>{state.formError ?? 'Nothing was decided. Try again.'}</Alert>;
  else if (data) {
    const done = data.decision === 'confirm' ? 'Confirmed' : 'Declined';
    const named = data.skipped.filter((s) => s.name !== null);
    const unnamed = data.skipped.length - named.length;
    content = (
      <Alert tone={data.skipped.length ? 'warning' : 'success'} title={state.message} live={false}>
        {data.decided.length ? (
          <>
            <p className="mt-1">{done}:</p>
            <ul className="list-disc pl-5">{data.decided.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
          </>
        ) : null}
        {data.skipped.length ? (
          <>
            <p className="mt-1">Skipped:</p>
            <ul className="list-disc pl-5">
              {named.map((p) => <li key={p.id}>{p.name}: {p.reason}</li>)}
              {unnamed ? <li>{unnamed === 1 ? 'One request' : `${unnamed} requests`} no longer in your list: withdrawn or already decided</li> : null}
            </ul>
          </>
        ) : null}
        {data.decision === 'confirm' && data.decided.length ? <p className="mt-1">They are now listed under Teachers and have been told.</p> : null}
      </Alert>
    );
  }
  return (
    // Always mounted (announced when it fills, a refusal assertively); the region holding the answer takes focus.
    <OutcomeRegions assertive={!state.ok} focusRef={ref} className="mb-3" focusClassName="focus:outline-2 focus:outline-offset-2 focus:outline-slate-700">
      {content}
    </OutcomeRegions>
  );
}

/**
 * Deciding several requests to join at once: the rows' checkboxes (rendered by the page, joined to
 * this form by `formId`), a school for those confirmed, and Confirm/Decline selected. Without
 * scripts it is a plain form post (no "Select all"). The answer stays on the page when the list
 * empties, so it is rendered even with no requests left.
 */
export function BulkRequestsForm({ formId, districtId, schools, showControls }: { formId: string; districtId: string; schools: { id: string; name: string }[]; showControls: boolean }) {
  const { state, pending, formProps } = useReachableActionState(decideDistrictRequestsAction, initialActionState, (sent) => (sent.get('decision') === 'decline' ? declineUnreachable : confirmUnreachable));
  return (
    <form id={formId} {...formProps} aria-busy={pending}>
      {/*
        First submit button, disabled: Enter in a row's checkbox would otherwise submit the form with
        "Confirm selected" (implicit submission uses the first button; a disabled one submits nothing).
      */}
      <button type="submit" disabled hidden aria-hidden="true" tabIndex={-1} />
      <input type="hidden" name="districtId" value={districtId} />
      <Outcome state={state} />
      {showControls ? (
        <fieldset className="mb-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <legend className="px-1 font-semibold">Decide several at once</legend>
          <p className="mb-2 text-slate-700">
            Tick the requests below, then confirm or decline them together. Each person is told, as when you decide one at a time. People who have not confirmed their email address are skipped when you confirm.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <SelectAll formId={formId} />
            <span className="flex items-center gap-2">
              <label htmlFor={`${formId}-school`}>School for those confirmed</label>
              <select id={`${formId}-school`} name="schoolId" defaultValue="" className="max-w-full rounded-md border border-slate-500 bg-white px-2 py-1">
                <option value="">District-wide</option>
                {schools.map((sc) => <option key={sc.id} value={sc.id}>{sc.name}</option>)}
              </select>
            </span>
            <button type="submit" name="decision" value="confirm" disabled={pending} className={smallButtonClass}>Confirm selected</button>
            <button type="submit" name="decision" value="decline" disabled={pending} className={smallButtonClass}>Decline selected</button>
            <span role="status" className="text-slate-700">{pending ? 'Deciding…' : ''}</span>
          </div>
        </fieldset>
      ) : null}
    </form>
  );
}
