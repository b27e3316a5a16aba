import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import './globals.css';
import { SiteHeader } from '@/components/layout/site-header';
import { getActor } from '@/lib/auth/session';
import { countUnreadNotifications } from '@/lib/notifications/queries';
import { env } from '@/lib/env';
import { ANNOUNCER_ID } from '@/components/ui/announcer';
import { FocusKeeper } from '@/components/ui/focus-keeper';
import { TimeZoneCapture } from '@/components/account/time-zone-capture';
import { timeZoneUnknown } from '@/lib/time-zone';

export function generateMetadata(): Metadata {
  return {
    title: { default: 'Microcred: micro-credentials for teachers', template: '%s · Microcred' },
    description: 'Earn verifiable badges for the teaching skills you show in your own classroom.',
    // Link previews (LinkedIn, Slack) need absolute image and page URLs: the public address, not
    // whatever host a request came in on.
    metadataBase: new URL(env().APP_URL),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  const unread = actor ? await countUnreadNotifications(actor.id) : 0;
  const demo = env().DEMO_MODE;
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <SiteHeader actor={actor} unread={unread} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8" tabIndex={-1}>
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap gap-4 px-4 py-6 text-sm text-slate-700">
            <span>Microcred: evidence-based professional learning for teachers.</span>
            <Link href="/catalog">Catalogue</Link>
            <Link href="/verify">Verify a badge</Link>
            {demo ? <Link href="/outbox">Email outbox (demo)</Link> : null}
          </div>
        </footer>
        {/* For messages whose own element has gone (components/ui/announcer.ts). */}
        <div id={ANNOUNCER_ID} role="status" aria-live="polite" className="sr-only" />
        {/* A button disabled while its form saves gets focus back after (not the page's start). */}
        <FocusKeeper />
        {/* Signed in with no time zone yet (a school account, or a session from before zones were kept);
            not for someone who chose "Not set" ('') on their account page. */}
        {actor && timeZoneUnknown(actor.timeZone) ? <TimeZoneCapture /> : null}
      </body>
    </html>
  );
}
