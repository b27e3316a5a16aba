// How the notifications page says when something happened: recent ones say how long ago (true
// anywhere), and every one also gives the date and time, in the reader's own zone (ADR 023), or in
// UTC labelled as such while their zone is not known, so a time is never silently in some other zone.
import { formatDateTime } from '@/lib/time-format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago"; null from a week on, or for a time ahead of `now`. */
export function relativeTime(at: Date, now: Date): string | null {
  const ago = now.getTime() - at.getTime();
  if (ago < -MINUTE) return null;
  if (ago < MINUTE) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ago < HOUR) return plural(Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return plural(Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return plural(Math.floor(ago / DAY), 'day');
  return null;
}

/**
 * "3 hours ago · 5 Mar 2025, 08:05" in the reader's `timeZone` ("… 14:05 UTC" without one), or only
 * the date and time once it is a week old.
 */
export function describeNotificationTime(at: Date, now: Date, timeZone?: string | null): string {
  const relative = relativeTime(at, now);
  const when = formatDateTime(at, timeZone);
  return relative ? `${relative} · ${when}` : when;
}

/** A piece of a notice's body: plain text, or a link the app can follow. */
export type BodyPart = { text: string; href?: string };

const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/**
 * A notice's body in pieces, with the app's own addresses in it (written for its email, e.g. the
 * feedback page's) as links to their path: on the notifications page the full address of the server
 * is noise, and plain text could not be followed. Addresses elsewhere stay text: a notice never
 * links out of the app.
 */
export function noticeBodyParts(body: string, appUrl: string): BodyPart[] {
  const origin = new URL(appUrl).origin;
  const parts: BodyPart[] = [];
  let at = 0;
  for (const m of body.matchAll(URL_IN_TEXT)) {
    let url: URL | null = null;
    try {
      url = new URL(m[0]);
    } catch {
      url = null;
    }
    if (!url || url.origin !== origin) continue;
    if (m.index > at) parts.push({ text: body.slice(at, m.index) });
    const path = `${url.pathname}${url.search}${url.hash}`;
    parts.push({ text: path, href: path });
    at = m.index + m[0].length;
  }
  if (at < body.length) parts.push({ text: body.slice(at) });
  return parts;
}
