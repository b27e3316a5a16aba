import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { acceptInvitation, changeRole, getInvitation, importBulkEnrol, invitationEmail, inviteMember, previewBulkEnrol, setReviewerQualification } from '@/lib/people/mutations';
import { listOrgMembers } from '@/lib/people/queries';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';
import { loadActor } from '@/lib/auth/load-actor';
import { verifyPassword } from '@/lib/auth/password';

beforeEach(resetDatabase);

async function setup() {
  const { issuer, admin, mc } = await createPublishedCredential();
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary School', slug: 'cushing-elementary', parentId: district.id });
  return { issuer, admin, mc, district, school };
}

describe('bulk enrolment from CSV', () => {
  it('previews every row’s problems and imports nothing while any row is bad', async () => {
    const { issuer, admin, mc } = await setup();
    const existing = await createActor({ email: 'old@school.org', name: 'Old Hand' });
    const csv = [
      'email,name,school',
      'ana@school.org,Ana Díaz,Cushing Elementary School',
      'not-an-email,Bad Email,',
      'bo@school.org,Bo Brown,Atlantis High',
      'ANA@school.org,Ana Again,',
      'cy@school.org,,cushing-elementary',
      'old@school.org,Old Hand,',
    ].join('\n');
    const preview = await previewBulkEnrol({ actor: admin, issuerId: issuer.id, target: `mc:${mc.id}`, csv });
    expect(preview.errorCount).toBe(4);
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors.join(' ')]));
    expect(byLine[2]).toBe('');
    expect(byLine[3]).toMatch(/not a valid email/);
    expect(byLine[4]).toMatch(/No school called “Atlantis High”/);
    expect(byLine[5]).toMatch(/Duplicate of line 2/);
    expect(byLine[6]).toMatch(/name is missing/);
    expect(preview.rows.find((r) => r.line === 7)).toMatchObject({ existingUser: true, alreadyEnrolled: false });

    const usersBefore = await db.user.count();
    await expect(importBulkEnrol({ actor: admin, issuerId: issuer.id, target: `mc:${mc.id}`, csv })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { 'line 3': expect.any(Array), 'line 4': expect.any(Array), 'line 5': expect.any(Array), 'line 6': expect.any(Array) },
    });
    expect(await db.user.count()).toBe(usersBefore);
    expect(await db.enrollment.count()).toBe(0);
    expect(existing.id).toBeTruthy();
  });

  it('imports a good file in one go: new password-less accounts that ask the school’s district to confirm them, existing accounts not asked, nobody placed, all enrolled', async () => {
    const { issuer, admin, mc, district, school } = await setup();
    await createActor({ email: 'old@school.org', name: 'Old Hand' });
    const csv = '\uFEFFEmail,Name,School\r\nana@school.org,"Díaz, Ana",cushing-elementary\r\nold@school.org,Old Hand,Cushing Elementary School\r\nbo@school.org,Bo Brown,\r\n';
    const result = await importBulkEnrol({ actor: admin, issuerId: issuer.id, target: `mc:${mc.id}`, csv });
    expect(result).toMatchObject({ rows: 3, created: 2, enrolled: 3 });
    const ana = await db.user.findUniqueOrThrow({ where: { email: 'ana@school.org' } });
    // An issuer's import never places anyone (ADR 010): naming a school asks its district.
    expect(ana).toMatchObject({ name: 'Díaz, Ana', passwordHash: null, schoolId: null, districtId: null, requestedDistrictId: district.id });
    expect(school.parentId).toBe(district.id);
    // An existing account is enrolled, but no district is asked in its name, nor is it placed.
    expect(result).toMatchObject({ requested: 1, notAsked: 1 });
    expect(await db.user.findUniqueOrThrow({ where: { email: 'old@school.org' }, select: { schoolId: true, districtId: true, requestedDistrictId: true } })).toEqual({ schoolId: null, districtId: null, requestedDistrictId: null });
    expect(await db.user.findUniqueOrThrow({ where: { email: 'bo@school.org' }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: null });
    expect(await db.enrollment.count({ where: { microCredentialId: mc.id, withdrawnAt: null } })).toBe(3);
    // Importing the same file again changes nothing and reports everyone as already enrolled.
    const again = await previewBulkEnrol({ actor: admin, issuerId: issuer.id, target: `mc:${mc.id}`, csv });
    expect(again.rows.every((r) => r.alreadyEnrolled)).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'people.bulk_enrol' } })).toBe(1);
  });

  it('enrols into a track and each of its published levels', async () => {
    const { issuer, admin, mc } = await setup();
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { slug: 'a-track', title: 'A track', summary: 'S', topic: 'T', levels: [mc.slug] } });
    await publishTrack({ actor: admin, trackId: track.id });
    await importBulkEnrol({ actor: admin, issuerId: issuer.id, target: `track:${track.id}`, csv: 'email,name\nzed@school.org,Zed' });
    const zed = await db.user.findUniqueOrThrow({ where: { email: 'zed@school.org' }, select: { enrollments: { select: { trackId: true, microCredentialId: true } } } });
    expect(zed.enrollments).toEqual(expect.arrayContaining([{ trackId: track.id, microCredentialId: null }, { trackId: null, microCredentialId: mc.id }]));
  });

  it('refuses another issuer’s admin and a teacher', async () => {
    const { issuer, mc } = await setup();
    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    const teacher = await createActor();
    for (const actor of [outsider, teacher]) {
      await expect(importBulkEnrol({ actor, issuerId: issuer.id, target: `mc:${mc.id}`, csv: 'email,name\na@b.org,A' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // An admin cannot enrol into another issuer's credential by naming it under their own issuer.
    await expect(importBulkEnrol({ actor: outsider, issuerId: outsider.roles[0].organizationId, target: `mc:${mc.id}`, csv: 'email,name\na@b.org,A' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.enrollment.count()).toBe(0);
  });
});

describe('invitations, roles and qualifications', () => {
  it('invites by email with a hashed single-use token; a new person accepts and gets the role', async () => {
    const { issuer, admin } = await setup();
    const sent = await inviteMember({ actor: admin, organizationId: issuer.id, email: 'Rev@Example.org', role: 'REVIEWER' });
    // The link goes to the invited address only, never back to the person inviting.
    expect(sent).toMatchObject({ emailed: true, link: null });
    const token = await invitationTokenFor('rev@example.org');
    const stored = await db.invitation.findFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.email).toBe('rev@example.org');
    expect(await db.emailMessage.count({ where: { to: 'rev@example.org' } })).toBe(1);
    expect((await db.emailMessage.findFirstOrThrow({ where: { to: 'rev@example.org' } })).text).toContain(`invited you to join ${issuer.name} as a reviewer.`);
    expect(await getInvitation(token)).toMatchObject({ state: 'open', role: 'REVIEWER', userExists: false });

    const { userId } = await acceptInvitation({ token, newAccount: { name: 'Rae Viewer', password: 'correct horse battery' } });
    const actor = await loadActor(userId);
    expect(actor?.roles.map((r) => [r.role, r.organizationId])).toEqual([['REVIEWER', issuer.id]]);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash, 'correct horse battery')).toBe(true);

    expect(await getInvitation(token)).toMatchObject({ state: 'used' });
    await expect(acceptInvitation({ token, newAccount: { name: 'X', password: 'another password!' } })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await getInvitation('nonsense-token-value')).toEqual({ state: 'invalid' });
  });

  it('names the role with its article in the email: “as a teacher”, “as an issuer admin”', () => {
    const email = (role: 'TEACHER' | 'ISSUER_ADMIN') => invitationEmail({ inviterName: 'Ida Admin', organizationName: 'Kettle Moraine High School', email: 'x@example.org', role, token: 't' }).text;
    expect(email('TEACHER')).toContain('Ida Admin invited you to join Kettle Moraine High School as a teacher.');
    expect(email('ISSUER_ADMIN')).toContain('as an issuer admin.');
  });

  it('refuses a second open invitation for the same address, role and place, even two at the same moment', async () => {
    const { issuer, admin, district, school } = await setup();
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const both = await Promise.allSettled([
      inviteMember({ actor: admin, organizationId: issuer.id, email: 'twice@example.org', role: 'REVIEWER' }),
      inviteMember({ actor: admin, organizationId: issuer.id, email: 'TWICE@example.org ', role: 'REVIEWER' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/already has an open invitation for this role here .*Resend/), fieldErrors: { email: expect.any(Array) } });
    expect(await db.invitation.count({ where: { email: 'twice@example.org' } })).toBe(1);
    // One email, and the refused attempt did not count against the address.
    expect(await db.emailMessage.count({ where: { to: 'twice@example.org' } })).toBe(1);
    expect(await db.rateLimit.findUniqueOrThrow({ where: { key: 'invite:twice@example.org' } })).toMatchObject({ count: 1 });

    // Another role, or another place, is a different invitation; but a teacher has one open
    // invitation in a district, its schools included (tests/integration/teacher-invitation-one-place.test.ts).
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'twice@example.org', role: 'ISSUER_ADMIN' });
    await inviteMember({ actor: leader, organizationId: school.id, email: 'twice@example.org', role: 'TEACHER' });
    await expect(inviteMember({ actor: leader, organizationId: district.id, email: 'twice@example.org', role: 'TEACHER' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('already invited to Cushing Elementary School') });
    await inviteMember({ actor: leader, organizationId: district.id, email: 'twice@example.org', role: 'DISTRICT_LEADER' });
    expect(await db.invitation.count({ where: { email: 'twice@example.org' } })).toBe(4);

    // Once the first one has run out, or was cancelled, inviting again works.
    await db.invitation.updateMany({ where: { email: 'twice@example.org', role: 'REVIEWER' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'twice@example.org', role: 'REVIEWER' });
    expect(await db.invitation.count({ where: { email: 'twice@example.org', role: 'REVIEWER' } })).toBe(2);
  });

  it('gives a clear answer for an expired invitation and for the wrong signed-in account', async () => {
    const { issuer, admin } = await setup();
    const past = new Date(Date.now() - 30 * 86_400_000);
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'late@example.org', role: 'REVIEWER', now: past });
    const token = await invitationTokenFor('late@example.org');
    expect(await getInvitation(token)).toMatchObject({ state: 'expired' });
    await expect(acceptInvitation({ token, newAccount: { name: 'Late', password: 'a long password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/expired/) });

    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'right@example.org', role: 'ISSUER_ADMIN' });
    const fresh = await invitationTokenFor('right@example.org');
    const wrong = await createActor({ email: 'wrong@example.org' });
    await expect(acceptInvitation({ token: fresh, actor: wrong })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const right = await createActor({ email: 'right@example.org', password: 'existing password' });
    // Someone holding the link cannot take over an account that has a password.
    await expect(acceptInvitation({ token: fresh, newAccount: { name: 'Impostor', password: 'impostor password' } })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await acceptInvitation({ token: fresh, actor: right });
    expect((await loadActor(right.id))?.roles.map((r) => r.role)).toEqual(['ISSUER_ADMIN']);
  });

  it('never sets the password of an account that exists, even one without a password', async () => {
    const { issuer, admin } = await setup();
    // School sign-in and bulk enrolment make accounts without a password.
    const existing = await db.user.create({ data: { email: 'sso.only@example.org', name: 'Sam School' }, select: { id: true } });
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'sso.only@example.org', role: 'REVIEWER' });
    const token = await invitationTokenFor('sso.only@example.org');
    expect(await getInvitation(token)).toMatchObject({ state: 'open', userExists: true });
    await expect(acceptInvitation({ token, newAccount: { name: 'Taken Over', password: 'attacker password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/Sign in/) });
    const after = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
    expect([after.passwordHash, after.name]).toEqual([null, 'Sam School']);
    expect(await getInvitation(token)).toMatchObject({ state: 'open' });
    // Signed in as themselves, they accept.
    await acceptInvitation({ token, actor: (await loadActor(existing.id))! });
    expect((await loadActor(existing.id))?.roles.map((r) => r.role)).toEqual(['REVIEWER']);
  });

  it('a link handed to the inviter (the email failed) does not confirm the address of the account it makes', async () => {
    const { issuer, admin } = await setup();
    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'unsent@example.org', role: 'REVIEWER' });
    const token = await invitationTokenFor('unsent@example.org');
    await db.invitation.updateMany({ where: { email: 'unsent@example.org' }, data: { linkShared: true } });
    const { userId } = await acceptInvitation({ token, newAccount: { name: 'Una Sent', password: 'a long enough password' } });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified).toBeNull();

    await inviteMember({ actor: admin, organizationId: issuer.id, email: 'sent@example.org', role: 'REVIEWER' });
    const emailed = await acceptInvitation({ token: await invitationTokenFor('sent@example.org'), newAccount: { name: 'Sen Tee', password: 'a long enough password' } });
    expect((await db.user.findUniqueOrThrow({ where: { id: emailed.userId } })).emailVerified).not.toBeNull();
  });

  it('assigns and removes roles and qualifies reviewers, audit-logged and scoped to the issuer', async () => {
    const { issuer, admin, mc } = await setup();
    const person = await createActor({ name: 'Pat Person' });
    await expect(setReviewerQualification({ actor: admin, userId: person.id, microCredentialId: mc.id, op: 'add' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // Someone with no role here is invited, to agree to it: a role is not put on an account by its id.
    await expect(changeRole({ actor: admin, organizationId: issuer.id, userId: person.id, role: 'REVIEWER', op: 'add' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('Invite anyone else') });
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
    // Once they belong (an invitation to administer, accepted), another role is added.
    await db.membership.create({ data: { userId: person.id, organizationId: issuer.id, role: 'ISSUER_ADMIN' } });
    await changeRole({ actor: admin, organizationId: issuer.id, userId: person.id, role: 'REVIEWER', op: 'add' });
    await setReviewerQualification({ actor: admin, userId: person.id, microCredentialId: mc.id, op: 'add' });
    const members = await listOrgMembers({ actor: admin, organizationId: issuer.id, q: 'pat' });
    expect(members.items).toHaveLength(1);
    expect(members.items[0].qualifications.map((q) => q.microCredential.id)).toEqual([mc.id]);

    await expect(changeRole({ actor: admin, organizationId: issuer.id, userId: person.id, role: 'DISTRICT_LEADER', op: 'add' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(changeRole({ actor: admin, organizationId: issuer.id, userId: admin.id, role: 'ISSUER_ADMIN', op: 'remove' })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    // Removing the reviewer role removes their qualifications for this issuer.
    await changeRole({ actor: admin, organizationId: issuer.id, userId: person.id, role: 'REVIEWER', op: 'remove' });
    expect(await db.reviewerQualification.count({ where: { userId: person.id } })).toBe(0);
    const actions = (await db.auditLog.findMany({ where: { entityId: person.id }, orderBy: { id: 'asc' }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(['people.role_add', 'people.qualify', 'people.role_remove']);

    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    const teacher = await createActor();
    for (const actor of [outsider, teacher]) {
      await expect(changeRole({ actor, organizationId: issuer.id, userId: person.id, role: 'REVIEWER', op: 'add' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setReviewerQualification({ actor, userId: admin.id, microCredentialId: mc.id, op: 'add' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(inviteMember({ actor, organizationId: issuer.id, email: 'x@example.org', role: 'REVIEWER' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listOrgMembers({ actor, organizationId: issuer.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
