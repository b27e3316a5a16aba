'use client';

// A long form with unsaved changes asks before the page is left. The browser's own question
// (beforeunload) covers reloads, closing the tab and links that load a new page; a Next.js <Link>
// moves inside the app without unloading anything, so clicks on links in this site are asked about
// here, before the router sees them.

import { useEffect, useRef } from 'react';

/** A link a click landed on, as far as leaving the page goes. `href` is absolute (as `a.href` reads). */
export type ClickedLink = { href: string; target: string; download: boolean };

/** What of a click decides whether it leaves the page. `link`: the nearest `<a href>` around what was clicked. */
export type LinkClick = {
  button: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  link: ClickedLink | null;
};

/**
 * Whether a click is one to ask about: a plain click (main button, no modifier key) on a link to
 * another page of this site, opened in this tab. A click that opens a new tab or window, downloads,
 * or moves within this page leaves nothing behind; a link to another site loads a new page, which
 * the browser's own question covers.
 */
export function shouldGuardClick(click: LinkClick, location: { href: string }): boolean {
  const { link } = click;
  if (!link || click.defaultPrevented) return false;
  if (click.button !== 0 || click.ctrlKey || click.metaKey || click.shiftKey || click.altKey) return false;
  if (link.download) return false;
  if (link.target !== '' && link.target.toLowerCase() !== '_self') return false;
  let to: URL;
  let here: URL;
  try {
    here = new URL(location.href);
    to = new URL(link.href, here);
  } catch {
    return false;
  }
  // mailto:, tel: and javascript: have no origin of their own ("null"), so they count as elsewhere.
  if (to.origin !== here.origin) return false;
  // "#part-2" (or a bare "#") on this same page scrolls; it does not leave.
  const samePage = to.pathname === here.pathname && to.search === here.search;
  if (samePage && (to.hash !== '' || to.href.endsWith('#'))) return false;
  return true;
}

type AnchorLike = { href?: unknown; getAttribute(name: string): string | null; hasAttribute(name: string): boolean };
type ClickEventLike = Omit<LinkClick, 'link'> & { target: unknown; preventDefault(): void; stopPropagation(): void };

/** The click as shouldGuardClick reads it: the link is the nearest `<a href>` around the clicked element. */
export function linkClickOf(e: ClickEventLike): LinkClick {
  const target = e.target as { closest?: (selector: string) => AnchorLike | null } | null;
  const a = typeof target?.closest === 'function' ? target.closest('a[href]') : null;
  // An SVG <a> has no string href: its attribute, resolved against the page, says the same.
  const link = a ? { href: typeof a.href === 'string' ? a.href : (a.getAttribute('href') ?? ''), target: a.getAttribute('target') ?? '', download: a.hasAttribute('download') } : null;
  return { button: e.button, ctrlKey: e.ctrlKey, metaKey: e.metaKey, shiftKey: e.shiftKey, altKey: e.altKey, defaultPrevented: e.defaultPrevented, link };
}

type GuardDeps = {
  /** The question, as it reads now. */
  message: () => string;
  /** Asks it: window.confirm in the page. */
  confirm: (message: string) => boolean;
  location: () => { href: string };
  /** Runs when the page may be left: a link the person agreed to follow, or the browser about to unload the page. */
  onLeave?: () => void;
};

/**
 * The listeners a guard adds while there are unsaved changes. `click` asks before a link in this
 * site is followed, and stops the click (the router never sees it) if the person stays.
 * `beforeUnload` asks the browser's question, except right after the person agreed to leave by a
 * link that loads a new page: they would be asked twice. `interaction` (the next key or pointer
 * press) ends that exception, so a later reload asks again.
 */
export function createLeaveGuard(deps: GuardDeps) {
  let agreed = false;
  return {
    click(e: ClickEventLike): 'not-leaving' | 'leaving' | 'stayed' {
      if (!shouldGuardClick(linkClickOf(e), deps.location())) return 'not-leaving';
      if (deps.confirm(deps.message())) {
        agreed = true;
        deps.onLeave?.();
        return 'leaving';
      }
      e.preventDefault();
      e.stopPropagation();
      return 'stayed';
    },
    beforeUnload(e: { preventDefault(): void; returnValue: unknown }): boolean {
      deps.onLeave?.();
      if (agreed) return false;
      e.preventDefault();
      // For browsers that only ask when returnValue is set.
      e.returnValue = true;
      return true;
    },
    interaction() {
      agreed = false;
    },
  };
}

/**
 * While `dirty`, asks `message` before the page is left by a link in this site, and lets the
 * browser ask before a reload, closing the tab or leaving for another site. `onLeave` runs when
 * the page may be left, e.g. to write a browser copy of the unsaved work at once.
 */
export function useLeaveGuard(dirty: boolean, message: string, onLeave?: () => void) {
  const latest = useRef({ message, onLeave });
  useEffect(() => {
    latest.current = { message, onLeave };
  });
  useEffect(() => {
    if (!dirty) return;
    const guard = createLeaveGuard({
      message: () => latest.current.message,
      confirm: (text) => window.confirm(text),
      location: () => window.location,
      onLeave: () => latest.current.onLeave?.(),
    });
    // On window, in the capture phase: before React's own listeners (on the document) pass the
    // click to a <Link>.
    const onClick = (e: MouseEvent) => void guard.click(e);
    const onBeforeUnload = (e: BeforeUnloadEvent) => void guard.beforeUnload(e);
    const onInteraction = () => guard.interaction();
    window.addEventListener('click', onClick, true);
    window.addEventListener('pointerdown', onInteraction, true);
    window.addEventListener('keydown', onInteraction, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('pointerdown', onInteraction, true);
      window.removeEventListener('keydown', onInteraction, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);
}
