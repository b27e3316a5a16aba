// A district leader invites a whole staff from a CSV file (lib/people/bulk-invite.ts, the action on
// /district/people/invite): check first, then invite every new teacher at once, at their school;
// emails through the job queue. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { db } from '@/lib/db';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { acceptInvitation, cancelInvitation, getInvitation, inviteMember, resendInvitation } from '@/lib/people/mutations';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { fingerprintInviteCsv, INVITATION_EMAIL_JOB, inviteTeachersFromFile, previewBulkInvite } from '@/lib/people/bulk-invite';

// An outage of the mail server, switched on by a test; otherwise the real sender (the outbox table).
// `dieOnSend`: the next send never happens and never returns, as when the server dies on its way to
// the mail server; the function is called once the job has got that far.
const mail = vi.hoisted(() => ({ down: false, dieOnSend: null as null | (() => void) }));
vi.mock('@/lib/email/send', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/email/send')>();
  return {
    ...real,
    sendEmail: async (o: Parameters<typeof real.sendEmail>[0]) => {
      if (mail.dieOnSend) {
        const died = mail.dieOnSend;
        mail.dieOnSend = null;
        died();
        return new Promise<never>(() => undefined);
      }
      if (mail.down) throw new Error('SMTP unavailable');
      return real.sendEmail(o);
    },
  };
});
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { bulkInviteAction } = await import('@/app/district/people/actions');
const { default: BulkInvitePage } = await import('@/app/district/people/invite/page');
const { default: DistrictPeoplePage } = await import('@/app/district/people/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  mail.down = false;
  mail.dieOnSend = null;
});

// The queue as the app runs it (lib/jobs/handlers.ts registers the file invitations' emails).
const handlers = jobHandlers;
async function runJobs() {
  while ((await runDueJobs(handlers, 50)) > 0);
}

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Middle', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', email: 'ann@example.test', districtId: district.id, schoolId: north.id });
  await db.membership.create({ data: { userId: ann.id, organizationId: north.id, role: 'TEACHER' } });
  const xavier = await createActor({ name: 'Xavier Other', email: 'xavier@example.test', districtId: other.id, schoolId: otherSchool.id });
  await db.membership.create({ data: { userId: xavier.id, organizationId: otherSchool.id, role: 'TEACHER' } });
  return { district, north, south, other, otherSchool, leader, otherLeader, ann, xavier };
}

const csv = (...lines: string[]) => ['email,name,school', ...lines].join('\n');
const fileInvitations = () => db.invitation.findMany({ orderBy: { email: 'asc' }, select: { email: true, organizationId: true, role: true, invitedById: true, acceptedAt: true } });
const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });

