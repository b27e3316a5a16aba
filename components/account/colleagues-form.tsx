'use client';

import Link from 'next/link';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when saving got no answer. Saving again is safe: it sets the same choice. */
export const COLLEAGUES_UNREACHABLE = couldNotReach('your colleagues setting may not have been saved', 'Your choice is still here: check your connection and press Save colleagues setting again.');
const unreachable: ActionResult = { ok: false, formError: COLLEAGUES_UNREACHABLE };

/**
 * "Share with colleagues at my school" on the account page (docs/decisions/028). Its own button,
 * named for what it saves: other settings on the same page have theirs. A real POST form: works
 * without scripts. Ticked sends `shares=yes`; unticked sends nothing, which is "no".
 */
export function ColleaguesForm({ action, shares, schoolName }: { action: Action; shares: boolean; schoolName: string | null }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  return (
    <form {...formProps} noValidate className="mt-2">
      <ActionAlerts state={state} />
      <p id="shares-both-ways" className="mb-3 text-sm text-slate-700">
        Sharing goes both ways: you see only colleagues who share too, and only they see you.
      </p>
      <div className="mb-4 flex items-start gap-2">
        {/* Keyed by the saved choice, so the box shows it as stored once saved. */}
        <input key={String(shares)} id="sharesWithColleagues" name="shares" value="yes" type="checkbox" defaultChecked={shares} aria-describedby="shares-both-ways sharesWithColleagues-hint" className="mt-1 h-4 w-4" />
        <div>
          <label htmlFor="sharesWithColleagues" className="font-semibold">Share with colleagues at my school</label>
          <p id="sharesWithColleagues-hint" className="text-sm text-slate-700">
            {schoolName ? `Teachers at ${schoolName} who share see your name, your portfolio headline, the badges on your portfolio (month earned; not those you hid) and the micro-credentials you are working on. If you move to another school, sharing stops until you turn it on again there.` : 'You have no school on this site yet; this takes effect once you have one.'}{' '}
            Never your evidence, scores, feedback or email address.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save colleagues setting'}
        </button>
        <Link href="/colleagues" className="text-sm">See your colleagues</Link>
      </div>
    </form>
  );
}
