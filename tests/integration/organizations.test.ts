// Organisation settings and platform administration: an issuer's public profile and review
// settings, a district's schools, bringing organisations onto the platform, disabling accounts,
// and the command-line grant of the first platform admin.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db, getDb } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { outcomeOf } from '../setup/outcome';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { changeRole, getInvitation, inviteMember } from '@/lib/people/mutations';
import { isDomainError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { authenticate } from '@/lib/auth/accounts';
import { readAccountToken } from '@/lib/auth/account-tokens';
import { startApplication } from '@/lib/submissions/mutations';
import { notify } from '@/lib/notifications/notify';
import { runDueJobs } from '@/lib/jobs/queue';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { jobHandlers } from '@/lib/jobs/handlers';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getPublicAward } from '@/lib/awards/queries';
import { getIssuerSettings, SETTINGS_CHANGED, updateIssuerProfile, updateIssuerReviewSettings } from '@/lib/organizations/issuer-settings';
import { zodFieldErrors } from '@/lib/action-result';
import { createOrganization, grantPlatformAdmin, listOrganizations, searchAccounts, setAccountDisabled } from '@/lib/organizations/platform';
import { addSchool, listSchoolsWithCounts, renameDistrict, renameSchool } from '@/lib/district/schools';
import { AccountStatusInput, IssuerProfileInput, IssuerReviewSettingsInput, NewOrganizationInput, RenameDistrictInput, SchoolInput, SETTINGS_FORM_OUT_OF_DATE } from '@/lib/organizations/schemas';
import { getAdminHome } from '@/lib/authoring/queries';

beforeEach(resetDatabase);

async function platformAdmin(): Promise<Actor> {
  const platform = await createOrg({ kind: 'PLATFORM' });
  return createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
}

const audits = (action: string) => db.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } });

