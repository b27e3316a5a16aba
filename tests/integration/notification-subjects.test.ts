// A notice names what it is about (Notification.subjectType/subjectId, lib/notifications/notify.ts):
// a request to join a district (the person asking), a teacher's question (the question). Withdrawing
// or deciding the request, or withdrawing the question, deletes exactly its notices, and with them
// the emails not sent yet (the 'email.notification' job sends nothing once its notice is gone).
// Notices made before subjects were recorded are still found the old way. Real Postgres; the emails
// are read from the outbox (EmailMessage) the job writes.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { ProfileInput, updateProfile } from '@/lib/auth/profile';
import { askCredentialQuestion, withdrawCredentialQuestion } from '@/lib/credential-questions/mutations';
import { cancelDistrictRequest, decideDistrictRequest, decideDistrictRequests, requestDistrict } from '@/lib/district/requests';

beforeEach(resetDatabase);

/** Runs every due job, then the subjects of the emails sent to `to`. */
async function emailedTo(to: string): Promise<string[]> {
  while (await runDueJobs(jobHandlers, 50));
  return (await db.emailMessage.findMany({ where: { to: to.toLowerCase() }, orderBy: { createdAt: 'asc' }, select: { subject: true } })).map((m) => m.subject);
}

/** The "asks to join" notices shown to `userId`, oldest first: whose request each tells, and its title. */
const joinNotices = (userId: string) =>
  db.notification.findMany({ where: { userId, kind: 'district.join_request' }, orderBy: { createdAt: 'asc' }, select: { subjectId: true, title: true } });

/** Makes the notices look as they did before they named their subject (made by an earlier release). */
const asBeforeSubjects = () => db.notification.updateMany({ data: { subjectType: null, subjectId: null } });

