// The open-invitations lists on /district/people and /admin/people (listDistrictInvitations,
// listPendingInvitations, components/admin/open-invitations.tsx): a page at a time with the total,
// searchable by email, never another district's; and for invitations made from a file, whether
// their email has not gone out. Real Postgres and the real job queue.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg } from '../factories';
import { listDistrictInvitations } from '@/lib/district/people';
import { INVITATIONS_PAGE_SIZE, listPendingInvitations } from '@/lib/people/queries';
import { inviteMember, resendInvitation } from '@/lib/people/mutations';
import { INVITATION_EMAIL_JOB, inviteTeachersFromFile } from '@/lib/people/bulk-invite';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';

// An outage of the mail server, switched on by a test; otherwise the real sender (the outbox table).
const mail = vi.hoisted(() => ({ down: false }));
vi.mock('@/lib/email/send', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/email/send')>();
  return {
    ...real,
    sendEmail: async (o: Parameters<typeof real.sendEmail>[0]) => {
      if (mail.down) throw new Error('SMTP unavailable: 421 smtp.internal.example:587 auth user mailer@example');
      return real.sendEmail(o);
    },
  };
});
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: DistrictPeoplePage } = await import('@/app/district/people/page');
const { default: AdminPeoplePage } = await import('@/app/admin/people/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  mail.down = false;
});

const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
const cursorIn = (href: string) => new URL(href, 'http://x').searchParams.get('invcursor');
/** The text of the list row that names `email`. */
const rowOf = (html: string, email: string) => textOf([...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]).find((li) => li.includes(`${email} ·`)) ?? '');

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const teacher = await createActor({ districtId: district.id });
  return { district, north, other, otherSchool, leader, otherLeader, teacher };
}

const DAY = 86_400_000;
const base = new Date('2030-01-01T09:00:00Z');

/**
 * `n` open invitations to `orgIds` in turn, one minute apart (the last made newest), and three of
 * them at the same moment, so the keyset's tie on createdAt is broken by id.
 */
async function openInvitations(n: number, orgIds: string[], invitedById: string, prefix: string) {
  for (let k = 0; k < n; k++) {
    const createdAt = new Date(base.getTime() + (k < 3 ? 0 : k) * 60_000);
    await db.invitation.create({
      data: { email: `${prefix}${String(k).padStart(2, '0')}@example.test`, organizationId: orgIds[k % orgIds.length], role: 'TEACHER', tokenHash: `${prefix}-${k}`, invitedById, createdAt, expiresAt: new Date(createdAt.getTime() + 14 * DAY) },
    });
  }
}

