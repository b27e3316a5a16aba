// Removing someone's role takes its row off the People page, and the invitations they sent that
// stopped working just leave the open invitations. What was done is shown above the list
// (RoleRemovalNotices), in a live region that was on the page before (so it is read out) and stays
// there: "The issuer admin role was removed from Ada Admin. 2 invitations they sent stopped
// working: …", not only told to screen readers through the page's hidden announcer.
//
// No DOM library here: React's hooks are stood in for, so the components' bodies run as functions,
// the "Yes, remove the role" form's action runs the real server action against real Postgres, and
// a later render of the notices sees the state that action set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { textJoined } from '../setup/html';
import { createActor, createOrg } from '../factories';
import { inviteMember } from '@/lib/people/mutations';
import { initialActionState, type ActionResult } from '@/lib/action-result';

/** Each useState's value, by call order within a render (as React keeps them). */
let slots: unknown[] = [];
let slot = 0;
/** What useContext gives: the notices of the list the form is in (null: a form outside one). */
let context: unknown = null;

vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  return {
    ...actual,
    useState: <T,>(init: T | (() => T)) => {
      const i = slot++;
      if (!(i in slots)) slots[i] = typeof init === 'function' ? (init as () => T)() : init;
      const set = (next: unknown) => {
        slots[i] = typeof next === 'function' ? (next as (prev: unknown) => unknown)(slots[i]) : next;
      };
      return [slots[i], set];
    },
    useCallback: <T,>(fn: T) => fn,
    useContext: () => context,
    // After hydration: scripts run.
    useSyncExternalStore: (_subscribe: unknown, getSnapshot: () => unknown) => getSnapshot(),
  };
});
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { RemoveRoleForm, RoleRemovalNotices } = await import('@/components/admin/people-forms');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  slots = [];
  context = null;
});

const LIST = 'the list of people';

/** The notices around a list, rendered as React would render them again (state kept between renders). */
function renderNotices(): { html: string; value: unknown } {
  slot = 0;
  const element = RoleRemovalNotices({ children: createElement('p', null, LIST) }) as ReactElement<{ value: unknown }>;
  return { html: renderToStaticMarkup(element), value: element.props.value };
}

/** Presses "Yes, remove the role" in a RemoveRoleForm (inside the notices' list, unless `context` was cleared). */
async function removeRole(hidden: Record<string, string>, removedMessage: string): Promise<ActionResult> {
  const element = RemoveRoleForm({ hidden, removedMessage, children: null as ReactNode }) as ReactElement<{ action: (prev: ActionResult, fd: FormData) => Promise<ActionResult> }>;
  return element.props.action(initialActionState, form(hidden));
}


describe('the confirmation after removing a role', () => {
  it('shows, above the list and read out once, whose role went and how many invitations they sent stopped working', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ada = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const ben = await createActor({ name: 'Ben Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'ada.spare@example.org', role: 'ISSUER_ADMIN' });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'ada.reviewer@example.org', role: 'REVIEWER' });

    // Before any removal: the live region is already there, empty, above the list.
    const before = renderNotices();
    expect(before.html).toBe(`<div role="status" aria-live="polite"></div><p>${LIST}</p>`);
    context = before.value;

    session.actor = ben;
    const hidden = { organizationId: issuer.id, userId: ada.id, role: 'ISSUER_ADMIN', op: 'remove' };
    expect(await removeRole(hidden, 'The issuer admin role was removed from Ada Admin.')).toMatchObject({ ok: true });
    expect(await db.invitation.count({ where: { invitedById: ada.id, withdrawnAt: { not: null } } })).toBe(2);

    const said = 'The issuer admin role was removed from Ada Admin. 2 invitations they sent stopped working: 1 to be an issuer admin and 1 to be a reviewer.';
    const after = renderNotices().html;
    expect(textJoined(after)).toBe(`${said}${LIST}`);
    // Seen: a success Alert (as every confirmation looks), not the screen-reader-only announcer.
    expect(after).toMatch(/^<div role="status" aria-live="polite" class="mb-4"><div class="rounded-md border [^"]*bg-green-50[^"]*"><div>The issuer admin role/);
    expect(after).not.toContain('sr-only');
    // Read out once: in the one live region that was on the page before.
    expect(liveRegionsAround(after, 'The issuer admin role')).toEqual(['<div role="status" aria-live="polite" class="mb-4">']);
    // Above the list, which the removal leaves in place.
    expect(after.indexOf(said)).toBeLessThan(after.indexOf(LIST));
  });

  it('says whose role went when no invitation stopped working, and the next removal replaces it', async () => {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const school = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
    const bea = await createActor({ name: 'Bea Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const ann = await createActor({ name: 'Ann Away', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const pat = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
    // A teacher invitation keeps working: nothing about invitations to say.
    await inviteMember({ actor: ann, organizationId: school.id, email: 'teacher@example.org', role: 'TEACHER' });

    context = renderNotices().value;
    session.actor = bea;
    await removeRole({ organizationId: district.id, userId: ann.id, role: 'DISTRICT_LEADER', op: 'remove' }, 'Ann Away is no longer a district leader.');
    expect(textJoined(renderNotices().html)).toBe(`Ann Away is no longer a district leader.${LIST}`);

    await removeRole({ organizationId: school.id, userId: pat.id, role: 'SCHOOL_LEADER', op: 'remove' }, 'Pat Principal no longer leads North Elementary.');
    expect(textJoined(renderNotices().html)).toBe(`Pat Principal no longer leads North Elementary.${LIST}`);
  });

  it('shows nothing when the removal is refused: the form says why itself', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ben = await createActor({ name: 'Ben Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });

    context = renderNotices().value;
    session.actor = ben;
    const result = await removeRole({ organizationId: issuer.id, userId: ben.id, role: 'ISSUER_ADMIN', op: 'remove' }, 'The issuer admin role was removed from Ben Admin.');
    expect(result).toMatchObject({ ok: false, formError: expect.stringContaining('You cannot remove your own administrator role') });
    expect(renderNotices().html).toBe(`<div role="status" aria-live="polite"></div><p>${LIST}</p>`);
  });
});
