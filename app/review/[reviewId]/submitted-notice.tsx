'use client';

import { useState, type ReactNode } from 'react';
import { ArrivalNotice } from '@/components/ui/arrival-notice';

/**
 * Whether the notice of a submitted review takes focus: only when the review became submitted while
 * the page was open (the reviewer pressed Submit, and the page's refresh took the scoring form and
 * its button away), not when the page was opened on a review submitted earlier.
 */
export function submittedNoticeTakesFocus(submittedWhenShown: boolean, submitted: boolean): boolean {
  return submitted && !submittedWhenShown;
}

/**
 * The page's notice that the review is submitted (`children`, an Alert). The page keeps it mounted
 * while the review is still being scored (it shows nothing then), in the same place, so that it
 * outlives the refresh that follows Submit and knows the review was submitted meanwhile: then the
 * notice takes focus (ArrivalNotice) instead of focus falling to the page.
 */
export function SubmittedNotice({ submitted, className, children }: { submitted: boolean; className?: string; children?: ReactNode }) {
  const [submittedWhenShown] = useState(submitted);
  if (!submitted) return null;
  return submittedNoticeTakesFocus(submittedWhenShown, submitted) ? <ArrivalNotice className={className}>{children}</ArrivalNotice> : <div className={className}>{children}</div>;
}
