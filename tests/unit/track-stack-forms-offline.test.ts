// The track and stack editors, pressed with no answer from the server (the connection dropped, or a
// deploy since the page loaded made the action unknown): the rejection used to reach the error
// boundary, and the whole page, with everything typed in the form, gave way to "Something went
// wrong". Now the form says so in place and can be sent again (useReachableActionState). Each edit
// page also sends back when it was opened (seenUpdatedAt), so a save on top of a newer one is refused.
//
// No DOM library: the hooks the forms use are stood in for by a small keeper of state (by call
// order, as React keeps it), as in review-forms-offline.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ReactNode } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { textJoined } from '../setup/html';
import { boundary, resetHooks, run, settle } from '../setup/react-stand-in';
import { html, OFFLINE } from '../setup/form-stand-ins';

vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));

const saveTrackAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const saveStackAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
vi.mock('@/app/admin/tracks/actions', () => ({ saveTrackAction: (prev: ActionResult, fd: FormData) => saveTrackAction(prev, fd) }));
vi.mock('@/app/admin/stacks/actions', () => ({ saveStackAction: (prev: ActionResult, fd: FormData) => saveStackAction(prev, fd) }));

const { TrackForm, StackForm, TRACK_UNREACHABLE, STACK_UNREACHABLE } = await import('@/components/admin/track-stack-forms');

beforeEach(() => {
  resetHooks();
  saveTrackAction.mockReset();
  saveStackAction.mockReset();
  // No form element outside a browser: the form's fields are given as `{ fields }` where it is read.
  vi.stubGlobal(
    'FormData',
    class extends globalThis.FormData {
      constructor(form?: { fields?: Record<string, string> }) {
        super();
        for (const [k, v] of Object.entries(form?.fields ?? {})) this.set(k, v);
      }
    },
  );
  return () => vi.unstubAllGlobals();
});

/** Presses Save on the form `tree` is, as a browser with scripts does (its onSubmit). */
function pressSave(tree: ReactNode, fields: Record<string, string>) {
  const form = tree as { type: string; props: { onSubmit: (e: unknown) => void } };
  expect(form.type).toBe('form');
  form.props.onSubmit({ preventDefault: () => undefined, nativeEvent: { submitter: { name: 'intent', value: 'save' } }, currentTarget: { fields } });
}

const SEEN = '2026-03-02T10:15:00.123Z';
const issuers = [{ id: 'i1', name: 'Issuer' }];
const forms = [
  {
    name: 'track',
    component: TrackForm as (p: unknown) => ReactNode,
    action: saveTrackAction,
    unreachable: TRACK_UNREACHABLE,
    props: { trackId: 't1', seenUpdatedAt: SEEN, issuers, status: 'DRAFT', options: [], initial: { slug: 'feedback-track', kind: 'TRACK', title: 'Feedback', summary: 'S', description: '', topic: 'T', subjects: '', gradeBands: '', levels: [] } },
    fields: { trackId: 't1', seenUpdatedAt: SEEN, title: 'Feedback, typed on' } as Record<string, string>,
  },
  {
    name: 'stack',
    component: StackForm as (p: unknown) => ReactNode,
    action: saveStackAction,
    unreachable: STACK_UNREACHABLE,
    props: { stackId: 's1', seenUpdatedAt: SEEN, issuers, status: 'DRAFT', options: [], initial: { slug: 'feedback-stack', title: 'Feedback', summary: 'S', description: '', badgeColor: '#7c3aed', microCredentials: [] } },
    fields: { stackId: 's1', seenUpdatedAt: SEEN, title: 'Feedback, typed on' } as Record<string, string>,
  },
];

describe.each(forms)('the $name editor', ({ component, action, unreachable, props, fields }) => {
  it('sends back when its page was opened', () => {
    expect(html(component, props)).toContain(`<input type="hidden" name="seenUpdatedAt" value="${SEEN}"/>`);
  });

  it('with no answer from the server: the form stays, says so, and sends again', async () => {
    action.mockRejectedValueOnce(OFFLINE());
    pressSave(run(component, props), fields);
    await settle();
    expect(boundary).toEqual([]);
    expect(action).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(action.mock.calls[0][1].entries())).toEqual({ ...fields, intent: 'save' });
    const page = html(component, props);
    expect(textJoined(page)).toContain(unreachable);
    expect(unreachable).toMatch(/^We could not reach the server, so the (track|stack) may not have been saved\./);
    expect(page).toMatch(/<button type="submit" value="save"[^>]*>Save<\/button>/);
    expect(page).not.toMatch(/<button[^>]*disabled=""[^>]*>Save</);

    action.mockResolvedValueOnce({ ok: true, message: 'Saved.' });
    pressSave(run(component, props), fields);
    await settle();
    expect(boundary).toEqual([]);
    expect(action).toHaveBeenCalledTimes(2);
    const done = textJoined(html(component, props));
    expect(done).toContain('Saved.');
    expect(done).not.toContain('We could not reach the server');
  });
});
