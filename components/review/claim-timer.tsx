'use client';

import { useEffect, useRef, useState, useTransition, type ReactNode, type RefObject } from 'react';
import { keepClaimAction, type KeepClaimResult } from '@/app/review/[reviewId]/actions';
import { smallButtonClass } from '@/components/ui/button';
import { formatDayTime, formatTime } from '@/lib/time-format';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { useRootHeightVariable } from '@/components/ui/root-height-variable';

/** Fired by the scoring form after each autosave, with the claim's new end (ISO). */
export const CLAIM_EVENT = 'microcred:claim-extended';

const TICK_MS = 15_000;

/**
 * Said when "Keep my claim" got no answer. Unlike a refusal, the button stays beside it: pressing
 * again is safe (keeping a claim only moves its end on), and an autosave that gets through, which
 * keeps the claim too, takes the message away.
 */
export const KEEP_UNREACHABLE = couldNotReach('your claim may not have been kept', 'Check your connection and press the button again.');

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

/** "Keep my claim for another 30 minutes", or "… another 2 hours". */
export function keepButtonText(claimMinutes: number): string {
  return `Keep my claim for another ${claimMinutes >= 60 ? `${claimMinutes / 60} hour${claimMinutes === 60 ? '' : 's'}` : `${claimMinutes} minutes`}`;
}

export type ClaimTimerProps = { reviewId: string; expiresAt: string; claimMinutes: number; serverLabel: string; timeZone?: string | null; expiredAtRender: boolean; claimAgainButton?: ReactNode };

/** Where "Keep my claim" was pressed: at the top of the page, or in the bar below the work. Its outcome is shown, and focus goes, there. */
type Place = 'top' | 'bar';

type ClaimRefs = {
  keptRef: RefObject<HTMLParagraphElement | null>;
  boxRef: RefObject<HTMLDivElement | null>;
  barRef: RefObject<HTMLElement | null>;
  barKeptRef: RefObject<HTMLParagraphElement | null>;
};

/** The places focus goes after "Keep my claim": made by the component that renders them. */
function useClaimRefs(): ClaimRefs {
  return { keptRef: useRef<HTMLParagraphElement>(null), boxRef: useRef<HTMLDivElement>(null), barRef: useRef<HTMLElement>(null), barKeptRef: useRef<HTMLParagraphElement>(null) };
}

/**
 * The claim's state, shared by the timer at the top of the page and the bar below the work
 * (`claim` null: no claim to time, e.g. once the review is submitted; nothing runs then).
 */
function useClaim(claim: ClaimTimerProps | null, { keptRef, boxRef, barRef, barKeptRef }: ClaimRefs) {
  const [until, setUntil] = useState(() => new Date(claim?.expiresAt ?? 0));
  const [now, setNow] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Set when the claim ran out and was swept while nobody took the work: it can be claimed again.
  const [claimAgain, setClaimAgain] = useState(false);
  // The new end of the claim ("14:30") once "Keep my claim" worked; cleared when the claim changes again.
  const [keptUntil, setKeptUntil] = useState<string | null>(null);
  const [from, setFrom] = useState<Place>('top');
  const [pending, startTransition] = useTransition();
  const active = claim !== null;

  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, TICK_MS);
    const onExtended = (e: Event) => {
      const next = new Date(String((e as CustomEvent).detail));
      if (Number.isNaN(next.getTime())) return;
      setUntil(next);
      // An autosave moved the end on: the confirmation would name a stale time, and the server was
      // reached (and the claim kept), so "could not reach the server" is no longer true.
      setKeptUntil(null);
      setError((shown) => (shown === KEEP_UNREACHABLE ? null : shown));
    };
    window.addEventListener(CLAIM_EVENT, onExtended);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener(CLAIM_EVENT, onExtended);
    };
  }, [active]);

  const timeZone = claim?.timeZone ?? null;
  const serverLabel = claim?.serverLabel ?? '';
  // Before hydration (and without JavaScript) the server's words are shown: the reviewer's zone, or UTC labelled as such.
  const label = now === null ? serverLabel : claimEndLabel(until, timeZone);
  const { left, expired, warning } = claimPhase({ until, now, claimMinutes: claim?.claimMinutes ?? 0, expiredAtRender: claim?.expiredAtRender ?? false });
  const minutesLeft = left === null ? 0 : Math.max(1, Math.round(left / 60_000));

  const keep = (place: Place) => {
    if (!claim) return;
    setFrom(place);
    startTransition(async () => {
      // No answer: said as a refusal is, in the same place, but with the button kept for another try.
      const r = await unlessUnreachable(() => keepClaimAction({ reviewId: claim.reviewId }), (): KeepClaimResult => ({ ok: false, formError: KEEP_UNREACHABLE }));
      if (r.ok) {
        const next = new Date(r.claimExpiresAt);
        setUntil(next);
        setError(null);
        setKeptUntil(hhmm(next, timeZone));
        // The button is gone once the warning is: focus goes to the confirmation in its place.
        window.setTimeout(() => (place === 'top' ? keptRef : barKeptRef).current?.focus(), 0);
      } else {
        setError(r.formError);
        setClaimAgain(Boolean(r.claimAgain));
        // The button makes way for the reason (and a way to claim the work again), or, when the
        // server was not reached, stays under it: focus goes to the reason either way.
        window.setTimeout(() => (place === 'top' ? boxRef : barRef).current?.focus(), 0);
      }
    });
  };

  const announcement = claimAnnouncement({ error, expired, warning, endsAt: now === null ? serverLabel : hhmm(until, timeZone) });
  const kept = keptText({ error, expired, warning, keptUntil });
  // The server was not reached: the button stays, for another try.
  const retry = error === KEEP_UNREACHABLE;
  return {
    until, label, expired, warning, minutesLeft, error, retry, claimAgain, from, pending, keep, announcement, kept,
    // Focus left the bar's confirmation: it has been read, and the bar makes way for the work.
    dismissKept: () => setKeptUntil(null),
  };
}