describe('the district’s open invitations, a page at a time', () => {
  it('pages beyond 25 with the total, newest first, each once; closed ones and another district’s never appear', async () => {
    const w = await world();
    await openInvitations(31, [w.district.id, w.north.id], w.leader.id, 'staff');
    await openInvitations(5, [w.other.id, w.otherSchool.id], w.otherLeader.id, 'elsewhere');
    // Accepted, and run out: not open.
    await db.invitation.create({ data: { email: 'accepted@example.test', organizationId: w.north.id, role: 'TEACHER', tokenHash: 'acc', invitedById: w.leader.id, expiresAt: new Date(base.getTime() + 14 * DAY), acceptedAt: base } });
    await db.invitation.create({ data: { email: 'expired@example.test', organizationId: w.district.id, role: 'TEACHER', tokenHash: 'exp', invitedById: w.leader.id, expiresAt: new Date(base.getTime() - DAY) } });
    const now = new Date(base.getTime() + DAY);

    const first = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now });
    expect(first.items).toHaveLength(INVITATIONS_PAGE_SIZE);
    expect(first).toMatchObject({ total: 31, before: 0 });
    expect(first.items[0].email).toBe('staff30@example.test');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, cursor: first.nextCursor! });
    expect(second).toMatchObject({ total: 31, before: 25, nextCursor: null });
    const emails = [...first.items, ...second.items].map((i) => i.email);
    // Every open invitation once, newest first; the three made at the same moment each appear once.
    expect(emails).toHaveLength(31);
    expect(new Set(emails).size).toBe(31);
    expect(emails.slice(0, 28)).toEqual(Array.from({ length: 28 }, (_, k) => `staff${String(30 - k).padStart(2, '0')}@example.test`));
    expect(emails.slice(28).sort()).toEqual(['staff00@example.test', 'staff01@example.test', 'staff02@example.test']);
    expect(emails.some((e) => /elsewhere|accepted|expired/.test(e))).toBe(false);
    // A cursor that is not one of ours starts again from the first page.
    expect((await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, cursor: 'not-a-cursor' })).items[0].email).toBe('staff30@example.test');

    // Another district's leader, and a teacher, are refused; the other leader sees only their own.
    await expect(listDistrictInvitations({ actor: w.otherLeader, districtId: w.district.id, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listDistrictInvitations({ actor: w.teacher, districtId: w.district.id, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const theirs = await listDistrictInvitations({ actor: w.otherLeader, districtId: w.other.id, now });
    expect(theirs.total).toBe(5);
    expect(theirs.items.every((i) => i.email.startsWith('elsewhere'))).toBe(true);
    // A cursor from this district's list shows nothing of it in another's.
    const crossed = await listDistrictInvitations({ actor: w.otherLeader, districtId: w.other.id, now, cursor: first.nextCursor! });
    expect(crossed.items.every((i) => i.email.startsWith('elsewhere'))).toBe(true);
  });

  it('searches by email, on the server: the total counts the matches, and paging keeps the search', async () => {
    const w = await world();
    await openInvitations(30, [w.district.id, w.north.id], w.leader.id, 'staff');
    await openInvitations(3, [w.north.id], w.leader.id, 'MixedCase.Smith');
    await openInvitations(2, [w.otherSchool.id], w.otherLeader.id, 'smith.elsewhere');
    const now = new Date(base.getTime() + DAY);

    const found = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, q: '  SMITH ' });
    expect(found).toMatchObject({ total: 3, before: 0, nextCursor: null });
    expect(found.items.map((i) => i.email).sort()).toEqual(['MixedCase.Smith00@example.test', 'MixedCase.Smith01@example.test', 'MixedCase.Smith02@example.test']);
    expect((await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, q: 'nobody' })).total).toBe(0);

    const staff = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, q: 'staff' });
    expect(staff).toMatchObject({ total: 30 });
    const rest = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id, now, q: 'staff', cursor: staff.nextCursor! });
    expect(rest.items.map((i) => i.email).every((e) => e.startsWith('staff'))).toBe(true);
    expect(rest).toMatchObject({ total: 30, before: 25, nextCursor: null });
    expect(rest.items).toHaveLength(5);
  });

  it('the page says how many, links to the next page and back, and searches, with names of their own', async () => {
    const w = await world();
    // Made now, so they are open on the page (which reads the clock).
    const made = Date.now();
    for (let k = 0; k < 27; k++) {
      await db.invitation.create({ data: { email: `p${String(k).padStart(2, '0')}@example.test`, organizationId: w.north.id, role: 'TEACHER', tokenHash: `p-${k}`, invitedById: w.leader.id, createdAt: new Date(made - k * 60_000), expiresAt: new Date(made + 14 * DAY) } });
    }
    session.actor = w.leader;
    const html = await render(DistrictPeoplePage(sp()));
    const text = textOf(html);
    expect(text).toContain('Showing 1–25 of 27 open invitations, newest first.');
    expect(html).toContain('<nav aria-label="Pages of open invitations"');
    expect(text).toContain('Next page of open invitations →');
    expect(html).toMatch(/<form role="search" aria-label="Search open invitations"[^>]*action="\/district\/people#open-invitations-h" method="get">/);
    expect(html).toMatch(/<label for="open-invitations-q"[^>]*>Email address, or part of it<\/label>/);
    expect(html).toContain('name="invq"');
    const next = hrefsOf(html).find((h) => h.includes('invcursor='))!;
    expect(next).toMatch(/^\/district\/people\?invcursor=[^&#]+#open-invitations-h$/);

    const page2 = await render(DistrictPeoplePage(sp({ invcursor: cursorIn(next)! })));
    expect(textOf(page2)).toContain('Showing 26–27 of 27 open invitations, newest first.');
    expect(textOf(page2)).toContain('← First page of open invitations');
    expect(textOf(page2)).toContain('p26@example.test');
    expect(textOf(page2)).not.toContain('p00@example.test');
    expect(hrefsOf(page2)).toContain('/district/people#open-invitations-h');

    const searched = textOf(await render(DistrictPeoplePage(sp({ invq: 'p2' }))));
    expect(searched).toContain('7 open invitations to an address containing “p2”. Show all open invitations');
    const none = textOf(await render(DistrictPeoplePage(sp({ invq: 'zzz' }))));
    expect(none).toContain('No open invitation to an address containing “zzz”.');
    // A long query is cut by the page's zod schema, not refused.
    expect(textOf(await render(DistrictPeoplePage(sp({ invq: 'x'.repeat(500) }))))).toContain('Open invitations');

    // A short list has neither the search nor the links.
    await db.invitation.deleteMany({ where: { email: { not: 'p00@example.test' } } });
    const short = await render(DistrictPeoplePage(sp()));
    expect(textOf(short)).toContain('1 open invitation, newest first.');
    expect(short).not.toContain('Search open invitations');
    expect(short).not.toContain('Pages of open invitations');
  });
});

