// Joining a district by request (lib/district/requests.ts): a teacher asks at sign-up or from their
// account, a leader of that district confirms or declines. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { signUp, upsertOidcUser } from '@/lib/auth/accounts';
import { confirmEmail } from '@/lib/auth/email-verification';
import { resetPassword } from '@/lib/auth/password-reset';
import { issueAccountToken } from '@/lib/auth/account-tokens';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { loadActor } from '@/lib/auth/load-actor';
import { cancelDistrictRequest, decideDistrictRequest, leaveDistrict, listDistrictRequests, requestDistrict } from '@/lib/district/requests';
import { listDistrictTeachers, getDistrictHome } from '@/lib/district/queries';
import { pdHoursByTeacher } from '@/lib/reporting/district';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { saveProposal } from '@/lib/proposals/mutations';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  return { district, north, other, otherSchool, leader, otherLeader };
}
const since = resolvePeriod({}).from;

describe('asking to join a district', () => {
  it('a district chosen at sign-up is a request: not counted until a leader confirms', async () => {
    const w = await world();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: w.district.id });
    // Nothing in the district counts her yet.
    expect((await listDistrictTeachers({ actor: w.leader, districtId: w.district.id })).items).toEqual([]);
    expect(await getDistrictHome({ actor: w.leader, districtId: w.district.id, since })).toMatchObject({ teachers: 0, joinRequests: 1 });
    // Listed for the leaders, but not told to them before her address is confirmed (see below).
    expect(await db.notification.count({ where: { kind: 'district.join_request' } })).toBe(0);

    const { items, total } = await listDistrictRequests({ actor: w.leader, districtId: w.district.id });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: di.id, name: 'Di Dawson', email: 'di@school.org', emailConfirmed: false, currentDistrict: null });

    // Another district's leader sees nothing and decides nothing.
    await expect(listDistrictRequests({ actor: w.otherLeader, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideDistrictRequest({ actor: w.otherLeader, districtId: w.other.id, userId: di.id, decision: 'confirm' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Not before she has confirmed her address: anyone can type any address at sign-up.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.north.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('has not confirmed their email address') });
    await db.user.update({ where: { id: di.id }, data: { emailVerified: new Date() } });
    // A school of another district is refused.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.otherSchool.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.north.id })).toEqual({ name: 'Di Dawson' });
    const placed = await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true, memberships: { select: { organizationId: true, role: true } } } });
    expect(placed).toEqual({ districtId: w.district.id, schoolId: w.north.id, requestedDistrictId: null, memberships: [{ organizationId: w.north.id, role: 'TEACHER' }] });
    expect((await listDistrictTeachers({ actor: w.leader, districtId: w.district.id })).items.map((t) => t.id)).toEqual([di.id]);
    expect((await pdHoursByTeacher({ actor: w.leader, districtId: w.district.id, period: resolvePeriod({}) })).map((r) => r.userId)).toEqual([di.id]);
    expect(await db.notification.count({ where: { userId: di.id, kind: 'district.join_confirmed' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'people.confirm_district_request', entityId: di.id } })).toBe(1);
    // Decided once: a second leader's click (or a replay) finds no request.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'decline' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two leaders deciding at once: one decision stands', async () => {
    const w = await world();
    const second = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    const teacher = await createActor();
    await requestDistrict({ actor: teacher, districtId: w.district.id });
    const results = await Promise.allSettled([
      decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'confirm' }),
      decideDistrictRequest({ actor: second, districtId: w.district.id, userId: teacher.id, decision: 'decline' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, requestedDistrictId: true } });
    expect(after.requestedDistrictId).toBeNull();
    expect(await db.notification.count({ where: { userId: teacher.id, kind: { in: ['district.join_confirmed', 'district.join_declined'] } } })).toBe(1);
  });

  it('a teacher asks from their account, withdraws, asks again; a decline leaves them where they were', async () => {
    const w = await world();
    const teacher = await createActor({ name: 'Tom' });
    await expect(requestDistrict({ actor: teacher, districtId: w.north.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await requestDistrict({ actor: teacher, districtId: w.district.id })).toEqual({ districtName: 'Kettle Moraine', already: false });
    expect(await requestDistrict({ actor: teacher, districtId: w.district.id })).toEqual({ districtName: 'Kettle Moraine', already: true });
    expect(await db.notification.count({ where: { userId: w.leader.id, kind: 'district.join_request' } })).toBe(1);
    await cancelDistrictRequest({ actor: teacher });
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).total).toBe(0);

    await requestDistrict({ actor: teacher, districtId: w.district.id });
    await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'decline' });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: null });
    // Each request tells the leaders, so a person can make only a few a day (two so far).
    for (let i = 0; i < 3; i++) await requestDistrict({ actor: teacher, districtId: i % 2 ? w.district.id : w.other.id });
    await expect(requestDistrict({ actor: teacher, districtId: w.district.id })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.notification.findFirst({ where: { userId: teacher.id, kind: 'district.join_declined' }, select: { body: true } })).toMatchObject({ body: expect.stringContaining('invitation') });
  });

  it('moving: the teacher stays in the old district until the new one confirms, then leaves it cleanly', async () => {
    const w = await world();
    const teacher = await createActor({ districtId: w.other.id, schoolId: w.otherSchool.id });
    await db.membership.create({ data: { userId: teacher.id, organizationId: w.otherSchool.id, role: 'TEACHER' } });
    const cred = await createPublishedCredential();
    await db.organization.update({ where: { id: w.other.id }, data: { requiresProposal: true } });
    const me = (await loadActor(teacher.id))!;
    await saveProposal({ actor: me, microCredentialId: cred.mc.id, studentGoals: 'Students will explain their reasoning in writing.', plan: 'Study, try it with my class, submit evidence in May.', submit: true });
    await expect(requestDistrict({ actor: me, districtId: w.other.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await requestDistrict({ actor: me, districtId: w.district.id });
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).items[0]).toMatchObject({ currentDistrict: 'Elsewhere' });
    expect((await db.user.findUniqueOrThrow({ where: { id: teacher.id } })).districtId).toBe(w.other.id);

    await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'confirm' });
    const moved = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, memberships: { select: { organizationId: true } } } });
    expect(moved).toEqual({ districtId: w.district.id, schoolId: null, memberships: [{ organizationId: w.district.id }] });
    // The proposal waiting in the old district came back to the teacher as a draft.
    expect(await db.proposal.findFirstOrThrow({ where: { userId: teacher.id, districtId: w.other.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });
  });

  it('leaving on one’s own; an invitation answers a pending request', async () => {
    const w = await world();
    const teacher = await createActor({ districtId: w.district.id, schoolId: w.north.id });
    await db.membership.create({ data: { userId: teacher.id, organizationId: w.north.id, role: 'TEACHER' } });
    await leaveDistrict({ actor: teacher });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, memberships: true } })).toEqual({ districtId: null, schoolId: null, memberships: [] });
    await expect(leaveDistrict({ actor: teacher })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.auditLog.count({ where: { action: 'people.leave_district', entityId: teacher.id } })).toBe(1);

    // She asks to join Elsewhere, then Kettle Moraine invites her: the invitation places her and ends the request.
    await requestDistrict({ actor: teacher, districtId: w.other.id });
    await inviteMember({ actor: w.leader, organizationId: w.north.id, email: teacher.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(teacher.email), actor: (await loadActor(teacher.id))! });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true } })).toEqual({ districtId: w.district.id, schoolId: w.north.id, requestedDistrictId: null });
    expect((await listDistrictRequests({ actor: w.otherLeader, districtId: w.other.id })).total).toBe(0);
  });
});

