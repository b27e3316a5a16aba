'use client';

import { useEffect, useState, useTransition, type ReactNode } from 'react';
import { keepClaimAction } from '@/app/review/[reviewId]/actions';
import { smallButtonClass } from '@/components/ui/button';

/** Fired by the scoring form after each autosave, with the claim's new end (ISO). */
export const CLAIM_EVENT = 'microcred:claim-extended';

const TICK_MS = 15_000;

/**
 * How long the reviewer's claim on this submission lasts, in their own time zone, with a warning
 * shortly before it runs out and a button to keep it (WCAG 2.2.1: time limits can be extended).
 * The warning sits in a live region that is always on the page, so it is announced when it appears.
 */
export function ClaimTimer({ reviewId, expiresAt, claimMinutes, utcLabel, expiredAtRender, claimAgainButton }: { reviewId: string; expiresAt: string; claimMinutes: number; utcLabel: string; expiredAtRender: boolean; claimAgainButton?: ReactNode }) {
  const [until, setUntil] = useState(() => new Date(expiresAt));
  const [now, setNow] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Set when the claim ran out and was swept while nobody took the work: it can be claimed again.
  const [claimAgain, setClaimAgain] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, TICK_MS);
    const onExtended = (e: Event) => {
      const next = new Date(String((e as CustomEvent).detail));
      if (!Number.isNaN(next.getTime())) setUntil(next);
    };
    window.addEventListener(CLAIM_EVENT, onExtended);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener(CLAIM_EVENT, onExtended);
    };
  }, []);

  // Before hydration (and without JavaScript) the server's UTC time is shown.
  const label = now === null ? utcLabel : until.toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const left = now === null ? null : until.getTime() - now;
  const warnAt = Math.min(10, Math.max(2, claimMinutes / 4)) * 60_000;
  const expired = left === null ? expiredAtRender : left <= 0;
  const warning = left !== null && !expired && left <= warnAt;

  const keep = () =>
    startTransition(async () => {
      const r = await keepClaimAction({ reviewId });
      if (r.ok) {
        setUntil(new Date(r.claimExpiresAt));
        setError(null);
      } else {
        setError(r.formError);
        setClaimAgain(Boolean(r.claimAgain));
      }
    });

  return (
    <div className="mt-2 text-sm">
      <p className="text-slate-700">
        Your claim lasts until <time dateTime={until.toISOString()}>{label}</time>; every saved draft extends it.
      </p>
      <div aria-live="polite" className={warning || expired || error ? 'mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950' : undefined}>
        {error ? (
          <>
            <p>{error}</p>
            {claimAgain && claimAgainButton ? (
              <div className="mt-1">
                <p>Your last saved draft comes with it: copy anything you typed after that save first.</p>
                <div className="mt-1">{claimAgainButton}</div>
              </div>
            ) : null}
          </>
        ) : expired ? (
          <p>
            <strong>Your claim has run out.</strong> Another reviewer may take this submission now. Keep it, or save a draft, to carry on if nobody has.
          </p>
        ) : warning ? (
          <p>
            <strong>Your claim runs out in {Math.max(1, Math.round(left / 60_000))} minute{Math.round(left / 60_000) === 1 ? '' : 's'}.</strong> Keep it to carry on without losing your place.
          </p>
        ) : null}
        {(warning || expired) && !error ? (
          <button type="button" onClick={keep} disabled={pending} className={`${smallButtonClass} mt-1`}>
            {pending ? 'Keeping…' : `Keep my claim for another ${claimMinutes >= 60 ? `${claimMinutes / 60} hour${claimMinutes === 60 ? '' : 's'}` : `${claimMinutes} minutes`}`}
          </button>
        ) : null}
      </div>
    </div>
  );
}
