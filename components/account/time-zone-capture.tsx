'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { rememberTimeZoneAction } from '@/app/actions';
import { browserTimeZone } from '@/components/account/browser-time-zone-field';

/**
 * For a signed-in person whose account has no time zone yet (the layout renders it only then):
 * sends this browser's zone once and, when it was kept, draws the page again in that zone. Nothing
 * shown; without scripts, or where the browser cannot say, times simply stay in UTC. Not rendered
 * for "Not set" ('') chosen on the account page (the layout tests for null), and the action refuses
 * it anyway, so the choice stands.
 */
export function TimeZoneCapture() {
  const router = useRouter();
  useEffect(() => {
    const zone = browserTimeZone();
    if (!zone) return;
    let cancelled = false;
    rememberTimeZoneAction(zone)
      .then((kept) => {
        if (kept && !cancelled) router.refresh();
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [router]);
  return null;
}