describe('issuer settings', () => {
  it('an admin renames their issuer: the catalogue, its search and the audit log follow; another issuer’s admin cannot', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    const other = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    const input = IssuerProfileInput.parse({ organizationId: issuer.id, seenAt: issuer.updatedAt.toISOString(), name: 'Quillfeather Teaching Institute', description: 'We help teachers.', url: 'https://quill.example.org', email: 'hello@quill.example.org' });
    expect(await outcomeOf(updateIssuerProfile({ actor: other, input }))).toBe('FORBIDDEN');
    expect(await outcomeOf(getIssuerSettings({ actor: other, organizationId: issuer.id }))).toBe('FORBIDDEN');
    const holder = await createActor();
    const earned = await startApplication({ actor: holder, microCredentialId: mc.id });
    await db.submission.update({ where: { id: earned.id }, data: { status: 'EARNED' } });
    const { awardId } = await issueAwardForSubmission(earned.id);
    const { changed } = await updateIssuerProfile({ actor: admin, input });
    expect(changed.sort()).toEqual(['description', 'email', 'name', 'url']);
    const entry = await db.catalogEntry.findFirstOrThrow({ where: { refId: mc.id } });
    expect(entry.issuerName).toBe('Quillfeather Teaching Institute');
    const found = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "CatalogEntry" WHERE search @@ plainto_tsquery('english', 'quillfeather')`;
    expect(found[0].n).toBe(1);
    const [log] = await audits('issuer.profile');
    expect(log.actorId).toBe(admin.id);
    expect(log.data).toMatchObject({ from: issuer.name, to: 'Quillfeather Teaching Institute', url: { to: 'https://quill.example.org' }, email: { to: 'hello@quill.example.org' } });
    // A badge issued before keeps the name it was signed with, in its images and certificate too.
    expect((await getPublicAward(awardId))?.signedIssuerName).toBe(issuer.name);
    // Saving the same thing again changes nothing and logs nothing.
    expect((await updateIssuerProfile({ actor: admin, input })).changed).toEqual([]);
    expect(await audits('issuer.profile')).toHaveLength(1);

    // Its LinkedIn page, by number or by the page's admin address: "Add to LinkedIn profile" then names the page.
    const withPage = (linkedinOrganizationId: string, seenAt: Date) => IssuerProfileInput.safeParse({ ...input, seenAt: seenAt.toISOString(), linkedinOrganizationId });
    expect(withPage('https://www.linkedin.com/company/1234567/admin/', new Date()).data?.linkedinOrganizationId).toBe('1234567');
    expect(withPage('quillfeather', new Date()).success).toBe(false);
    const seen = (await db.organization.findUniqueOrThrow({ where: { id: issuer.id } })).updatedAt;
    expect((await updateIssuerProfile({ actor: admin, input: withPage(' 1234567 ', seen).data! })).changed).toEqual(['linkedinOrganizationId']);
    expect((await audits('issuer.profile')).at(-1)!.data).toMatchObject({ linkedinOrganizationId: { from: null, to: '1234567' } });
    expect((await getPublicAward(awardId))?.issuer.linkedinOrganizationId).toBe('1234567');
  });

  it('a rename at the same moment as a publish leaves the new name in the catalogue, whichever commits first', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    // The entry is being (re)made by a publishing transaction that has not committed yet.
    await db.catalogEntry.deleteMany({ where: { refId: mc.id } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let synced!: () => void;
    const inside = new Promise<void>((r) => (synced = r));
    const publishing = db.$transaction(async (tx) => {
      await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id);
      synced();
      await held;
    }, { timeout: 30_000 });
    await inside;
    const input = IssuerProfileInput.parse({ organizationId: issuer.id, seenAt: issuer.updatedAt.toISOString(), name: 'Renamed While Publishing', description: '', url: '', email: '' });
    const renaming = updateIssuerProfile({ actor: admin, input });
    // The rename waits for the publishing transaction (it holds the issuer row) instead of
    // committing around it.
    const waiting = async () => {
      for (let i = 0; i < 500; i++) {
        const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        if (n > 0) return 'waiting';
        await new Promise((r) => setTimeout(r, 20));
      }
      return 'never waited';
    };
    expect(await Promise.race([renaming.then(() => 'committed first'), waiting()])).toBe('waiting');
    release();
    await publishing;
    await renaming;
    expect((await db.catalogEntry.findFirstOrThrow({ where: { refId: mc.id } })).issuerName).toBe('Renamed While Publishing');
  });

  it('validates the profile: an https address, a real email, a name', () => {
    const bad = IssuerProfileInput.safeParse({ organizationId: 'x', seenAt: new Date().toISOString(), name: ' ', url: 'http://insecure.example.org', email: 'not-an-email' });
    expect(bad.success).toBe(false);
    const fields = Object.keys(bad.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(['email', 'name', 'url']);
    expect(IssuerProfileInput.parse({ organizationId: 'x', seenAt: new Date().toISOString(), name: 'Ok name', url: '', email: '' })).toMatchObject({ url: null, email: null });
  });

  it('review settings are saved with what changed from what, and bounded', async () => {
    const { issuer, admin } = await createPublishedCredential();
    const { updatedAt } = await db.organization.update({ where: { id: issuer.id }, data: { blindReview: false, doubleScoreRate: 0.1, claimMinutes: 240 } });
    const form = { organizationId: issuer.id, seenAt: updatedAt.toISOString(), slaBusinessDays: '10', doubleScorePercent: '25', claimMinutes: '480', blindReview: 'on', calibrationRequired: 'on', blockSameDistrict: 'on' };
    const input = IssuerReviewSettingsInput.parse(form);
    const { changed } = await updateIssuerReviewSettings({ actor: admin, input });
    expect(changed).toEqual(expect.arrayContaining(['blindReview', 'doubleScoreRate', 'claimMinutes', 'slaBusinessDays', 'blockSameDistrict']));
    const after = await getIssuerSettings({ actor: admin, organizationId: issuer.id });
    expect(after).toMatchObject({ blindReview: true, doubleScorePercent: 25, claimMinutes: 480, slaBusinessDays: 10, blockSameDistrict: true });
    // The same school is not a setting any more (always refused): a form from before still saves, and that box is ignored.
    expect(after).not.toHaveProperty('blockSameSchool');
    expect(IssuerReviewSettingsInput.parse({ ...form, blockSameSchool: 'on' })).toEqual(input);
    const [log] = await audits('issuer.review_settings');
    expect(log.data).toMatchObject({ blindReview: { from: false, to: true }, doubleScoreRate: { from: 0.1, to: 0.25 } });
    // Two admins at once: a save made on a page loaded before someone else's save is refused.
    const stale = IssuerReviewSettingsInput.parse({ organizationId: issuer.id, seenAt: new Date(0).toISOString(), slaBusinessDays: '14', doubleScorePercent: '25', claimMinutes: '480' });
    expect(await outcomeOf(updateIssuerReviewSettings({ actor: admin, input: stale }))).toBe('CONFLICT');
    const fresh = await getIssuerSettings({ actor: admin, organizationId: issuer.id });
    await updateIssuerReviewSettings({ actor: admin, input: { ...stale, seenAt: fresh.updatedAt } });
    expect((await getIssuerSettings({ actor: admin, organizationId: issuer.id })).slaBusinessDays).toBe(14);
    for (const bad of [{ slaBusinessDays: '0' }, { slaBusinessDays: '61' }, { doubleScorePercent: '101' }, { doubleScorePercent: '-1' }, { claimMinutes: '7' }]) {
      expect(IssuerReviewSettingsInput.safeParse({ organizationId: issuer.id, seenAt: updatedAt.toISOString(), slaBusinessDays: '10', doubleScorePercent: '10', claimMinutes: '240', ...bad }).success).toBe(false);
    }
  });
});

describe('issuer settings saved from a form loaded before someone else’s save, or without saying when it was loaded', () => {
  it('is refused, and nothing is written: no change, no audit entry, the catalogue untouched', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    const before = await db.organization.findUniqueOrThrow({ where: { id: issuer.id } });
    const profile = { organizationId: issuer.id, name: 'Blind Save Institute', description: 'Changed.', url: 'https://blind.example.org', email: '' };
    const review = { organizationId: issuer.id, slaBusinessDays: '20', doubleScorePercent: '50', claimMinutes: '1440', blindReview: 'on' };

    // The form's hidden field missing, empty or garbled: the person is told to reload, not to fix a field they cannot see.
    for (const [schema, fields] of [[IssuerProfileInput, profile], [IssuerReviewSettingsInput, review]] as const) {
      for (const seenAt of [undefined, '', 'yesterday', '2026-01-01T00:00:00.000Z'.repeat(2)]) {
        const parsed = schema.safeParse({ ...fields, seenAt });
        expect(parsed.success).toBe(false);
        expect(zodFieldErrors(parsed.error!)).toEqual({ seenAt: [SETTINGS_FORM_OUT_OF_DATE] });
      }
    }

    // A caller that gets round the type is refused the same way, before anything is compared or written.
    const profileInput = IssuerProfileInput.parse({ ...profile, seenAt: before.updatedAt.toISOString() });
    const reviewInput = IssuerReviewSettingsInput.parse({ ...review, seenAt: before.updatedAt.toISOString() });
    const profileUnseen = { ...profileInput, seenAt: undefined } as unknown as typeof profileInput;
    const reviewUnseen = { ...reviewInput, seenAt: undefined } as unknown as typeof reviewInput;
    await expect(updateIssuerProfile({ actor: admin, input: profileUnseen })).rejects.toMatchObject({ code: 'VALIDATION', message: SETTINGS_FORM_OUT_OF_DATE });
    await expect(updateIssuerReviewSettings({ actor: admin, input: reviewUnseen })).rejects.toMatchObject({ code: 'VALIDATION', message: SETTINGS_FORM_OUT_OF_DATE });
    await expect(updateIssuerProfile({ actor: admin, input: { ...profileInput, seenAt: new Date(Number.NaN) } })).rejects.toMatchObject({ code: 'VALIDATION' });

    // A form loaded before the last save.
    const stale = new Date(before.updatedAt.getTime() - 1000);
    await expect(updateIssuerProfile({ actor: admin, input: { ...profileInput, seenAt: stale } })).rejects.toMatchObject({ code: 'CONFLICT', message: SETTINGS_CHANGED });
    await expect(updateIssuerReviewSettings({ actor: admin, input: { ...reviewInput, seenAt: stale } })).rejects.toMatchObject({ code: 'CONFLICT', message: SETTINGS_CHANGED });

    expect(await db.organization.findUniqueOrThrow({ where: { id: issuer.id } })).toEqual(before);
    expect(await db.auditLog.count({ where: { action: { in: ['issuer.profile', 'issuer.review_settings'] } } })).toBe(0);
    expect((await db.catalogEntry.findFirstOrThrow({ where: { refId: mc.id } })).issuerName).toBe(before.name);

    // The same saves from a form loaded after the last save go through.
    await updateIssuerProfile({ actor: admin, input: profileInput });
    const { updatedAt } = await db.organization.findUniqueOrThrow({ where: { id: issuer.id } });
    await updateIssuerReviewSettings({ actor: admin, input: { ...reviewInput, seenAt: updatedAt } });
    expect(await getIssuerSettings({ actor: admin, organizationId: issuer.id })).toMatchObject({ name: 'Blind Save Institute', slaBusinessDays: 20, claimMinutes: 1440 });
  });
});

describe('a district’s schools', () => {
  it('a leader adds and renames schools of their own district only, without duplicate names', async () => {
    const district = await createOrg({ kind: 'DISTRICT', slug: 'maple-valley' });
    const otherDistrict = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: otherDistrict.id }] });
    const school = await addSchool({ actor: leader, input: SchoolInput.parse({ districtId: district.id, name: 'Birch Hill Elementary' }) });
    const row = await db.organization.findUniqueOrThrow({ where: { id: school.id } });
    expect(row).toMatchObject({ kind: 'SCHOOL', parentId: district.id, slug: 'maple-valley-birch-hill-elementary' });
    expect(await outcomeOf(addSchool({ actor: leader, input: { districtId: district.id, name: 'birch hill elementary' } }))).toBe('VALIDATION');
    expect(await outcomeOf(addSchool({ actor: otherLeader, input: { districtId: district.id, name: 'Sneaky School' } }))).toBe('FORBIDDEN');
    expect(await outcomeOf(renameSchool({ actor: otherLeader, input: { schoolId: school.id, name: 'Renamed' } }))).toBe('FORBIDDEN');
    expect(await outcomeOf(listSchoolsWithCounts({ actor: otherLeader, districtId: district.id }))).toBe('FORBIDDEN');
    await renameSchool({ actor: leader, input: { schoolId: school.id, name: 'Birch Hill Primary' } });
    await createActor({ schoolId: school.id, districtId: district.id });
    expect((await listSchoolsWithCounts({ actor: leader, districtId: district.id })).map((s) => [s.name, s._count.schoolUsers])).toEqual([['Birch Hill Primary', 1]]);
    // A second school of the same name in another district is fine, and gets its own address.
    const elsewhere = await addSchool({ actor: otherLeader, input: { districtId: otherDistrict.id, name: 'Birch Hill Primary' } });
    expect(elsewhere.id).not.toBe(school.id);
    // A double submit, or two leaders at once, still makes one school of a name.
    const twice = await Promise.allSettled([0, 1].map(() => addSchool({ actor: leader, input: { districtId: district.id, name: 'Aspen Grove School' } })));
    expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.organization.count({ where: { parentId: district.id, name: 'Aspen Grove School' } })).toBe(1);
    expect((await audits('district.school_add')).length).toBe(3);
    expect((await audits('district.school_rename'))[0].data).toMatchObject({ from: 'Birch Hill Elementary', to: 'Birch Hill Primary' });
    // The district's own name can be corrected by its leaders only; its address stays.
    expect(await outcomeOf(renameDistrict({ actor: otherLeader, input: RenameDistrictInput.parse({ districtId: district.id, name: 'Hijacked' }) }))).toBe('FORBIDDEN');
    await renameDistrict({ actor: leader, input: RenameDistrictInput.parse({ districtId: district.id, name: 'Maple Valley Unified' }) });
    expect(await db.organization.findUniqueOrThrow({ where: { id: district.id }, select: { name: true, slug: true } })).toEqual({ name: 'Maple Valley Unified', slug: 'maple-valley' });
    expect((await audits('district.rename'))[0].data).toMatchObject({ to: 'Maple Valley Unified' });
  });
});

describe('platform administration', () => {
  it('only platform admins create organisations, list them and look up accounts', async () => {
    const { admin } = await createPublishedCredential();
    const input = NewOrganizationInput.parse({ kind: 'ISSUER', name: 'New Issuer' });
    expect(await outcomeOf(createOrganization({ actor: admin, input }))).toBe('FORBIDDEN');
    expect(await outcomeOf(listOrganizations({ actor: admin }))).toBe('FORBIDDEN');
    expect(await outcomeOf(searchAccounts({ actor: admin, q: 'a' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(setAccountDisabled({ actor: admin, input: { userId: admin.id, op: 'disable', reason: 'test' } }))).toBe('FORBIDDEN');
    expect(await db.organization.count({ where: { name: 'New Issuer' } })).toBe(0);
  });

  it('creates an issuer with an address made from its name and invites its first admin; a taken address is a field error', async () => {
    const root = await platformAdmin();
    const { organization, invitation } = await createOrganization({ actor: root, input: NewOrganizationInput.parse({ kind: 'ISSUER', name: 'Północ Teaching Lab', firstEmail: 'first.admin@example.org' }) });
    expect(organization.slug).toBe('polnoc-teaching-lab');
    expect(invitation?.emailed).toBe(true);
    const inv = await db.invitation.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(inv).toMatchObject({ email: 'first.admin@example.org', role: 'ISSUER_ADMIN' });
    expect(await db.emailMessage.count({ where: { to: 'first.admin@example.org' } })).toBe(1);
    const district = await createOrganization({ actor: root, input: NewOrganizationInput.parse({ kind: 'DISTRICT', name: 'Cedar County Schools', slug: 'cedar-county', firstEmail: 'chief@cedar.example.org' }) });
    expect((await db.invitation.findFirstOrThrow({ where: { organizationId: district.organization.id } })).role).toBe('DISTRICT_LEADER');
    try {
      await createOrganization({ actor: root, input: NewOrganizationInput.parse({ kind: 'DISTRICT', name: 'Another', slug: 'cedar-county' }) });
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.fieldErrors?.slug?.length).toBeTruthy();
    }
    expect(NewOrganizationInput.safeParse({ kind: 'ISSUER', name: 'Ok', slug: 'Bad Slug!' }).success).toBe(false);
    expect(NewOrganizationInput.safeParse({ kind: 'SCHOOL', name: 'Nope' }).success).toBe(false);
    const listed = await listOrganizations({ actor: root, kind: 'DISTRICT' });
    expect(listed.items.map((o) => o.name)).toEqual(['Cedar County Schools']);
    expect(listed.items[0].invitations.map((i) => i.email)).toEqual(['chief@cedar.example.org']);
    // Nobody has accepted yet: flagged as having no one to run it.
    expect(listed.items[0].hasActiveAdmin).toBe(false);
    const chief = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.organization.id }] });
    expect((await listOrganizations({ actor: root, kind: 'DISTRICT' })).items[0]).toMatchObject({ hasActiveAdmin: true, people: 1 });
    // The district's only leader: disabling them needs the explicit tick.
    await setAccountDisabled({ actor: root, input: { userId: chief.id, op: 'disable', reason: 'Left the district', disableAnyway: true } });
    expect((await listOrganizations({ actor: root, kind: 'DISTRICT' })).items[0]).toMatchObject({ hasActiveAdmin: false, people: 0 });
    // Its teachers are counted while their accounts are enabled.
    const teacher = await createActor({ districtId: district.organization.id });
    expect((await listOrganizations({ actor: root, kind: 'DISTRICT' })).items[0]._count.districtUsers).toBe(1);
    await setAccountDisabled({ actor: root, input: { userId: teacher.id, op: 'disable', reason: 'Left teaching' } });
    expect((await listOrganizations({ actor: root, kind: 'DISTRICT' })).items[0]._count.districtUsers).toBe(0);
    expect((await audits('org.create')).length).toBe(2);
  });

  it('counts people, not roles: an admin who also reviews is one person, on the platform list and the issuer’s home', async () => {
    const root = await platformAdmin();
    const { issuer, admin } = await createPublishedCredential();
    await db.membership.create({ data: { userId: admin.id, organizationId: issuer.id, role: 'REVIEWER' } });
    await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    expect(await db.membership.count({ where: { organizationId: issuer.id } })).toBe(3);
    const listed = (await listOrganizations({ actor: root, kind: 'ISSUER' })).items.find((o) => o.id === issuer.id);
    expect(listed?.people).toBe(2);
    const home = await getAdminHome((await loadActor(admin.id))!);
    expect(home.issuers.find((i) => i.id === issuer.id)?.members).toBe(2);
  });

  it('disabling an account signs it out everywhere, stops sign-in, gives back its claims and tells the person; enabling restores it', async () => {
    const root = await platformAdmin();
    const { issuer, mc } = await createPublishedCredential();
    await db.organization.update({ where: { id: issuer.id }, data: { calibrationRequired: false } });
    const reviewer = await createActor({ email: 'leaving@example.org', password: 'correct horse battery', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    await db.attempt.update({ where: { id: attempt.id }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'IN_REVIEW' } });
    await db.review.create({ data: { attemptId: attempt.id, reviewerId: reviewer.id, claimExpiresAt: new Date(Date.now() + 3_600_000) } });
    const before = await db.user.findUniqueOrThrow({ where: { id: reviewer.id }, select: { sessionVersion: true } });

    expect(AccountStatusInput.safeParse({ userId: reviewer.id, op: 'disable', reason: '' }).success).toBe(false);
    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: reviewer.id, op: 'disable', reason: 'Left the organisation' }) });
    const after = await db.user.findUniqueOrThrow({ where: { id: reviewer.id }, select: { disabledAt: true, sessionVersion: true } });
    expect(after.disabledAt).not.toBeNull();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await loadActor(reviewer.id, before.sessionVersion)).toBeNull();
    expect(await loadActor(reviewer.id)).toBeNull();
    expect((await authenticate({ email: 'leaving@example.org', password: 'correct horse battery' })).ok).toBe(false);
    expect((await db.review.findFirstOrThrow({ where: { attemptId: attempt.id } })).status).toBe('RELEASED');
    expect((await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe('SUBMITTED');
    expect((await db.notification.findFirstOrThrow({ where: { userId: reviewer.id, kind: 'account' } })).body).toContain('Left the organisation');
    // The notice is emailed; other news no longer is, while the account is disabled.
    await notify({ userId: reviewer.id, kind: 'review.assigned', title: 'New work to review' });
    await runDueJobs(jobHandlers);
    const mails = await db.emailMessage.findMany({ where: { to: 'leaving@example.org' }, select: { subject: true } });
    expect(mails.map((m) => m.subject)).toEqual(['Your Microcred account has been disabled']);
    expect((await audits('user.disable'))[0].data).toMatchObject({ reason: 'Left the organisation', releasedClaims: 1 });
    expect(await outcomeOf(setAccountDisabled({ actor: root, input: { userId: reviewer.id, op: 'disable', reason: 'again' } }))).toBe('CONFLICT');

    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: reviewer.id, op: 'enable' }) });
    // Enabled, but the old password (perhaps an intruder's too) does not come back: a reset link is emailed.
    expect((await authenticate({ email: 'leaving@example.org', password: 'correct horse battery' })).ok).toBe(false);
    expect(await audits('user.enable')).toHaveLength(1);
    expect((await audits('user.enable'))[0].data).toMatchObject({ passwordCleared: true });
    expect(await db.job.count({ where: { type: 'auth.password-reset', payload: { equals: { email: 'leaving@example.org', restored: true } } } })).toBe(1);
    // The email says why it came (nobody asked for it), not "ignore this if you did not ask: your password stays".
    await runDueJobs(jobHandlers);
    const reset = await db.emailMessage.findFirstOrThrow({ where: { to: 'leaving@example.org', subject: { contains: 'set a new password' } }, select: { subject: true, text: true } });
    expect(reset.subject).toBe('Your Microcred account is active again: set a new password');
    expect(reset.text).toContain('your old password no longer works');
    expect(reset.text).not.toContain('your password stays as it is');
    expect((await db.notification.findFirstOrThrow({ where: { userId: reviewer.id, kind: 'account', title: 'Your Microcred account is active again' } })).body).toContain('old password no longer works');
    expect(await outcomeOf(setAccountDisabled({ actor: root, input: { userId: root.id, op: 'disable', reason: 'oops' } }))).toBe('INVALID_STATE');
  });

  it('finds accounts by part of an address or a name, a page at a time', async () => {
    const root = await platformAdmin();
    for (let i = 0; i < 30; i++) await createActor({ email: `t${String(i).padStart(2, '0')}@cedar.example.org`, name: `Cedar Teacher ${i}` });
    await createActor({ email: 'someone@elsewhere.example.org', name: 'Ruth Cedarholm' });
    const p1 = await searchAccounts({ actor: root, q: '@cedar.example.org' });
    expect(p1.items).toHaveLength(25);
    const p2 = await searchAccounts({ actor: root, q: '@cedar.example.org', cursor: p1.nextCursor! });
    expect(p2.items).toHaveLength(5);
    expect(p2.nextCursor).toBeNull();
    expect((await searchAccounts({ actor: root, q: 'cedarholm' })).items.map((u) => u.email)).toEqual(['someone@elsewhere.example.org']);
    expect((await searchAccounts({ actor: root, q: '' })).items).toEqual([]);
  });

  it('the command-line grant makes the first platform admin with a one-time link to set a password', async () => {
    const first = await grantPlatformAdmin({ email: 'Ops@Example.org', name: 'Ops' });
    expect(first.created).toBe(true);
    const actor = await loadActor(first.userId);
    expect(actor?.roles.map((r) => r.role)).toEqual(['PLATFORM_ADMIN']);
    expect(actor?.email).toBe('ops@example.org');
    expect((await readAccountToken(first.token!, 'PASSWORD_RESET')).state).toBe('valid');
    const again = await grantPlatformAdmin({ email: 'ops@example.org', name: 'Ops' });
    expect(again).toMatchObject({ created: false, userId: first.userId });
    expect((await readAccountToken(first.token!, 'PASSWORD_RESET')).state).not.toBe('valid');
    expect(await db.organization.count({ where: { kind: 'PLATFORM' } })).toBe(1);
    expect(await db.membership.count({ where: { userId: first.userId } })).toBe(1);
    expect((await audits('platform.admin_grant')).map((a) => a.actorId)).toEqual([null, null]);

    // A confirmed, enabled account with a password keeps it (no link).
    await createActor({ email: 'keeper@example.org', password: 'correct horse battery' });
    expect(await grantPlatformAdmin({ email: 'keeper@example.org', name: 'Keeper' })).toMatchObject({ created: false, reenabled: false, passwordCleared: false, hasPassword: true, token: null });
    expect((await authenticate({ email: 'keeper@example.org', password: 'correct horse battery' })).ok).toBe(true);

    // A disabled one is enabled again (the way back when no enabled platform admin is left), but not
    // with its old password: it was perhaps disabled because someone else got in and changed it, and
    // it now holds every right on the platform. The password and every session go, as when enabled
    // in the app, and the one-time link is made.
    const takenOver = await createActor({ email: 'taken@example.org', password: 'intruder password 1' });
    await db.user.update({ where: { id: takenOver.id }, data: { disabledAt: new Date() } });
    const signedInBefore = (await db.user.findUniqueOrThrow({ where: { id: takenOver.id } })).sessionVersion;
    const third = await grantPlatformAdmin({ email: 'taken@example.org', name: 'Taken' });
    expect(third).toMatchObject({ created: false, reenabled: true, passwordCleared: true, hasPassword: false });
    expect((await readAccountToken(third.token!, 'PASSWORD_RESET')).state).toBe('valid');
    const enabled = await db.user.findUniqueOrThrow({ where: { id: takenOver.id } });
    expect(enabled).toMatchObject({ disabledAt: null, passwordHash: null });
    expect(enabled.sessionVersion).toBe(signedInBefore + 1);
    expect(await loadActor(takenOver.id, signedInBefore)).toBeNull();
    expect((await authenticate({ email: 'taken@example.org', password: 'intruder password 1' })).ok).toBe(false);
    expect((await audits('user.enable')).map((a) => a.data)).toEqual([{ via: 'command line', passwordCleared: true }]);
    expect((await audits('platform.admin_grant')).at(-1)?.data).toMatchObject({ email: 'taken@example.org', passwordCleared: true });

    // Someone signed up with the address before the grant, with a password of their own and no
    // confirmation: the grant does not hand them the role. Their password and sessions go, and the
    // address's owner gets the link.
    const squatter = await createActor({ email: 'it@district.example', password: 'squatter password 1', emailVerified: false });
    // What they chose goes too, as when the owner takes the address back by a reset link.
    await db.user.update({ where: { id: squatter.id }, data: { publicName: 'Not The Owner', handle: 'squatted', portfolioPublic: true, sharesWithColleagues: true } });
    const grant = await grantPlatformAdmin({ email: 'it@district.example', name: 'IT' });
    expect(await db.user.findUniqueOrThrow({ where: { id: squatter.id }, select: { publicName: true, handle: true, portfolioPublic: true, sharesWithColleagues: true } })).toEqual({ publicName: null, handle: null, portfolioPublic: false, sharesWithColleagues: false });
    expect((await audits('platform.admin_grant')).at(-1)?.data).toMatchObject({ choicesReset: expect.arrayContaining(['publicName', 'handle', 'portfolioPublic', 'sharesWithColleagues']) });
    expect(grant).toMatchObject({ created: false, userId: squatter.id, hasPassword: false });
    expect((await readAccountToken(grant.token!, 'PASSWORD_RESET')).state).toBe('valid');
    expect((await authenticate({ email: 'it@district.example', password: 'squatter password 1' })).ok).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).sessionVersion).toBeGreaterThan(0);
  });

  it('disabling cancels the invitations the account sent; two platform admins disabling each other at once leave one', async () => {
    const root = await platformAdmin();
    const { issuer } = await createPublishedCredential();
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'accomplice@example.org', role: 'ISSUER_ADMIN' });
    const token = await invitationTokenFor('accomplice@example.org');
    expect((await getInvitation(token)).state).toBe('open');
    await setAccountDisabled({ actor: root, input: { userId: admin.id, op: 'disable', reason: 'Account taken over' } });
    expect((await getInvitation(token)).state).toBe('withdrawn');
    expect((await audits('user.disable'))[0].data).toMatchObject({ cancelledInvitations: 1 });

    const platform = await db.organization.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
    const other = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    const results = await Promise.allSettled([
      setAccountDisabled({ actor: root, input: { userId: other.id, op: 'disable', reason: 'mutual' } }),
      setAccountDisabled({ actor: other, input: { userId: root.id, op: 'disable', reason: 'mutual' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.user.count({ where: { id: { in: [root.id, other.id] }, disabledAt: null } })).toBe(1);
  });
});

describe('disabling the only active leader of a district or admin of an issuer', () => {
  it('the account search names, per account, the organisations it is the one person left to run, in one query for the page', async () => {
    const root = await platformAdmin();
    const cedar = await createOrg({ kind: 'DISTRICT', name: 'Cedar County Schools' });
    const birch = await createOrg({ kind: 'DISTRICT', name: 'Birch Valley District' });
    const aspen = await createOrg({ kind: 'ISSUER', name: 'Aspen Teaching Institute' });
    const elm = await createOrg({ kind: 'ISSUER', name: 'Elm Learning Lab' });
    const orphan = await createOrg({ kind: 'ISSUER', name: 'Orphan Issuer' });
    // Ann: the only leader of Cedar and the only admin of Elm; one of two leaders of Birch.
    const ann = await createActor({ email: 'ann@sole.example.org', roles: [{ role: 'DISTRICT_LEADER', organizationId: cedar.id }, { role: 'DISTRICT_LEADER', organizationId: birch.id }, { role: 'ISSUER_ADMIN', organizationId: elm.id }] });
    await createActor({ email: 'bob@sole.example.org', roles: [{ role: 'DISTRICT_LEADER', organizationId: birch.id }] });
    // Carl is Aspen's only active admin: its other admin, Dora, is disabled.
    await createActor({ email: 'carl@sole.example.org', roles: [{ role: 'ISSUER_ADMIN', organizationId: aspen.id }, { role: 'REVIEWER', organizationId: elm.id }] });
    const dora = await createActor({ email: 'dora@sole.example.org', roles: [{ role: 'ISSUER_ADMIN', organizationId: aspen.id }] });
    await db.user.update({ where: { id: dora.id }, data: { disabledAt: new Date() } });
    // A reviewer is not who runs an issuer, even when nobody else is there; a teacher runs nothing.
    await createActor({ email: 'eve@sole.example.org', roles: [{ role: 'REVIEWER', organizationId: orphan.id }] });
    await createActor({ email: 'fay@sole.example.org', districtId: cedar.id });

    const { items } = await searchAccounts({ actor: root, q: '@sole.example.org' });
    const sole = Object.fromEntries(items.map((u) => [u.email.split('@')[0], u.soleLeaderOf]));
    expect(sole).toEqual({
      ann: [
        { id: cedar.id, name: 'Cedar County Schools', kind: 'DISTRICT', peoplePath: `/district/people?district=${cedar.id}` },
        { id: elm.id, name: 'Elm Learning Lab', kind: 'ISSUER', peoplePath: `/admin/people?org=${elm.id}` },
      ],
      bob: [],
      carl: [{ id: aspen.id, name: 'Aspen Teaching Institute', kind: 'ISSUER', peoplePath: `/admin/people?org=${aspen.id}` }],
      // Already disabled: not an active admin, and there is nothing to disable.
      dora: [],
      eve: [],
      fay: [],
    });
    expect(items.find((u) => u.id === ann.id)?.soleLeaderOf.map((o) => o.name)).not.toContain('Birch Valley District');

    // A full page of sole leaders is answered with one query for all of them, not one per account.
    for (let i = 0; i < 25; i++) {
      const d = await createOrg({ kind: 'DISTRICT', name: `Page District ${String(i).padStart(2, '0')}` });
      await createActor({ email: `lead${String(i).padStart(2, '0')}@page.example.org`, roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
    }
    const client = getDb();
    const raw = vi.spyOn(client, '$queryRaw');
    const findMany = vi.spyOn(client.membership, 'findMany');
    try {
      const page = await searchAccounts({ actor: root, q: '@page.example.org' });
      expect(page.items).toHaveLength(25);
      expect(page.items.map((u) => u.soleLeaderOf.map((o) => o.name))).toEqual(page.items.map((_, i) => [`Page District ${String(i).padStart(2, '0')}`]));
      expect(raw).toHaveBeenCalledTimes(1);
      expect(findMany).not.toHaveBeenCalled();
    } finally {
      raw.mockRestore();
      findMany.mockRestore();
    }
  });

  it('is refused without “Disable anyway”, saying what would be left without anyone and changing nothing; ticked, it goes through', async () => {
    const root = await platformAdmin();
    const district = await createOrg({ kind: 'DISTRICT', name: 'Maple Valley Unified' });
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Quill Institute' });
    const leader = await createActor({ name: 'Ruth Okafor', email: 'ruth@maple.example.org', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }, { role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const before = await db.user.findUniqueOrThrow({ where: { id: leader.id }, select: { sessionVersion: true } });

    // The form's tick is a checkbox: "on" or absent, nothing else.
    const unticked = AccountStatusInput.parse({ userId: leader.id, op: 'disable', reason: 'Left the district' });
    expect(unticked.disableAnyway).toBe(false);
    expect(AccountStatusInput.safeParse({ userId: leader.id, op: 'disable', reason: 'Left the district', disableAnyway: 'yes' }).success).toBe(false);

    const refused = await setAccountDisabled({ actor: root, input: unticked }).then(() => null, (e: unknown) => e);
    expect(isDomainError(refused) && refused.code).toBe('VALIDATION');
    const { message, fieldErrors } = refused as { message: string; fieldErrors?: Record<string, string[]> };
    expect(message).toContain('Ruth Okafor is the only active leader of Maple Valley Unified. Invite another leader first, or nobody can decide its proposals');
    expect(message).toContain('Ruth Okafor is the only active admin of Quill Institute. Invite another admin first, or nobody can run it');
    expect(message).toContain('Disable anyway');
    expect(fieldErrors?.disableAnyway).toHaveLength(2);
    // Nothing happened: still enabled and signed in, not told, nothing logged.
    expect(await db.user.findUniqueOrThrow({ where: { id: leader.id }, select: { disabledAt: true, sessionVersion: true } })).toEqual({ disabledAt: null, sessionVersion: before.sessionVersion });
    expect(await loadActor(leader.id, before.sessionVersion)).not.toBeNull();
    expect(await db.notification.count({ where: { userId: leader.id } })).toBe(0);
    expect(await audits('user.disable')).toHaveLength(0);

    // A taken-over account cannot wait for a successor: ticked, it is disabled, and the log says what was left without anyone.
    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: leader.id, op: 'disable', reason: 'Account taken over', disableAnyway: 'on' }) });
    expect((await db.user.findUniqueOrThrow({ where: { id: leader.id } })).disabledAt).not.toBeNull();
    const [log] = await audits('user.disable');
    expect(log.data).toMatchObject({ reason: 'Account taken over', leftWithoutLeader: [{ organizationId: district.id, kind: 'DISTRICT' }, { organizationId: issuer.id, kind: 'ISSUER' }] });
    const listed = await listOrganizations({ actor: root });
    expect(listed.items.map((o) => [o.name, o.hasActiveAdmin])).toEqual([['Maple Valley Unified', false], ['Quill Institute', false]]);
  });

  it('one of two leaders is disabled without the tick; the one left then needs it', async () => {
    const root = await platformAdmin();
    const district = await createOrg({ kind: 'DISTRICT', name: 'Two Leader District' });
    const first = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const second = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: first.id, op: 'disable', reason: 'Moved on' }) });
    expect((await audits('user.disable'))[0].data).not.toHaveProperty('leftWithoutLeader');
    expect(await outcomeOf(setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: second.id, op: 'disable', reason: 'Moved on' }) }))).toBe('VALIDATION');
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).disabledAt).toBeNull();
    // The first one enabled again: the second is no longer alone.
    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: first.id, op: 'enable' }) });
    await setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: second.id, op: 'disable', reason: 'Moved on' }) });
    expect((await db.user.findUniqueOrThrow({ where: { id: second.id } })).disabledAt).not.toBeNull();
  });

  it('two platform admins disabling a district’s two leaders at once, without the tick, leave one of them', async () => {
    const root = await platformAdmin();
    const platform = await db.organization.findFirstOrThrow({ where: { kind: 'PLATFORM' } });
    const otherRoot = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    const district = await createOrg({ kind: 'DISTRICT', name: 'Raced District' });
    const a = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const b = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const results = await Promise.allSettled([
      setAccountDisabled({ actor: root, input: AccountStatusInput.parse({ userId: a.id, op: 'disable', reason: 'Left' }) }),
      setAccountDisabled({ actor: otherRoot, input: AccountStatusInput.parse({ userId: b.id, op: 'disable', reason: 'Left' }) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(isDomainError(rejected?.reason) && rejected.reason.code).toBe('VALIDATION');
    expect(await db.user.count({ where: { id: { in: [a.id, b.id] }, disabledAt: null } })).toBe(1);
  });
});

describe('an organisation always keeps someone to run it', () => {
  it('removing the last active leader’s role is refused (a disabled co-leader does not count); with another leader it goes through', async () => {
    const root = await platformAdmin();
    const district = await createOrg({ kind: 'DISTRICT', name: 'Cedar Ridge' });
    const lee = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const gone = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await expect(changeRole({ actor: root, organizationId: district.id, userId: lee.id, role: 'DISTRICT_LEADER', op: 'remove' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('only active leader of Cedar Ridge') });
    expect(await db.membership.count({ where: { userId: lee.id, organizationId: district.id, role: 'DISTRICT_LEADER' } })).toBe(1);
    const dee = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await changeRole({ actor: root, organizationId: district.id, userId: lee.id, role: 'DISTRICT_LEADER', op: 'remove' });
    expect(await db.membership.count({ where: { organizationId: district.id, role: 'DISTRICT_LEADER', userId: dee.id } })).toBe(1);
  });
});