describe('inviting teachers from a file', () => {
  it('invites every new teacher at the school the file names, queues one email each and audits each invitation; accepting places them', async () => {
    const w = await world();
    const file = csv(
      'new.one@example.test,New One,North Elementary',
      'New.Two@Example.test,,',
      'xavier@example.test,Xavier Other,south middle',
      'ann@example.test,Ann Avery,South Middle',
    );
    const preview = await previewBulkInvite({ actor: w.leader, districtId: w.district.id, csv: file });
    expect(preview.fileError).toBeNull();
    expect(preview.rows.map((r) => [r.email, r.status, r.school?.name ?? null])).toEqual([
      ['new.one@example.test', 'invite', 'North Elementary'],
      ['new.two@example.test', 'invite', null],
      ['xavier@example.test', 'invite', 'South Middle'],
      ['ann@example.test', 'member', 'South Middle'],
    ]);
    // A teacher of another district is invited like anyone new: the preview does not say they have an account elsewhere.
    expect(preview.rows[2].notes).toEqual([]);
    expect(preview.rows[3].notes).toEqual(['Already a teacher in Kettle Moraine at North Elementary, so not invited again. To move them to South Middle, use the Teachers page.']);
    // Checking writes nothing.
    expect(await db.invitation.count()).toBe(0);

    const before = Date.now();
    expect(await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: file })).toEqual({ invited: 3, members: 1, alreadyInvited: 0, limited: [] });

    expect(await fileInvitations()).toEqual([
      { email: 'new.one@example.test', organizationId: w.north.id, role: 'TEACHER', invitedById: w.leader.id, acceptedAt: null },
      { email: 'new.two@example.test', organizationId: w.district.id, role: 'TEACHER', invitedById: w.leader.id, acceptedAt: null },
      { email: 'xavier@example.test', organizationId: w.south.id, role: 'TEACHER', invitedById: w.leader.id, acceptedAt: null },
    ]);
    const expiry = (await db.invitation.findFirstOrThrow({ select: { expiresAt: true } })).expiresAt.getTime();
    expect(expiry - before).toBeGreaterThanOrEqual(14 * 86_400_000 - 5_000);
    expect(expiry - before).toBeLessThanOrEqual(14 * 86_400_000 + 60_000);

    // One queued email per invitation; no link exists until the job makes it.
    const jobs = await db.job.findMany({ where: { type: INVITATION_EMAIL_JOB }, select: { payload: true } });
    expect(jobs).toHaveLength(3);
    expect(JSON.stringify(jobs)).not.toMatch(/invitations\//);
    expect(await db.emailMessage.count()).toBe(0);

    const audit = await db.auditLog.findMany({ where: { action: 'people.invite' }, orderBy: { id: 'asc' }, select: { actorId: true, entityType: true, organizationId: true, data: true } });
    expect(audit).toEqual([
      { actorId: w.leader.id, entityType: 'Invitation', organizationId: w.north.id, data: { email: 'new.one@example.test', role: 'TEACHER', fromFile: true } },
      { actorId: w.leader.id, entityType: 'Invitation', organizationId: w.district.id, data: { email: 'new.two@example.test', role: 'TEACHER', fromFile: true } },
      { actorId: w.leader.id, entityType: 'Invitation', organizationId: w.south.id, data: { email: 'xavier@example.test', role: 'TEACHER', fromFile: true } },
    ]);

    await runJobs();
    const sent = await db.emailMessage.findMany({ orderBy: { to: 'asc' }, select: { to: true, subject: true, text: true } });
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      ['new.one@example.test', 'Lee Leader invited you to North Elementary on Microcred'],
      ['new.two@example.test', 'Lee Leader invited you to Kettle Moraine on Microcred'],
      ['xavier@example.test', 'Lee Leader invited you to South Middle on Microcred'],
    ]);
    expect(sent[0].text).toMatch(/^Hello New One,\n\nLee Leader invited you to join North Elementary as a teacher\.\n\nAccept the invitation here \(the link works once, for 14 days\):\nhttp:\/\/127\.0\.0\.1:3100\/invitations\//);
    expect(sent[1].text).toMatch(/^Hello,\n/);
    // Each job ran once: running the queue again sends nothing more.
    await runJobs();
    expect(await db.emailMessage.count()).toBe(3);

    // A new teacher lands at the school named in the file; a teacher of another district moves.
    const { userId } = await acceptInvitation({ token: await invitationTokenFor('new.one@example.test'), newAccount: { name: 'New One', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true, schoolId: true, emailVerified: true } })).toMatchObject({ districtId: w.district.id, schoolId: w.north.id, emailVerified: expect.any(Date) });
    await acceptInvitation({ token: await invitationTokenFor('xavier@example.test'), actor: w.xavier });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.xavier.id }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.district.id, schoolId: w.south.id });
    // Ann, already in the district, was left as she was.
    expect(await db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.district.id, schoolId: w.north.id });
  });

  it('refuses a leader of another district and anyone who leads none, writing nothing; the page sends them away', async () => {
    const w = await world();
    const file = csv('new.one@example.test,New One,North Elementary');
    await expect(previewBulkInvite({ actor: w.otherLeader, districtId: w.district.id, csv: file })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(inviteTeachersFromFile({ actor: w.otherLeader, districtId: w.district.id, csv: file })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(inviteTeachersFromFile({ actor: w.ann, districtId: w.district.id, csv: file })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Through the action too, whatever district id the form carries.
    session.actor = w.otherLeader;
    const refused = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'invite', checked: fingerprintInviteCsv(file), csv: file }));
    expect(refused).toEqual({ ok: false, formError: 'You do not lead that district.' });
    expect(await db.invitation.count()).toBe(0);
    expect(await db.job.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.rateLimit.count()).toBe(0);

    // Their own district's check cannot reach this district's schools either.
    const own = await previewBulkInvite({ actor: w.otherLeader, districtId: w.other.id, csv: file });
    expect(own.rows[0]).toMatchObject({ status: 'problem', errors: ['Elsewhere has no school called “North Elementary”. Its schools are Elsewhere High.'] });

    // The page: another district's leader and a teacher are sent to the forbidden page.
    session.actor = w.otherLeader;
    expect(await redirectOf(render(BulkInvitePage(sp({ district: w.district.id }))))).toBe('/forbidden');
    session.actor = w.ann;
    expect(await redirectOf(render(BulkInvitePage(sp())))).toBe('/forbidden');
    // Their own leader sees the district's schools and the form; the People page links to it.
    session.actor = w.leader;
    const html = await render(BulkInvitePage(sp()));
    expect(html).toContain('Schools in Kettle Moraine: North Elementary, South Middle.');
    expect(html).toContain('name="districtId" value="' + w.district.id + '"');
    expect(await render(DistrictPeoplePage(sp()))).toContain('href="/district/people/invite"');
  });

  it('sending the same file again, one after the other or at the same moment, invites and emails each teacher once', async () => {
    const w = await world();
    const file = csv('new.one@example.test,New One,North Elementary', 'new.two@example.test,New Two,');
    expect(await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: file })).toMatchObject({ invited: 2 });
    expect(await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: file })).toEqual({ invited: 0, members: 0, alreadyInvited: 2, limited: [] });
    const again = await previewBulkInvite({ actor: w.leader, districtId: w.district.id, csv: file });
    expect(again.rows.map((r) => r.status)).toEqual(['invited', 'invited']);
    expect(again.rows[0].notes[0]).toMatch(/^Already invited to North Elementary \(the link works until .*\), so not invited again\. To send the email again, use Resend/);

    // A double click: both requests run at once.
    const both = csv('three@example.test,Three,South Middle', 'four@example.test,Four,');
    const results = await Promise.all([
      inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: both }),
      inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: both }),
    ]);
    expect(results.map((r) => r.invited).sort()).toEqual([0, 2]);
    expect(results.map((r) => r.alreadyInvited).sort()).toEqual([0, 2]);

    expect((await fileInvitations()).map((i) => i.email)).toEqual(['four@example.test', 'new.one@example.test', 'new.two@example.test', 'three@example.test']);
    expect(await db.job.count({ where: { type: INVITATION_EMAIL_JOB } })).toBe(4);
    expect(await db.auditLog.count({ where: { action: 'people.invite' } })).toBe(4);
    // The request that found the invitations made gives back its count against each address.
    expect(await db.rateLimit.findMany({ orderBy: { key: 'asc' }, select: { key: true, count: true } })).toEqual([
      { key: 'invite:four@example.test', count: 1 },
      { key: 'invite:new.one@example.test', count: 1 },
      { key: 'invite:new.two@example.test', count: 1 },
      { key: 'invite:three@example.test', count: 1 },
    ]);
    await runJobs();
    expect(await db.emailMessage.count()).toBe(4);
  });

  it('a file with a wrong row invites nobody and says which rows, as the page explains', async () => {
    const w = await world();
    const file = csv('new.one@example.test,New One,North Elementary', 'not-an-address,Bad,', 'new.two@example.test,New Two,Elsewhere High', 'new.one@example.test,Again,');
    const error = await errorOf(inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: file }));
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: '3 rows have problems. Nobody was invited; fix the file and check it again.',
      fieldErrors: {
        'line 3': ['“not-an-address” is not a valid email address.'],
        'line 4': ['Kettle Moraine has no school called “Elsewhere High”. Its schools are North Elementary and South Middle.'],
        'line 5': ['The same email address as line 2: each teacher is listed once.'],
      },
    });
    expect(await db.invitation.count()).toBe(0);
    expect(await db.job.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.rateLimit.count()).toBe(0);

    // Through the form: the check lists every row; no invite step is offered while a row is wrong.
    session.actor = w.leader;
    const checked = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'preview', csv: file }));
    expect(checked).toMatchObject({ ok: true, data: { step: 'preview', counts: { rows: 4, invite: 1, problem: 3 }, summary: '3 of 4 rows have problems. Nothing is sent while any row is wrong: fix the file and check it again.', notice: null } });
    // Posting "invite" anyway (a stale page, a crafted request) shows the rows again, invites nobody.
    const forced = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'invite', checked: fingerprintInviteCsv(file), csv: file }));
    expect(forced).toMatchObject({ ok: true, data: { step: 'preview', notice: '3 rows have problems. Nobody was invited; fix the file and check it again.' } });
    expect(await db.invitation.count()).toBe(0);

    // Fixed: the invite step sends only for the text the check showed.
    const fixed = csv('new.one@example.test,New One,North Elementary', 'new.two@example.test,New Two,');
    const stale = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'invite', checked: fingerprintInviteCsv(file), csv: fixed }));
    expect(stale).toMatchObject({ ok: true, data: { step: 'preview', notice: 'The list changed since it was checked, so nobody was invited. Check the rows below, then invite.', counts: { invite: 2, problem: 0 } } });
    expect(await db.invitation.count()).toBe(0);
    const preview = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'preview', csv: fixed.replaceAll('\n', '\r\n') }));
    const fingerprint = preview.ok && preview.data?.step === 'preview' ? preview.data.checked : '';
    const done = await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'invite', checked: fingerprint, csv: fixed.replaceAll('\n', '\r\n') }));
    expect(done).toEqual({ ok: true, message: 'Invited 2 teachers; the emails are on their way, and each link works for 14 days.', data: { step: 'done', outcome: { invited: 2, members: 0, alreadyInvited: 0, limited: [] } } });
    expect(await db.invitation.count()).toBe(2);

    // An empty form and an unreadable file are answered on their fields.
    expect(await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'preview', csv: '  ' }))).toMatchObject({ ok: false, fieldErrors: { csv: ['Choose a CSV file or paste the list.'] } });
    expect(await bulkInviteAction({ ok: true }, form({ districtId: w.district.id, intent: 'preview', csv: 'mail\nx@y.org' }))).toMatchObject({ ok: true, data: { fileError: expect.stringMatching(/No column is called “email”/), rows: [] } });
  });

  it('skips teachers already in the district and open invitations (one at a time or from a file), inviting the rest', async () => {
    const w = await world();
    const bo = await createActor({ name: 'Bo District-wide', email: 'bo@example.test', districtId: w.district.id });
    await db.membership.create({ data: { userId: bo.id, organizationId: w.district.id, role: 'TEACHER' } });
    await inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'pending@example.test', role: 'TEACHER' });
    // An open invitation of another district, or a cancelled one here, does not count.
    await inviteMember({ actor: w.otherLeader, organizationId: w.other.id, email: 'elsewhere@example.test', role: 'TEACHER' });
    const { invitationId } = await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'cancelled@example.test', role: 'TEACHER' });
    await cancelInvitation({ actor: w.leader, invitationId });
    const asking = await createActor({ email: 'asking@example.test' });
    await db.user.update({ where: { id: asking.id }, data: { requestedDistrictId: w.district.id, districtRequestedAt: new Date() } });

    const file = csv('ann@example.test,Ann,', 'bo@example.test,Bo,North Elementary', 'pending@example.test,Pending,', 'elsewhere@example.test,Elsewhere,', 'cancelled@example.test,Cancelled,', 'asking@example.test,Asking,South Middle');
    const preview = await previewBulkInvite({ actor: w.leader, districtId: w.district.id, csv: file });
    expect(preview.rows.map((r) => [r.email, r.status])).toEqual([
      ['ann@example.test', 'member'],
      ['bo@example.test', 'member'],
      ['pending@example.test', 'invited'],
      ['elsewhere@example.test', 'invite'],
      ['cancelled@example.test', 'invite'],
      ['asking@example.test', 'invite'],
    ]);
    expect(preview.rows[1].notes).toEqual(['Already a teacher in Kettle Moraine (district-wide), so not invited again. To move them to North Elementary, use the Teachers page.']);
    expect(preview.rows[2].notes[0]).toMatch(/^Already invited to South Middle .* To invite them to Kettle Moraine as a whole instead, cancel that invitation on the People page, then check the file again\.$/);
    expect(preview.rows[5].notes).toEqual(['Asked to join Kettle Moraine: accepting the invitation also answers that request.']);

    expect(await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: file })).toEqual({ invited: 3, members: 2, alreadyInvited: 1, limited: [] });
    expect(await db.invitation.count({ where: { email: { in: ['ann@example.test', 'bo@example.test'] } } })).toBe(0);
    expect(await db.invitation.count({ where: { email: 'pending@example.test' } })).toBe(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: bo.id }, select: { schoolId: true } })).toEqual({ schoolId: null });

    // Accepting answers the request to join, at the school the file named.
    await runJobs();
    await acceptInvitation({ token: await invitationTokenFor('asking@example.test'), actor: (await loadActor(asking.id))! });
    expect(await db.user.findUniqueOrThrow({ where: { id: asking.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true } })).toEqual({ districtId: w.district.id, schoolId: w.south.id, requestedDistrictId: null });
  });

  it('counts against each address’s daily invitations: an address invited too often that day is left out and named', async () => {
    const w = await world();
    await db.rateLimit.create({ data: { key: 'invite:busy@example.test', count: 10, windowStart: new Date() } });
    const outcome = await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('busy@example.test,Busy,', 'calm@example.test,Calm,') });
    expect(outcome).toEqual({ invited: 1, members: 0, alreadyInvited: 0, limited: ['busy@example.test'] });
    expect((await fileInvitations()).map((i) => i.email)).toEqual(['calm@example.test']);
  });

  it('the email job sends once: nothing after a cancel, nothing more after a Resend, and a failed send is retried with a working link', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('gone@example.test,,', 'resent@example.test,,', 'later@example.test,,') });
    const idOf = async (email: string) => (await db.invitation.findFirstOrThrow({ where: { email }, select: { id: true } })).id;
    await cancelInvitation({ actor: w.leader, invitationId: await idOf('gone@example.test') });
    await resendInvitation({ actor: w.leader, invitationId: await idOf('resent@example.test') });

    mail.down = true;
    await runJobs();
    expect(await db.emailMessage.findMany({ select: { to: true } })).toEqual([{ to: 'resent@example.test' }]);
    // The failed one waits for its retry; nobody has its link yet.
    const failed = await db.job.findFirstOrThrow({ where: { completedAt: null }, select: { payload: true, lastError: true } });
    expect(failed).toMatchObject({ payload: { invitationId: await idOf('later@example.test') }, lastError: 'SMTP unavailable' });

    mail.down = false;
    await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
    await runJobs();
    expect((await db.emailMessage.findMany({ orderBy: { to: 'asc' }, select: { to: true } })).map((m) => m.to)).toEqual(['later@example.test', 'resent@example.test']);
    const { userId } = await acceptInvitation({ token: await invitationTokenFor('later@example.test'), newAccount: { name: 'Later', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true } })).toEqual({ districtId: w.district.id });
  });
});

