// Notification emails (lib/notifications/notify.ts, the 'email.notification' job in
// lib/jobs/handlers.ts): an essential one (account security, a badge's status) is queued ahead of a
// district's bulk; and a notice deleted before its email goes out (a question or a request to join
// withdrawn) sends no email pointing to something no longer there. Real Postgres; the emails are
// read from the outbox (EmailMessage) the job writes.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { claimJobs, runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { notify, notifyMany } from '@/lib/notifications/notify';
import { askCredentialQuestion, withdrawCredentialQuestion } from '@/lib/credential-questions/mutations';
import { cancelDistrictRequest, requestDistrict } from '@/lib/district/requests';

beforeEach(resetDatabase);

/** Runs every due job, then the subjects of the emails sent to `to`. */
async function emailedTo(to: string): Promise<string[]> {
  while (await runDueJobs(jobHandlers, 50));
  return (await db.emailMessage.findMany({ where: { to: to.toLowerCase() }, orderBy: { createdAt: 'asc' }, select: { subject: true } })).map((m) => m.subject);
}

describe('an essential notification email is not queued behind the bulk', () => {
  it('after a district’s notices to many teachers and other notices, “your password was changed” is the first job claimed', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const teachers = await Promise.all(Array.from({ length: 30 }, () => createActor({ districtId: district.id })));
    await db.$transaction((tx) => notifyMany(teachers.map((t) => ({ userId: t.id, emailNotifications: true })), { kind: 'district.recommendation', title: 'Your district recommends “Checking for understanding”' }, tx));
    const nia = await createActor({ name: 'Nia', email: 'nia@school.test' });
    for (let i = 0; i < 5; i++) await notify({ userId: nia.id, kind: 'review.digest', title: `Work waiting ${i}` });
    await notify({ userId: nia.id, kind: 'account.password_changed', title: 'Your password was changed', href: '/account', essential: true });
    expect(await db.job.count({ where: { type: 'email.notification' } })).toBe(36);

    const [first] = await claimJobs(1);
    expect(first.payload).toMatchObject({ userId: nia.id, title: 'Your password was changed', essential: true });
    // The non-essential ones keep their place: the oldest of them comes next.
    const [second] = await claimJobs(1);
    expect(second.payload).toMatchObject({ title: 'Your district recommends “Checking for understanding”', essential: false });
  });
});

describe('a notice withdrawn before its email goes out sends no email', () => {
  it('a teacher asks the issuer and withdraws the question: no admin is emailed about it; a question kept is emailed', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ email: 'ada.admin@issuer.test', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const { mc } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Checking for understanding' } });
    const teacher = await createActor();
    const other = await createActor();

    const withdrawn = await askCredentialQuestion({ actor: teacher, microCredentialId: mc.id, body: 'Will last spring’s lesson video do for part 2?' });
    await withdrawCredentialQuestion({ actor: teacher, questionId: withdrawn.questionId });
    expect(await emailedTo(admin.email)).toEqual([]);
    // The job ran and finished (nothing to send), rather than failing and retrying.
    expect(await db.job.count({ where: { type: 'email.notification', completedAt: null } })).toBe(0);

    await askCredentialQuestion({ actor: other, microCredentialId: mc.id, body: 'Can part 1 be a written reflection?' });
    expect(await emailedTo(admin.email)).toEqual(['A teacher asks about “Checking for understanding”']);
  });

  it('a request to join a district withdrawn, or replaced by one for another district: the first district’s leader is not emailed, nor shown it', async () => {
    const kettle = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const river = await createOrg({ kind: 'DISTRICT', name: 'River Bend' });
    const lee = await createActor({ email: 'lee@kettle.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: kettle.id }] });
    const rob = await createActor({ email: 'rob@river.test', roles: [{ role: 'DISTRICT_LEADER', organizationId: river.id }] });
    const di = await createActor({ name: 'Di Dawson' });
    const tom = await createActor({ name: 'Tom Tran' });
    const joinNotices = (userId: string) => db.notification.findMany({ where: { userId, kind: 'district.join_request' }, select: { title: true } });

    // Withdrawn before the email went out.
    await requestDistrict({ actor: di, districtId: kettle.id });
    expect(await joinNotices(lee.id)).toEqual([{ title: 'Di Dawson asks to join Kettle Moraine' }]);
    await cancelDistrictRequest({ actor: di });
    expect(await joinNotices(lee.id)).toEqual([]);
    expect(await emailedTo(lee.email)).toEqual([]);

    // Replaced: Kettle Moraine's leader hears nothing of it; River Bend's is told. Another teacher's request stays.
    await requestDistrict({ actor: tom, districtId: kettle.id });
    await requestDistrict({ actor: di, districtId: kettle.id });
    await requestDistrict({ actor: di, districtId: river.id });
    expect(await joinNotices(lee.id)).toEqual([{ title: 'Tom Tran asks to join Kettle Moraine' }]);
    expect(await emailedTo(lee.email)).toEqual(['Tom Tran asks to join Kettle Moraine']);
    expect(await emailedTo(rob.email)).toEqual(['Di Dawson asks to join River Bend']);
  });
});
