'use client';

import { resourceProgressAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

/**
 * Said when marking got no answer. Pressing again is safe: the form asks for a state (done or not
 * done), which setResourceProgress sets whether or not it was set already.
 */
export function resourceProgressUnreachable(title: string, done: boolean): string {
  return couldNotReach(`“${title}” may not have been marked as ${done ? 'not done' : 'done'}`, 'Check your connection and press the button again.');
}

/**
 * "Mark as done" (or back to not done) beside one resource. Works without JavaScript (a real POST
 * form); a refusal is said beside the button, in a region that is always on the page so it is read
 * out when it appears.
 */
export function ResourceProgressForm({ resource, slug, done }: { resource: { id: string; title: string }; slug: string; done: boolean }) {
  const unreachable: ActionResult = { ok: false, formError: resourceProgressUnreachable(resource.title, done) };
  const { state, pending, formProps } = useReachableActionState(resourceProgressAction, initialActionState, unreachable);
  return (
    <form {...formProps} className="no-print mt-1">
      <input type="hidden" name="resourceId" value={resource.id} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="done" value={done ? 'false' : 'true'} />
      {/* At least 24px tall (WCAG 2.5.8): the text alone is 16px. */}
      <button type="submit" disabled={pending} className="inline-flex min-h-6 items-center py-1 text-xs font-semibold text-brand-700 underline disabled:opacity-60">
        {done ? '✓ Done (mark as not done)' : 'Mark as done'}
        <span className="sr-only">: {resource.title}</span>
      </button>
      <ActionAlerts state={state} className="mt-1" />
    </form>
  );
}