describe('the email of an invitation made from a file', () => {
  const jobOf = async (email: string) => {
    const inv = await db.invitation.findFirstOrThrow({ where: { email }, select: { id: true } });
    return db.job.findFirstOrThrow({ where: { type: INVITATION_EMAIL_JOB, payload: { path: ['invitationId'], equals: inv.id } } });
  };
  const statusOf = async (actor: Awaited<ReturnType<typeof createActor>>, districtId: string) =>
    Object.fromEntries((await listDistrictInvitations({ actor, districtId })).items.map((i) => [i.email, i.emailStatus]));
  /** Runs the queue until nothing is due, making every retry due at once. */
  async function runJobsToTheEnd() {
    for (let k = 0; k < 10; k++) {
      while ((await runDueJobs(jobHandlers, 50)) > 0);
      await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date(Date.now() - 1000) } });
    }
  }

  it('is “waiting” while its job is to run, “could not be sent” once given up, neither once sent, resent, or sent in the request', async () => {
    const w = await world();
    await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'one.at.a.time@example.test', role: 'TEACHER' });
    const csv = ['email,name,school', 'fails@example.test,Fay Fails,North Elementary', 'resent@example.test,,', 'pending@example.test,,'].join('\n');
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv });
    expect(await statusOf(w.leader, w.district.id)).toEqual({
      'one.at.a.time@example.test': null,
      'fails@example.test': 'waiting',
      'resent@example.test': 'waiting',
      'pending@example.test': 'waiting',
    });

    // The mail server is down for good: the queue gives up on the three.
    mail.down = true;
    const pending = await jobOf('pending@example.test');
    await db.job.update({ where: { id: pending.id }, data: { runAt: new Date(Date.now() + 3_600_000) } });
    const placeholder = ((await jobOf('fails@example.test')).payload as { tokenHash: string }).tokenHash;
    for (let k = 0; k < 10; k++) {
      while ((await runDueJobs(jobHandlers, 50)) > 0);
      await db.job.updateMany({ where: { completedAt: null, id: { not: pending.id } }, data: { runAt: new Date(Date.now() - 1000) } });
    }
    const failed = await jobOf('fails@example.test');
    expect(failed).toMatchObject({ completedAt: null, attempts: failed.maxAttempts, lastError: expect.stringContaining('SMTP') });
    // The failed sends had already put the job's own link in place of the placeholder: the
    // invitation's hash alone cannot tell this from a Resend.
    expect((await db.invitation.findFirstOrThrow({ where: { email: 'fails@example.test' } })).tokenHash).not.toBe(placeholder);
    expect(await statusOf(w.leader, w.district.id)).toMatchObject({ 'fails@example.test': 'failed', 'resent@example.test': 'failed', 'pending@example.test': 'waiting' });

    // The page says so in words, beside the Resend button, and nothing of the error.
    session.actor = w.leader;
    const html = await render(DistrictPeoplePage(sp()));
    expect(rowOf(html, 'fails@example.test')).toMatch(/^fails@example\.test · Teacher · North Elementary expires [^·]+? Email could not be sent — use Resend Cancel the invitation to fails@example\.test[\s\S]*Resend the invitation to fails@example\.test/);
    expect(rowOf(html, 'pending@example.test')).toMatch(/pending@example\.test · Teacher · Kettle Moraine expires [^·]+? Email waiting to be sent Cancel/);
    expect(rowOf(html, 'one.at.a.time@example.test')).toMatch(/one\.at\.a\.time@example\.test · Teacher · Kettle Moraine expires/);
    expect(rowOf(html, 'one.at.a.time@example.test')).not.toMatch(/Email (waiting|could)/);
    expect(html).not.toContain('SMTP');
    expect(html).not.toContain('smtp.internal');

    // A Resend that goes out: its invitation's warning goes; the others stay.
    mail.down = false;
    const resentId = (await db.invitation.findFirstOrThrow({ where: { email: 'resent@example.test' } })).id;
    expect(await resendInvitation({ actor: w.leader, invitationId: resentId })).toMatchObject({ emailed: true });
    expect(await statusOf(w.leader, w.district.id)).toMatchObject({ 'fails@example.test': 'failed', 'resent@example.test': null, 'pending@example.test': 'waiting' });
    const after = await render(DistrictPeoplePage(sp()));
    expect(rowOf(after, 'resent@example.test')).toContain('resent@example.test · Teacher · Kettle Moraine');
    expect(rowOf(after, 'resent@example.test')).not.toMatch(/Email (waiting|could)/);
    expect(rowOf(after, 'fails@example.test')).toContain('Email could not be sent — use Resend');

    // A Resend before the job ran: nothing left waiting either (the job will send nothing).
    const pendingId = (await db.invitation.findFirstOrThrow({ where: { email: 'pending@example.test' } })).id;
    await resendInvitation({ actor: w.leader, invitationId: pendingId });
    expect((await statusOf(w.leader, w.district.id))['pending@example.test']).toBeNull();

    // The job sends once the mail server is back: no status once done.
    await db.job.update({ where: { id: failed.id }, data: { attempts: 0, runAt: new Date(Date.now() - 1000) } });
    await runJobsToTheEnd();
    expect(await statusOf(w.leader, w.district.id)).toEqual({ 'one.at.a.time@example.test': null, 'fails@example.test': null, 'resent@example.test': null, 'pending@example.test': null });
  });

  it('a job on its last attempt, still running, is “waiting”, not given up', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: 'email\nlast.try@example.test' });
    const job = await jobOf('last.try@example.test');
    await db.job.update({ where: { id: job.id }, data: { attempts: job.maxAttempts, lockedAt: new Date(), lockedBy: 'worker-1' } });
    expect((await statusOf(w.leader, w.district.id))['last.try@example.test']).toBe('waiting');
    await db.job.update({ where: { id: job.id }, data: { lockedAt: null, lockedBy: null, lastError: 'x' } });
    expect((await statusOf(w.leader, w.district.id))['last.try@example.test']).toBe('failed');
  });

  it('a leader sees the statuses of their own district’s invitations only', async () => {
    const w = await world();
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: 'email\nmine@example.test' });
    await inviteTeachersFromFile({ actor: w.otherLeader, districtId: w.other.id, csv: 'email\ntheirs@example.test' });
    await db.job.updateMany({ data: { attempts: 5, maxAttempts: 5 } });
    expect(await statusOf(w.leader, w.district.id)).toEqual({ 'mine@example.test': 'failed' });
    expect(await statusOf(w.otherLeader, w.other.id)).toEqual({ 'theirs@example.test': 'failed' });
    await expect(listDistrictInvitations({ actor: w.otherLeader, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    session.actor = w.otherLeader;
    const theirPage = textOf(await render(DistrictPeoplePage(sp())));
    expect(theirPage).toContain('theirs@example.test');
    expect(theirPage).not.toContain('mine@example.test');
  });
});