describe('the leaders hear of a request once the address is confirmed', () => {
  /** Runs the queued jobs: the confirmation email and the emails of notices. */
  async function linkFor(to: string): Promise<string> {
    await runDueJobs(jobHandlers, 50);
    const mail = await db.emailMessage.findFirstOrThrow({ where: { to, text: { contains: '/verify-email/' } }, orderBy: { createdAt: 'desc' } });
    return mail.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)![1];
  }
  /** Every join-request notice, to anyone (so the other district's leader being told would show). */
  const notices = () => db.notification.findMany({ where: { kind: 'district.join_request' }, orderBy: { userId: 'asc' }, select: { userId: true, title: true, body: true, href: true } });
  async function asksEmailed(): Promise<string[]> {
    await runDueJobs(jobHandlers, 50);
    return (await db.emailMessage.findMany({ where: { text: { contains: 'asks to join' } }, select: { to: true } })).map((m) => m.to).sort();
  }
  async function leaders() {
    const w = await world();
    const second = await createActor({ email: 'sam@kettle.test', name: 'Sam Second', roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    await db.user.update({ where: { id: w.leader.id }, data: { email: 'lee@kettle.test' } });
    return { ...w, second };
  }
  const told = (w: Awaited<ReturnType<typeof leaders>>) => [w.leader.id, w.second.id].sort().map((userId) => ({
    userId, title: 'Di Dawson asks to join Kettle Moraine', body: 'Confirm them if they teach in your district, or decline.', href: `/district/people?district=${w.district.id}#requests`,
  }));

  it('sign-up tells nobody; confirming the address tells each leader once; a second link tells nobody again', async () => {
    const w = await leaders();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    const token = await linkFor('di@school.org');
    expect(await notices()).toEqual([]);
    expect(await asksEmailed()).toEqual([]);
    const actor = (await loadActor(di.id))!;
    await confirmEmail({ token, actor });
    expect(await notices()).toEqual(told(w));
    expect(await asksEmailed()).toEqual(['lee@kettle.test', 'sam@kettle.test']);

    // The same link again is refused; a fresh link for the confirmed account confirms nothing new.
    await expect(confirmEmail({ token, actor })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const again = (await issueAccountToken(di.id, 'EMAIL_VERIFICATION', 60))!;
    await confirmEmail({ token: again, actor });
    expect(await notices()).toHaveLength(2);
    expect(await asksEmailed()).toHaveLength(2);
  });

  // A reset link proves the address but not that the request was the owner's: until then anyone
  // who signed up with the address could have made it (lib/auth/accounts.ts, forgetUnconfirmedChoices).
  // It is withdrawn, not told; asked again from the now confirmed account, it is told once.
  it('a password-reset link on an unconfirmed account withdraws the request untold; asked again, the leaders are told once', async () => {
    const w = await leaders();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    expect(await notices()).toEqual([]);
    const reset = (await issueAccountToken(di.id, 'PASSWORD_RESET', 60))!;
    await resetPassword({ token: reset, password: 'another good passphrase' });
    expect(await notices()).toEqual([]);
    expect(await asksEmailed()).toEqual([]);
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: null });
    await requestDistrict({ actor: (await loadActor(di.id))!, districtId: w.district.id });
    expect(await notices()).toEqual(told(w));
    // Already confirmed: a second reset keeps the request and tells nobody again.
    const again = (await issueAccountToken(di.id, 'PASSWORD_RESET', 60))!;
    await resetPassword({ token: again, password: 'yet another passphrase' });
    expect(await notices()).toHaveLength(2);
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: w.district.id });
  });

  it('a request withdrawn before the address is confirmed is never told', async () => {
    const w = await leaders();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    const token = await linkFor('di@school.org');
    const actor = (await loadActor(di.id))!;
    await cancelDistrictRequest({ actor });
    await confirmEmail({ token, actor });
    expect(await notices()).toEqual([]);
  });

  it('from the account page: an unconfirmed account waits for confirmation, a confirmed one tells at once', async () => {
    const w = await leaders();
    const di = await createActor({ name: 'Di Dawson', email: 'di@school.org', emailVerified: false });
    expect(await requestDistrict({ actor: di, districtId: w.district.id })).toEqual({ districtName: 'Kettle Moraine', already: false });
    expect(await notices()).toEqual([]);
    const token = (await issueAccountToken(di.id, 'EMAIL_VERIFICATION', 60))!;
    await confirmEmail({ token, actor: di });
    expect(await notices()).toEqual(told(w));

    await db.notification.deleteMany({});
    const confirmed = await createActor({ name: 'Di Dawson' });
    await requestDistrict({ actor: confirmed, districtId: w.district.id });
    expect(await notices()).toEqual(told(w));
  });

  it('a school sign-in that confirms the address of an account opened with a district request withdraws it untold; asked again, the leaders are told once', async () => {
    const w = await leaders();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    expect(await notices()).toEqual([]);
    await upsertOidcUser({ provider: 'google', providerAccountId: 'g-di', email: 'di@school.org', name: 'Di Dawson', emailVouched: true });
    expect(await notices()).toEqual([]);
    expect(await asksEmailed()).toEqual([]);
    await requestDistrict({ actor: (await loadActor(di.id))!, districtId: w.district.id });
    expect(await notices()).toEqual(told(w));
    // Signing in with it again (the link exists now) keeps the request and tells nobody again.
    await upsertOidcUser({ provider: 'google', providerAccountId: 'g-di', email: 'di@school.org', name: 'Di Dawson', emailVouched: true });
    expect(await notices()).toHaveLength(2);
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: w.district.id });
  });

  it('two school sign-ins at the same moment (two providers) on one unconfirmed account tell the owner once, and no leader', async () => {
    const w = await leaders();
    await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    const [a, b] = await Promise.all([
      upsertOidcUser({ provider: 'google', providerAccountId: 'g-di', email: 'di@school.org', name: 'Di Dawson', emailVouched: true }),
      upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-di', email: 'di@school.org', name: 'Di Dawson', emailVouched: true }),
    ]);
    expect(a.id).toBe(b.id);
    // The request made before the address was confirmed is withdrawn, not told (not even once).
    expect(await notices()).toEqual([]);
    expect(await db.user.findUniqueOrThrow({ where: { id: a.id }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: null });
    // The owner hears once that the unconfirmed password was removed; the second sign-in found no password.
    expect(await db.notification.count({ where: { userId: a.id, kind: 'account.sign_in_linked' } })).toBe(1);
    expect(await db.account.count({ where: { userId: a.id } })).toBe(2);
  });
});