type ClaimState = ReturnType<typeof useClaim>;

/** What the warning box and the bar say while the claim is about to run out, or has. */
function ClaimWarning({ expired, minutesLeft }: { expired: boolean; minutesLeft: number }) {
  return expired ? (
    <>
      <strong>Your claim has run out.</strong> Another reviewer may take this submission now. Keep it, or save a draft, to carry on if nobody has.
    </>
  ) : (
    <>
      <strong>Your claim runs out in {minutesLeft} minute{minutesLeft === 1 ? '' : 's'}.</strong> Keep it to carry on without losing your place.
    </>
  );
}

function ClaimTimerTop({ c, keptRef, boxRef, claimMinutes, claimAgainButton }: { c: ClaimState; keptRef: ClaimRefs['keptRef']; boxRef: ClaimRefs['boxRef']; claimMinutes: number; claimAgainButton?: ReactNode }) {
  const { warning, expired, error, retry } = c;
  return (
    <div className="mt-2 text-sm">
      <p className="text-slate-700">
        Your claim lasts until <time dateTime={c.until.toISOString()}>{c.label}</time>; every saved draft extends it.
      </p>
      {/* Always on the page, so what it says is read out when it changes; it changes with the state of the claim, not every minute. The bar below the work repeats the words on screen, never in a live region. */}
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {c.announcement}
      </p>
      {/* Always on the page too (a live region), and focused once the claim is kept here: the button it replaces has gone. */}
      <p ref={keptRef} role="status" tabIndex={-1} className={c.kept && c.from === 'top' ? 'mt-2 font-medium text-green-800' : 'sr-only'}>
        {c.from === 'top' ? c.kept : ''}
      </p>
      <div ref={boxRef} tabIndex={-1} className={warning || expired || error ? 'mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950' : undefined}>
        {error && !retry ? (
          <>
            <p>{error}</p>
            {c.claimAgain && claimAgainButton && c.from === 'top' ? (
              <div className="mt-1">
                <p>Your last saved draft comes with it: copy anything you typed after that save first.</p>
                <div className="mt-1">{claimAgainButton}</div>
              </div>
            ) : null}
          </>
        ) : warning || expired ? (
          <p>
            <ClaimWarning expired={expired} minutesLeft={c.minutesLeft} />
          </p>
        ) : null}
        {retry ? <p className="mt-1 font-medium">{error}</p> : null}
        {(warning || expired) && (!error || retry) ? (
          <button type="button" onClick={() => c.keep('top')} disabled={c.pending} className={`${smallButtonClass} mt-1`}>
            {c.pending ? 'Keeping…' : keepButtonText(claimMinutes)}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * How long the reviewer's claim on this submission lasts, in their own time zone (`timeZone`, from
 * their account; null: not known, the browser's once scripts run), with a warning
 * shortly before it runs out and a button to keep it (WCAG 2.2.1: time limits can be extended).
 * The warning box counts the minutes down on screen; a separate live region, always on the page,
 * says when the warning starts, when the claim runs out and when it was kept (claimAnnouncement).
 * Once kept, the button goes: focus moves to the line saying until when, so it is not lost.
 */
export function ClaimTimer(props: ClaimTimerProps) {
  const refs = useClaimRefs();
  const c = useClaim(props, refs);
  return <ClaimTimerTop c={c} keptRef={refs.keptRef} boxRef={refs.boxRef} claimMinutes={props.claimMinutes} claimAgainButton={props.claimAgainButton} />;
}

/**
 * The scoring page under a claim (`claim`; null once there is none to time, e.g. after Submit): the
 * claim timer at the top, the work (`children`), and, while the claim is about to run out or has,
 * a bar stuck to the bottom of the window saying so, with its own "Keep my claim" button (WCAG
 * 2.2.1), so a reviewer scrolled down to the rubric, zoomed in or working from the keyboard sees the
 * warning where they are. The work stays mounted whether or not there is a claim, so what it holds
 * (the notice of a submitted review) outlives the refresh after Submit.
 */
export function ClaimWorkspace({ claim, children }: { claim: ClaimTimerProps | null; children?: ReactNode }) {
  const refs = useClaimRefs();
  const c = useClaim(claim, refs);
  const keptHere = Boolean(c.kept) && c.from === 'bar';
  const shown = claim !== null && (c.warning || c.expired || Boolean(c.error) || keptHere);
  return (
    <>
      {claim ? <ClaimTimerTop c={c} keptRef={refs.keptRef} boxRef={refs.boxRef} claimMinutes={claim.claimMinutes} claimAgainButton={claim.claimAgainButton} /> : null}
      {children}
      {shown ? (
        <ClaimBar
          barRef={refs.barRef}
          keptRef={refs.barKeptRef}
          expired={c.expired}
          minutesLeft={c.minutesLeft}
          error={c.error}
          retry={c.retry}
          kept={keptHere ? c.kept : ''}
          keepText={claim ? keepButtonText(claim.claimMinutes) : ''}
          pending={c.pending}
          onKeep={() => c.keep('bar')}
          onLeave={c.dismissKept}
          claimAgain={c.claimAgain && c.from === 'bar' ? claim?.claimAgainButton : null}
        />
      ) : null}
    </>
  );
}

/**
 * The bar below the work: the claim's warning (or why keeping it failed, or until when it is kept)
 * and the button to keep it. Sticky at the bottom of the window; while it is on the page the window
 * keeps that much room below a focused field (scroll-padding-bottom in app/globals.css, from the
 * height measured here), so the bar never hides the field being worked in (WCAG 2.4.11). It is no
 * live region: the timer's own region at the top says each change once.
 */
export function ClaimBar({ barRef, keptRef, expired, minutesLeft, error, retry = false, kept, keepText, pending, onKeep, onLeave, claimAgain }: {
  barRef: RefObject<HTMLElement | null>;
  keptRef: RefObject<HTMLParagraphElement | null>;
  expired: boolean;
  minutesLeft: number;
  error: string | null;
  /** The error is that the server was not reached: the button stays under it, for another try. */
  retry?: boolean;
  /** "Claim kept until 15:30.", when it was kept from this bar; '' otherwise. */
  kept: string;
  keepText: string;
  pending: boolean;
  onKeep: () => void;
  onLeave?: () => void;
  claimAgain?: ReactNode;
}) {
  useRootHeightVariable(barRef, '--claim-bar-height');
  const tone = kept ? 'border-green-300 bg-green-50 text-green-950' : 'border-amber-300 bg-amber-50 text-amber-950';
  return (
    <section
      ref={barRef}
      aria-label="Your claim on this submission"
      tabIndex={-1}
      data-claim-bar=""
      onBlur={(e) => {
        if (kept && !e.currentTarget.contains(e.relatedTarget as Node | null)) onLeave?.();
      }}
      className={`sticky bottom-0 z-10 mt-6 rounded-t-md border-x border-t-2 px-4 py-3 text-sm shadow-[0_-4px_12px_rgb(15_23_42/0.15)] focus:outline-2 focus:-outline-offset-4 focus:outline-amber-800 ${tone}`}
    >
      {kept ? (
        <p ref={keptRef} tabIndex={-1} className="font-medium text-green-800 focus:outline-2 focus:outline-offset-2 focus:outline-green-700">
          {kept}
        </p>
      ) : error && !retry ? (
        <>
          <p>{error}</p>
          {claimAgain ? (
            <div className="mt-1">
              <p>Your last saved draft comes with it: copy anything you typed after that save first.</p>
              <div className="mt-1">{claimAgain}</div>
            </div>
          ) : null}
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <p className="min-w-0 flex-1 basis-64">
            <ClaimWarning expired={expired} minutesLeft={minutesLeft} />
            {retry && error ? <span className="mt-1 block font-medium">{error}</span> : null}
          </p>
          <button type="button" onClick={onKeep} disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Keeping…' : keepText}
          </button>
        </div>
      )}
    </section>
  );
}