async function district() {
  const kettle = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const lee = await createActor({ name: 'Lee Leader', email: 'lee@kettle.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: kettle.id }] });
  const lia = await createActor({ name: 'Lia Leader', email: 'lia@kettle.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: kettle.id }] });
  return { kettle, lee, lia };
}

describe('a request to join is withdrawn by whose it is, not by the name in its title', () => {
  it('two teachers with the same name ask one district: each keeps their own notice when the other withdraws', async () => {
    const { kettle, lee } = await district();
    const first = await createActor({ name: 'Sam Lee' });
    const second = await createActor({ name: 'Sam Lee' });

    await requestDistrict({ actor: first, districtId: kettle.id });
    await requestDistrict({ actor: second, districtId: kettle.id });
    expect(await joinNotices(lee.id)).toEqual([
      { subjectId: first.id, title: 'Sam Lee asks to join Kettle Moraine' },
      { subjectId: second.id, title: 'Sam Lee asks to join Kettle Moraine' },
    ]);

    // The first withdraws: the second's notice (made after the first asked, with the same title) stays, and is emailed.
    await cancelDistrictRequest({ actor: first });
    expect(await joinNotices(lee.id)).toEqual([{ subjectId: second.id, title: 'Sam Lee asks to join Kettle Moraine' }]);
    expect(await emailedTo(lee.email)).toEqual(['Sam Lee asks to join Kettle Moraine']);

    // The other way round: the first asks again, the second withdraws; the first's stays.
    await requestDistrict({ actor: first, districtId: kettle.id });
    await cancelDistrictRequest({ actor: second });
    expect(await joinNotices(lee.id)).toEqual([{ subjectId: first.id, title: 'Sam Lee asks to join Kettle Moraine' }]);
  });

  it('a teacher who renames themselves after asking still takes the notice (and its email) back when they withdraw', async () => {
    const { kettle, lee } = await district();
    const di = await createActor({ name: 'Di Dawson' });
    await requestDistrict({ actor: di, districtId: kettle.id });
    await updateProfile({ actor: di, input: ProfileInput.parse({ name: 'Di Dawson-Reyes', emailNotifications: 'on' }) });

    await cancelDistrictRequest({ actor: di });
    expect(await joinNotices(lee.id)).toEqual([]);
    expect(await emailedTo(lee.email)).toEqual([]);
  });

  it('renamed, then asking another district: the first district’s notice goes, the second’s is told', async () => {
    const { kettle, lee } = await district();
    const river = await createOrg({ kind: 'DISTRICT', name: 'River Bend' });
    const rob = await createActor({ email: 'rob@river.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: river.id }] });
    const di = await createActor({ name: 'Di Dawson' });
    await requestDistrict({ actor: di, districtId: kettle.id });
    await updateProfile({ actor: di, input: ProfileInput.parse({ name: 'Di Reyes', emailNotifications: 'on' }) });

    await requestDistrict({ actor: di, districtId: river.id });
    expect(await joinNotices(lee.id)).toEqual([]);
    expect(await joinNotices(rob.id)).toEqual([{ subjectId: di.id, title: 'Di Reyes asks to join River Bend' }]);
    expect(await emailedTo(lee.email)).toEqual([]);
    expect(await emailedTo(rob.email)).toEqual(['Di Reyes asks to join River Bend']);
  });
});

describe('a request decided by a leader: no leader is still told that the person asks', () => {
  it('confirmed by one leader before the emails went out: neither leader keeps the notice or gets the email; another request stays', async () => {
    const { kettle, lee, lia } = await district();
    const di = await createActor({ name: 'Di Dawson', email: 'di@school.test' });
    const tom = await createActor({ name: 'Tom Tran' });
    await requestDistrict({ actor: di, districtId: kettle.id });
    await requestDistrict({ actor: tom, districtId: kettle.id });

    await decideDistrictRequest({ actor: lee, districtId: kettle.id, userId: di.id, decision: 'confirm' });
    // The deciding leader's own notice goes too: there is nothing left to confirm or decline.
    expect(await joinNotices(lee.id)).toEqual([{ subjectId: tom.id, title: 'Tom Tran asks to join Kettle Moraine' }]);
    expect(await joinNotices(lia.id)).toEqual([{ subjectId: tom.id, title: 'Tom Tran asks to join Kettle Moraine' }]);
    expect(await emailedTo(lee.email)).toEqual(['Tom Tran asks to join Kettle Moraine']);
    expect(await emailedTo(lia.email)).toEqual(['Tom Tran asks to join Kettle Moraine']);
    // The email jobs of the settled request finished without sending, rather than failing and retrying.
    expect(await db.job.count({ where: { type: 'email.notification', completedAt: null } })).toBe(0);
    // The teacher is still told of the decision.
    expect(await emailedTo(di.email)).toEqual(['Kettle Moraine confirmed you as one of its teachers']);
  });

  it('declined: the leaders’ notices and their emails go', async () => {
    const { kettle, lee, lia } = await district();
    const di = await createActor({ name: 'Di Dawson' });
    await requestDistrict({ actor: di, districtId: kettle.id });

    await decideDistrictRequest({ actor: lia, districtId: kettle.id, userId: di.id, decision: 'decline' });
    expect(await joinNotices(lee.id)).toEqual([]);
    expect(await joinNotices(lia.id)).toEqual([]);
    expect(await emailedTo(lee.email)).toEqual([]);
    expect(await emailedTo(lia.email)).toEqual([]);
  });

  it('several decided at once (confirmed, or declined): their notices and emails go; one skipped keeps its notice', async () => {
    const { kettle, lee, lia } = await district();
    const di = await createActor({ name: 'Di Dawson' });
    const tom = await createActor({ name: 'Tom Tran' });
    const ana = await createActor({ name: 'Ana Alves' });
    const ned = await createActor({ name: 'Ned Novak' });
    for (const t of [di, tom, ana, ned]) await requestDistrict({ actor: t, districtId: kettle.id });
    // Ned has not confirmed his address: he cannot be confirmed yet, so his request stays pending.
    await db.user.update({ where: { id: ned.id }, data: { emailVerified: null } });

    const confirmed = await decideDistrictRequests({ actor: lee, districtId: kettle.id, userIds: [di.id, tom.id, ned.id], decision: 'confirm' });
    expect(confirmed.decided.map((p) => p.id).sort()).toEqual([di.id, tom.id].sort());
    const declined = await decideDistrictRequests({ actor: lia, districtId: kettle.id, userIds: [ana.id], decision: 'decline' });
    expect(declined.decided.map((p) => p.id)).toEqual([ana.id]);

    for (const leader of [lee, lia]) {
      expect(await joinNotices(leader.id)).toEqual([{ subjectId: ned.id, title: 'Ned Novak asks to join Kettle Moraine' }]);
      expect(await emailedTo(leader.email)).toEqual(['Ned Novak asks to join Kettle Moraine']);
    }
  });
});

describe('a teacher’s question withdrawn takes its notices back', () => {
  it('from every admin told, one whose role was removed since included; a question kept is still told', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const ada = await createActor({ email: 'ada@issuer.test', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const bo = await createActor({ email: 'bo@issuer.test', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const { mc } = await createPublishedCredential({ issuerId: issuer.id, admin: ada, def: { title: 'Checking for understanding' } });
    const teacher = await createActor();
    const other = await createActor();

    const kept = await askCredentialQuestion({ actor: other, microCredentialId: mc.id, body: 'Can part 1 be a written reflection?' });
    const withdrawn = await askCredentialQuestion({ actor: teacher, microCredentialId: mc.id, body: 'Will last spring’s lesson video do for part 2?' });
    // Bo stops being an admin of the issuer after being told.
    await db.membership.deleteMany({ where: { userId: bo.id, organizationId: issuer.id } });

    await withdrawCredentialQuestion({ actor: teacher, questionId: withdrawn.questionId });
    for (const admin of [ada, bo]) {
      expect(await db.notification.findMany({ where: { userId: admin.id, kind: 'credential.question' }, select: { href: true } })).toEqual([{ href: `/admin/questions/${kept.questionId}` }]);
      expect(await emailedTo(admin.email)).toEqual(['A teacher asks about “Checking for understanding”']);
    }
  });
});

describe('notices made before they named their subject are still withdrawn', () => {
  it('a request to join withdrawn, or declined, takes back its earlier notice; another person’s stays', async () => {
    const { kettle, lee, lia } = await district();
    const di = await createActor({ name: 'Di Dawson' });
    const tom = await createActor({ name: 'Tom Tran' });
    const ana = await createActor({ name: 'Ana Alves' });
    for (const t of [di, tom, ana]) await requestDistrict({ actor: t, districtId: kettle.id });
    await asBeforeSubjects();

    await cancelDistrictRequest({ actor: di });
    await decideDistrictRequest({ actor: lee, districtId: kettle.id, userId: tom.id, decision: 'decline' });
    for (const leader of [lee, lia]) {
      expect(await joinNotices(leader.id)).toEqual([{ subjectId: null, title: 'Ana Alves asks to join Kettle Moraine' }]);
      expect(await emailedTo(leader.email)).toEqual(['Ana Alves asks to join Kettle Moraine']);
    }
  });

  it('a question withdrawn takes back its earlier notices; another question’s stays', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const ada = await createActor({ email: 'ada@issuer.test', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const { mc } = await createPublishedCredential({ issuerId: issuer.id, admin: ada, def: { title: 'Checking for understanding' } });
    const teacher = await createActor();
    const other = await createActor();
    const kept = await askCredentialQuestion({ actor: other, microCredentialId: mc.id, body: 'Can part 1 be a written reflection?' });
    const withdrawn = await askCredentialQuestion({ actor: teacher, microCredentialId: mc.id, body: 'Will last spring’s lesson video do for part 2?' });
    await asBeforeSubjects();

    await withdrawCredentialQuestion({ actor: teacher, questionId: withdrawn.questionId });
    expect(await db.notification.findMany({ where: { userId: ada.id, kind: 'credential.question' }, select: { href: true, subjectId: true } })).toEqual([{ href: `/admin/questions/${kept.questionId}`, subjectId: null }]);
    expect(await emailedTo(ada.email)).toEqual(['A teacher asks about “Checking for understanding”']);
  });
});

describe('a request answered by an invitation', () => {
  it('a leader invites the teacher who asked; once they accept, no leader keeps the notice or gets its email', async () => {
    const { kettle, lee, lia } = await district();
    const tia = await createActor({ name: 'Tia Teacher', email: 'tia@example.org' });
    await requestDistrict({ actor: tia, districtId: kettle.id });
    expect(await joinNotices(lee.id)).toHaveLength(1);
    await inviteMember({ actor: lia, organizationId: kettle.id, email: 'tia@example.org', role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor('tia@example.org'), actor: tia });
    expect(await db.user.findUniqueOrThrow({ where: { id: tia.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: kettle.id, requestedDistrictId: null });
    expect(await joinNotices(lee.id)).toEqual([]);
    expect(await joinNotices(lia.id)).toEqual([]);
    expect(await emailedTo(lee.email)).toEqual([]);
  });
});

describe('an account deleted', () => {
  it('takes back what others were told of its request to join and its questions, and their unsent emails', async () => {
    const { kettle, lee } = await district();
    const issuer = await createOrg({ kind: 'ISSUER' });
    const ada = await createActor({ email: 'ada@issuer.test', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const { mc } = await createPublishedCredential({ issuerId: issuer.id, admin: ada, def: { title: 'Checking for understanding' } });
    const gone = await createActor({ name: 'Gil Gone', email: 'gil@example.org', password: 'correct horse battery' });
    const stays = await createActor({ name: 'Sue Stays' });
    await requestDistrict({ actor: gone, districtId: kettle.id });
    await requestDistrict({ actor: stays, districtId: kettle.id });
    await askCredentialQuestion({ actor: gone, microCredentialId: mc.id, body: 'Will last spring’s lesson video do for part 2?' });
    const kept = await askCredentialQuestion({ actor: stays, microCredentialId: mc.id, body: 'Can part 1 be a written reflection?' });

    await deleteOwnAccount({ actor: gone, input: DeleteAccountInput.parse({ password: 'correct horse battery', understood: 'on' }) });
    expect(await joinNotices(lee.id)).toEqual([{ subjectId: stays.id, title: 'Sue Stays asks to join Kettle Moraine' }]);
    expect(await db.notification.findMany({ where: { userId: ada.id, kind: 'credential.question' }, select: { href: true } })).toEqual([{ href: `/admin/questions/${kept.questionId}` }]);
    expect(await emailedTo(lee.email)).toEqual(['Sue Stays asks to join Kettle Moraine']);
    expect(await emailedTo(ada.email)).toEqual(['A teacher asks about “Checking for understanding”']);
  });
});