describe('the issuer’s open invitations', () => {
  it('pages beyond 25 with the total, searches by email, and only the issuer’s own', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    const made = Date.now();
    for (let k = 0; k < 60; k++) {
      await db.invitation.create({ data: { email: `reviewer${String(k).padStart(2, '0')}@example.test`, organizationId: issuer.id, role: 'REVIEWER', tokenHash: `r-${k}`, invitedById: admin.id, createdAt: new Date(made - k * 60_000), expiresAt: new Date(made + 14 * DAY) } });
    }
    await db.invitation.create({ data: { email: 'other@example.test', organizationId: otherIssuer.id, role: 'REVIEWER', tokenHash: 'o', invitedById: otherAdmin.id, expiresAt: new Date(made + 14 * DAY) } });

    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await listPendingInvitations({ actor: admin, organizationId: issuer.id, cursor });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => [p.items.length, p.total, p.before])).toEqual([[25, 60, 0], [25, 60, 25], [10, 60, 50]]);
    expect(pages.flatMap((p) => p.items.map((i) => i.email))).toEqual(Array.from({ length: 60 }, (_, k) => `reviewer${String(k).padStart(2, '0')}@example.test`));

    expect(await listPendingInvitations({ actor: admin, organizationId: issuer.id, q: 'REVIEWER5' })).toMatchObject({ total: 10, nextCursor: null });
    await expect(listPendingInvitations({ actor: otherAdmin, organizationId: issuer.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The page keeps the members list's own search when paging the invitations.
    session.actor = admin;
    const html = await render(AdminPeoplePage(sp({ q: 'ada' })));
    expect(textOf(html)).toContain('Showing 1–25 of 60 open invitations, newest first.');
    const next = hrefsOf(html).find((h) => h.includes('invcursor='))!;
    expect(next).toMatch(/^\/admin\/people\?q=ada&invcursor=[^&#]+#open-invitations-h$/);
    // The members list's pagination and the invitations' are two navigation regions with names of their own.
    const page3 = textOf(await render(AdminPeoplePage(sp({ invcursor: pages[1].nextCursor! }))));
    expect(page3).toContain('Showing 51–60 of 60 open invitations, newest first.');
    expect(page3).not.toContain('other@example.test');

    // And the other way round: searching the members keeps the invitations' search and page.
    const both = await render(AdminPeoplePage(sp({ invq: 'reviewer1', invcursor: 'c1' })));
    const membersSearch = both.match(/<form[^>]*aria-label="Search people"[^>]*>([\s\S]*?)<\/form>/)![1];
    expect(membersSearch).toContain('<input type="hidden" name="invq" value="reviewer1"/>');
    expect(membersSearch).toContain('<input type="hidden" name="invcursor" value="c1"/>');
  });
});