// The server can die in the middle of the email job: after the invitation's link is stored, before
// the email leaves. The queue then runs the job again (the dead worker never marked it done). The
// retry must email a link that works, never a second, different one, and nothing after a Resend.
describe('the email job run again after the server died', () => {
  const linkIn = (text: string) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(text)![1];
  const jobsOf = () => db.job.findMany({ where: { type: INVITATION_EMAIL_JOB }, orderBy: { createdAt: 'asc' }, select: { payload: true } });
  const hashOf = async (email: string) => (await db.invitation.findFirstOrThrow({ where: { email }, select: { tokenHash: true } })).tokenHash;

  /** Runs the job for `payload` up to the moment it would hand the email to the mail server, and no further. */
  async function dieBeforeSending(payload: Parameters<(typeof jobHandlers)[string]>[0]) {
    const reached = new Promise<void>((resolve) => {
      mail.dieOnSend = resolve;
    });
    void jobHandlers[INVITATION_EMAIL_JOB](payload);
    await reached;
  }

  it('emails the link the first run had stored, and that link accepts the invitation', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('cass@example.test,Cass Crash,North Elementary') });
    const [job] = await jobsOf();
    const placeholder = (job.payload as { tokenHash: string }).tokenHash;
    await dieBeforeSending(job.payload);
    // The first run stored the link, and died before anyone was emailed.
    expect(await hashOf('cass@example.test')).not.toBe(placeholder);
    expect(await db.emailMessage.count()).toBe(0);

    await runJobs();
    const sent = await db.emailMessage.findMany({ select: { to: true, subject: true } });
    expect(sent).toEqual([{ to: 'cass@example.test', subject: 'Lee Leader invited you to North Elementary on Microcred' }]);
    const token = await invitationTokenFor('cass@example.test');
    expect(await getInvitation(token)).toMatchObject({ state: 'open', email: 'cass@example.test' });
    const { userId } = await acceptInvitation({ token, newAccount: { name: 'Cass Crash', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.district.id, schoolId: w.north.id });
  });

  it('after the email went out (the server died before the job was marked done) sends the same link again, not a second one', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('twice@example.test,,') });
    await runJobs();
    const hashAfterFirst = await hashOf('twice@example.test');
    // The job is due again, as if its worker had died after sending.
    await db.job.updateMany({ where: { type: INVITATION_EMAIL_JOB }, data: { completedAt: null, runAt: new Date() } });
    await runJobs();

    // The job cannot tell that the first email left, so it is sent again: the same link, still working.
    const mails = await db.emailMessage.findMany({ where: { to: 'twice@example.test' }, select: { text: true } });
    expect(mails).toHaveLength(2);
    expect(linkIn(mails[1].text)).toBe(linkIn(mails[0].text));
    expect(await hashOf('twice@example.test')).toBe(hashAfterFirst);
    await acceptInvitation({ token: linkIn(mails[0].text), newAccount: { name: 'Twice', password: 'a long enough password' } });
    expect(await fileInvitations()).toEqual([expect.objectContaining({ email: 'twice@example.test', acceptedAt: expect.any(Date) })]);
  });

  it('sends nothing for an invitation the leader resent in the meantime, whose Resend link alone works; the others still go out', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('resent@example.test,,', 'waiting@example.test,,') });
    for (const job of await jobsOf()) await dieBeforeSending(job.payload);
    expect(await db.emailMessage.count()).toBe(0);

    // Nobody has had an email, so the leader presses Resend for one of them.
    const resent = await db.invitation.findFirstOrThrow({ where: { email: 'resent@example.test' }, select: { id: true } });
    await resendInvitation({ actor: w.leader, invitationId: resent.id });
    const resendHash = await hashOf('resent@example.test');
    await runJobs();

    const mails = await db.emailMessage.findMany({ orderBy: { to: 'asc' }, select: { to: true, text: true } });
    expect(mails.map((m) => m.to)).toEqual(['resent@example.test', 'waiting@example.test']);
    // The only email to the resent address is the Resend's, and the job left its link as it was.
    expect(mails[0].text).toContain('This link replaces the one in any earlier invitation email');
    expect(await hashOf('resent@example.test')).toBe(resendHash);
    expect(await getInvitation(linkIn(mails[0].text))).toMatchObject({ state: 'open', email: 'resent@example.test' });
    // The other invitation's retry sent its stored link, which works.
    expect(mails[1].text).not.toContain('This link replaces');
    expect(await getInvitation(linkIn(mails[1].text))).toMatchObject({ state: 'open', email: 'waiting@example.test' });
  });

  it('fails, so the People page says it could not be sent, when the stored link is one this server did not make (the secret changed) and nobody resent it', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: csv('rotated@example.test,,') });
    const [job] = await jobsOf();
    // As after a run under another AUTH_SECRET: a hash neither the placeholder nor this server's link.
    await db.invitation.updateMany({ where: { email: 'rotated@example.test' }, data: { tokenHash: 'a'.repeat(64) } });
    await expect(jobHandlers[INVITATION_EMAIL_JOB](job.payload)).rejects.toThrow(/did not make/);
    expect(await db.emailMessage.count()).toBe(0);
    // Once the leader resends it, the job has nothing to do and ends quietly.
    const inv = await db.invitation.findFirstOrThrow({ where: { email: 'rotated@example.test' }, select: { id: true } });
    await resendInvitation({ actor: w.leader, invitationId: inv.id });
    await expect(jobHandlers[INVITATION_EMAIL_JOB](job.payload)).resolves.toBeUndefined();
  });
});
