'use client';

import { useActionState, useRef, useState, useSyncExternalStore } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { submitKeepingInput } from '@/components/ui/keep-input';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { SelectField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { browserTimeZone } from '@/components/account/browser-time-zone-field';
import { listedTimeZone, NO_TIME_ZONE_CHOSEN, NOT_SET_CHOICE, timeZoneInWords } from '@/lib/time-zone';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;
type Group = { region: string; zones: { value: string; label: string }[] };

const secondary = 'rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100';
const noSubscription = () => () => undefined;

/** Said when setting got no answer. Setting again is safe: it sets the same zone. */
export const TIME_ZONE_UNREACHABLE = couldNotReach('your time zone may not have been set', 'Your choice is still here: check your connection and press Set time zone again.');
const unreachable: ActionResult = { ok: false, formError: TIME_ZONE_UNREACHABLE };

/**
 * "Time zone" on the account page (ADR 023): the zone times of day are shown in. `current` is the
 * stored one (null: not known yet; NO_TIME_ZONE_CHOSEN: "Not set", chosen; either way times are in
 * UTC); `groups` comes from the server, so the list is the one the server accepts. "Not set" heads
 * the list, so going back to no zone is chosen like any zone. "Use this browser’s time zone" only
 * picks it in the list, under whatever name the list gives it; "Set time zone" saves the choice
 * (not "Save": the profile form's button on the same page is called that).
 */
export function TimeZoneForm({ action, current, groups }: { action: Action; current: string | null; groups: Group[] }) {
  // Without scripts (before hydration) the form posts to the action, which answers in `posted`. With
  // them it is sent from here, the choice kept, and a request that got no answer becomes a refusal
  // said above the list (TIME_ZONE_UNREACHABLE) instead of the error page. As useReachableActionState
  // does, but with action states alone, as submit-form does: this form's unit test (the browser
  // button, time-zone-form-detect.test.ts) stands in for those and not for a transition.
  const [posted, postAction, posting] = useActionState(action, initialActionState);
  const [sent, send, sending] = useActionState((prev: ActionResult | null, fd: FormData) => unlessUnreachable(() => action(prev ?? posted, fd), () => unreachable), null);
  const state = sent ?? posted;
  const pending = posting || sending;
  const selectRef = useRef<HTMLSelectElement>(null);
  // Said after "Use this browser's zone" (which zone it picked, or that it is not in the list).
  const [detected, setDetected] = useState('');
  // The button needs scripts: shown only once the page has them.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const zone = current || null;

  const detect = () => {
    const reported = browserTimeZone();
    const select = selectRef.current;
    // The list is the server's: the browser may spell the same zone another way ("Asia/Kolkata" for
    // "Asia/Calcutta", "Etc/UTC" for "UTC"), so it is looked up there rather than taken as it is.
    const listed = select ? [...select.options].map((o) => o.value).filter((v) => v !== NOT_SET_CHOICE) : [];
    const found = reported ? listedTimeZone(reported, listed) : null;
    if (select && found) {
      select.value = found;
      setDetected(`Chosen: ${timeZoneInWords(found)}, this browser’s time zone. Set it to keep it.`);
    } else {
      setDetected(reported ? `This browser’s time zone (${reported}) is not in the list: choose the city nearest you that shares its time.` : 'This browser does not say its time zone: choose the city nearest you that shares its time.');
    }
  };

  return (
    // What "Use this browser’s time zone" said no longer holds once the choice is changed or set.
    <form action={postAction} onSubmit={submitKeepingInput(send)} onSubmitCapture={() => setDetected('')} noValidate>
      <h2 className="mb-1 font-semibold">Time zone</h2>
      <p className="mb-4 text-sm text-slate-700">
        {zone
          ? 'Times on this site (when a review was decided, until when your claim lasts) are shown in your time zone.'
          : current === NO_TIME_ZONE_CHOSEN
            ? 'Not set, as you chose: times on this site are shown in UTC, marked “UTC”. Choose your time zone to see them in your own time.'
            : 'Not set yet, so times on this site are shown in UTC. Choose your time zone to see them in your own time.'}
      </p>
      <ActionAlerts state={state} />
      <SelectField
        ref={selectRef}
        label="Time zone"
        name="timeZone"
        defaultValue={zone ?? NOT_SET_CHOICE}
        hint="Listed by region, then by a city in the zone. “Not set” keeps no time zone for you: times are shown in UTC."
        onChange={() => setDetected('')}
        errors={state.ok ? undefined : state.fieldErrors?.timeZone}
      >
        <option value={NOT_SET_CHOICE}>Not set (times in UTC)</option>
        {groups.map((g) => (
          <optgroup key={g.region} label={g.region}>
            {g.zones.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      {hydrated ? (
        <div className="mb-4">
          <button type="button" onClick={detect} className={secondary}>
            Use this browser’s time zone
          </button>
          {/* Always on the page once scripts run, so what the button did is read out. */}
          <p role="status" className="mt-1 text-sm text-slate-700">
            {detected}
          </p>
        </div>
      ) : null}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Setting…' : 'Set time zone'}
      </button>
    </form>
  );
}
