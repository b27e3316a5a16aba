'use client';

import { useEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { keepClaimAction } from '@/app/review/[reviewId]/actions';
import { smallButtonClass } from '@/components/ui/button';
import { formatDayTime, formatTime } from '@/lib/time-format';

/** Fired by the scoring form after each autosave, with the claim's new end (ISO). */
export const CLAIM_EVENT = 'microcred:claim-extended';

const TICK_MS = 15_000;

/**
 * A time of day ("14:30") and the claim's end ("25 Nov, 14:30") in the reviewer's time zone: the
 * one on their account (`timeZone`, as the server wrote the page), else UTC, labelled, as every other
 * time on the page and the scoring form's "Draft saved at" are. Written as the rest of the app writes
 * times (lib/time-format.ts), whatever language the browser is set to.
 */
export const hhmm = (d: Date, timeZone?: string | null) => formatTime(d, timeZone);
export const claimEndLabel = (d: Date, timeZone?: string | null) => formatDayTime(d, timeZone);

/**
 * Where the claim stands at `now` (null before hydration, when only the server's word counts):
 * `left` in ms, and whether it has run out or is about to (the warning starts a quarter of the
 * claim before its end, between 2 and 10 minutes).
 */
export function claimPhase(o: { until: Date; now: number | null; claimMinutes: number; expiredAtRender: boolean }) {
  const left = o.now === null ? null : o.until.getTime() - o.now;
  const warnAt = Math.min(10, Math.max(2, o.claimMinutes / 4)) * 60_000;
  const expired = left === null ? o.expiredAtRender : left <= 0;
  const warning = left !== null && !expired && left <= warnAt;
  return { left, expired, warning };
}

/**
 * What the timer's live region says. It changes only when the state of the claim does (the
 * warning starts, the claim runs out, keeping it failed), never with the minutes counted down on
 * screen, so screen readers hear it once per change instead of every minute. `endsAt`: the
 * claim's end, as a time of day.
 */
export function claimAnnouncement(s: { error: string | null; expired: boolean; warning: boolean; endsAt: string }): string {
  if (s.error) return s.error;
  if (s.expired) return 'Your claim has run out. Another reviewer may take this submission now. Keep it, or save a draft, to carry on if nobody has.';
  if (s.warning) return `Your claim runs out soon, at ${s.endsAt}. Keep it to carry on without losing your place.`;
  return '';
}

/** The line confirming a kept claim, or '' while there is none to show (a newer warning or error replaces it). */
export function keptText(s: { error: string | null; expired: boolean; warning: boolean; keptUntil: string | null }): string {
  return s.keptUntil && !s.error && !s.expired && !s.warning ? `Claim kept until ${s.keptUntil}.` : '';
}

/**
 * How long the reviewer's claim on this submission lasts, in their own time zone (`timeZone`, from
 * their account; null: not known, the browser's once scripts run), with a warning
 * shortly before it runs out and a button to keep it (WCAG 2.2.1: time limits can be extended).
 * The warning box counts the minutes down on screen; a separate live region, always on the page,
 * says when the warning starts, when the claim runs out and when it was kept (claimAnnouncement).
 * Once kept, the button goes: focus moves to the line saying until when, so it is not lost.
 */
export function ClaimTimer({ reviewId, expiresAt, claimMinutes, serverLabel, timeZone = null, expiredAtRender, claimAgainButton }: { reviewId: string; expiresAt: string; claimMinutes: number; serverLabel: string; timeZone?: string | null; expiredAtRender: boolean; claimAgainButton?: ReactNode }) {
  const [until, setUntil] = useState(() => new Date(expiresAt));
  const [now, setNow] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Set when the claim ran out and was swept while nobody took the work: it can be claimed again.
  const [claimAgain, setClaimAgain] = useState(false);
  // The new end of the claim ("14:30") once "Keep my claim" worked; cleared when the claim changes again.
  const [keptUntil, setKeptUntil] = useState<string | null>(null);
  const keptRef = useRef<HTMLParagraphElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, TICK_MS);
    const onExtended = (e: Event) => {
      const next = new Date(String((e as CustomEvent).detail));
      if (Number.isNaN(next.getTime())) return;
      setUntil(next);
      // An autosave moved the end on: the confirmation would name a stale time.
      setKeptUntil(null);
    };
    window.addEventListener(CLAIM_EVENT, onExtended);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener(CLAIM_EVENT, onExtended);
    };
  }, []);

  // Before hydration (and without JavaScript) the server's words are shown: the reviewer's zone, or UTC labelled as such.
  const label = now === null ? serverLabel : claimEndLabel(until, timeZone);
  const { left, expired, warning } = claimPhase({ until, now, claimMinutes, expiredAtRender });
  const minutesLeft = left === null ? 0 : Math.max(1, Math.round(left / 60_000));

  const keep = () =>
    startTransition(async () => {
      const r = await keepClaimAction({ reviewId });
      if (r.ok) {
        const next = new Date(r.claimExpiresAt);
        setUntil(next);
        setError(null);
        setKeptUntil(hhmm(next, timeZone));
        // The button is gone once the warning is: focus goes to the confirmation in its place.
        window.setTimeout(() => keptRef.current?.focus(), 0);
      } else {
        setError(r.formError);
        setClaimAgain(Boolean(r.claimAgain));
        // The button makes way for the reason (and a way to claim the work again): focus goes there.
        window.setTimeout(() => boxRef.current?.focus(), 0);
      }
    });

  const announcement = claimAnnouncement({ error, expired, warning, endsAt: now === null ? serverLabel : hhmm(until, timeZone) });
  const kept = keptText({ error, expired, warning, keptUntil });

  return (
    <div className="mt-2 text-sm">
      <p className="text-slate-700">
        Your claim lasts until <time dateTime={until.toISOString()}>{label}</time>; every saved draft extends it.
      </p>
      {/* Always on the page, so what it says is read out when it changes; it changes with the state of the claim, not every minute. */}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {/* Always on the page too (a live region), and focused once the claim is kept: the button it replaces has gone. */}
      <p ref={keptRef} role="status" tabIndex={-1} className={kept ? 'mt-2 font-medium text-green-800' : 'sr-only'}>
        {kept}
      </p>
      <div ref={boxRef} tabIndex={-1} className={warning || expired || error ? 'mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950' : undefined}>
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
            <strong>Your claim runs out in {minutesLeft} minute{minutesLeft === 1 ? '' : 's'}.</strong> Keep it to carry on without losing your place.
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
