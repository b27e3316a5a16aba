'use client';

import { useEffect, useRef } from 'react';

/** The zone this browser is set to ("America/Chicago"), or '' where it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

/**
 * A hidden `timeZone` field carrying the browser's zone with a sign-in or sign-up form (ADR 023),
 * so times are shown in the person's own zone from the first page on. Filled once the form has
 * hydrated (the server cannot know the zone); empty without scripts, and the account then simply
 * has no zone until one is chosen on the account page.
 */
export function BrowserTimeZoneField() {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.value = browserTimeZone();
  }, []);
  return <input ref={ref} type="hidden" name="timeZone" defaultValue="" />;
}
