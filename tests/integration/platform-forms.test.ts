// The platform admin's forms (app/platform/actions.ts) as a person meets them: a new organisation
// whose first invitation is refused is still made, and the form says so instead of failing (a retry
// would only hear that its address is taken); a disable form drawn before the account became the
// last one to run an organisation is refused with words that fit it, and its row is drawn again
// with the “Disable anyway” box. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';
import { hitInviteLimit } from '@/lib/people/mutations';
import { createOrganization } from '@/lib/organizations/platform';
import { NewOrganizationInput } from '@/lib/organizations/schemas';
import type { ActionResult } from '@/lib/action-result';

const revalidated: string[] = [];
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));

const { createOrganizationAction, accountStatusAction } = await import('@/app/platform/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  revalidated.length = 0;
});

async function signInPlatformAdmin() {
  const platform = await createOrg({ kind: 'PLATFORM' });
  session.actor = await createActor({ name: 'Pat Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
  return session.actor;
}

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

/** Uses up the day's invitation emails to `email`, as ten invitations from elsewhere would. */
async function useUpInvitations(email: string) {
  for (let i = 0; i < 10; i++) expect((await hitInviteLimit(email)).allowed).toBe(true);
}

describe('a new organisation whose first invitation is refused', () => {
  it('is made, and the form says so (a success, not a refusal to retry), why its first leader was not invited and where to invite them', async () => {
    await signInPlatformAdmin();
    await useUpInvitations('busy@example.org');
    const result = await createOrganizationAction({ ok: true }, form({ kind: 'DISTRICT', name: 'Cedar County', firstEmail: 'busy@example.org' }));
    const district = await db.organization.findUniqueOrThrow({ where: { slug: 'cedar-county' } });
    expect(result).toEqual({
      ok: true,
      data: { name: 'Cedar County', link: null, peoplePath: `/district/people?district=${district.id}`, invited: false },
      message: 'Cedar County was created, but its first leader could not be invited: busy@example.org has been sent a lot of invitations in the last day. Try again tomorrow. Invite them from its people page.',
    });
    expect(revalidated).toContain('/platform');
    // Made once, with nobody invited: it is listed as having no active leader, to invite one later.
    expect(await db.organization.count({ where: { name: 'Cedar County' } })).toBe(1);
    expect(await db.invitation.count({ where: { organizationId: district.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'org.create', entityId: district.id } })).toBe(1);
  });

  it('an issuer’s: the domain answer names the reason and its people page, so nobody is left to retry a form', async () => {
    const root = await signInPlatformAdmin();
    await useUpInvitations('busy@example.org');
    const made = await createOrganization({ actor: root, input: NewOrganizationInput.parse({ kind: 'ISSUER', name: 'Quill Institute', firstEmail: 'busy@example.org' }) });
    expect(made).toMatchObject({
      organization: { name: 'Quill Institute', slug: 'quill-institute' },
      invitation: null,
      invitationError: 'busy@example.org has been sent a lot of invitations in the last day. Try again tomorrow.',
      peoplePath: `/admin/people?org=${made.organization.id}`,
    });
    const result = await createOrganizationAction({ ok: true }, form({ kind: 'ISSUER', name: 'Quill Two', firstEmail: 'busy@example.org' }));
    expect(result.ok && result.message).toMatch(/^Quill Two was created, but its first admin could not be invited: .* Invite them from its people page\.$/);
  });

  it('an invitation that goes through is told as before', async () => {
    await signInPlatformAdmin();
    const result = await createOrganizationAction({ ok: true }, form({ kind: 'ISSUER', name: 'Aspen Lab', firstEmail: 'first@example.org' }));
    const issuer = await db.organization.findUniqueOrThrow({ where: { slug: 'aspen-lab' } });
    expect(result).toMatchObject({ ok: true, data: { name: 'Aspen Lab', link: null, peoplePath: `/admin/people?org=${issuer.id}` } });
    expect(result.ok && result.message).toMatch(/^Aspen Lab created, and its first admin invited by email \(first@example\.org\)\./);
    expect(await db.invitation.count({ where: { organizationId: issuer.id, email: 'first@example.org' } })).toBe(1);
  });
});

describe('a disable form drawn before the account became the last one to run an organisation', () => {
  it('is refused with words that say to tick “Disable anyway” (or reload), and the accounts page is drawn again to show the box', async () => {
    await signInPlatformAdmin();
    const district = await createOrg({ kind: 'DISTRICT', name: 'Maple Valley Unified' });
    const ruth = await createActor({ name: 'Ruth Okafor', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    // The page showed Ruth with a co-leader, so her row had no box; the co-leader was disabled since.
    const coLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await db.user.update({ where: { id: coLeader.id }, data: { disabledAt: new Date() } });

    const refused: ActionResult = await accountStatusAction({ ok: true }, form({ userId: ruth.id, op: 'disable', reason: 'Left the district' }));
    expect(refused.ok).toBe(false);
    const formError = !refused.ok ? refused.formError : '';
    expect(formError).toContain('Ruth Okafor is the only active leader of Maple Valley Unified.');
    expect(formError).toContain('tick “Disable anyway”, now shown under the reason, and press “Yes, disable” again. If the box is not there, reload the page.');
    expect(revalidated).toEqual(['/platform/accounts']);
    expect((await db.user.findUniqueOrThrow({ where: { id: ruth.id } })).disabledAt).toBeNull();

    // Other refusals leave the page as it is.
    revalidated.length = 0;
    const self = await accountStatusAction({ ok: true }, form({ userId: session.actor!.id, op: 'disable', reason: 'Testing' }));
    expect(self.ok).toBe(false);
    expect(revalidated).toEqual([]);

    // Ticked, from the row drawn again, it goes through.
    const done = await accountStatusAction({ ok: true }, form({ userId: ruth.id, op: 'disable', reason: 'Left the district', disableAnyway: 'on' }));
    expect(done).toMatchObject({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: ruth.id } })).disabledAt).not.toBeNull();
  });
});
