// Stack progress outside the stack page: the batched list of stacks a teacher is building
// (lib/awards/stack-progress.ts) as the dashboard and My badges show it, the "Counts toward" line of
// the award notification (lib/awards/issue.ts), and the dashboard's "Continue to Level N" once a
// track's level is earned. Badges issued, suspended and revoked by the real domain code; pages
// rendered from the real pages, with only who is signed in set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf, textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { createStack, createTrack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { listStacksInProgress, stackCountSentence, stacksCountingToward } from '@/lib/awards/stack-progress';
import { getNextTrackLevels } from '@/lib/catalog/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: DashboardPage } = await import('@/app/dashboard/page');
const { default: BadgesPage } = await import('@/app/badges/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
/** 24-month badges issued on ISSUED expire on 2027-01-15; renewal opens 90 days before. */
const IN_WINDOW = new Date(new Date('2027-01-15T10:00:00Z').getTime() - 30 * DAY);

/** The teacher earns a micro-credential (the review flow is tested elsewhere) and its badge is issued. */
async function earn(teacher: Actor, microCredentialId: string, now = ISSUED) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED', publicSummary: 'Students revised lab reports from feedback.' } });
  return (await issueAwardForSubmission(sub.id, { now })).awardId;
}

/** Four micro-credentials of one issuer, titled A to D. */
async function fourCredentials() {
  const a = await createPublishedCredential({ def: { title: 'Exit Tickets', expiryMonths: 24 } });
  const more = [];
  for (const title of ['Socratic Seminars', 'Peer Feedback', 'Learning Walks']) more.push(await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title, expiryMonths: 24 } }));
  const [b, c, d] = more.map((m) => m.mc);
  return { admin: a.admin, issuer: a.issuer, a: a.mc, b, c, d };
}

const stack = (admin: Actor, issuerId: string, slug: string, title: string, parts: { slug: string }[], publish = true) =>
  createStack({ actor: admin, issuerId, publish, def: { slug, title, summary: 'Parts.', microCredentials: parts.map((p) => p.slug) } });


describe('stacks a teacher is building, all at once', () => {
  it('lists published stacks with a valid part held and one missing, counts only valid parts, and names the next missing part', async () => {
    const c = await fourCredentials();
    const three = await stack(c.admin, c.issuer.id, 'three-parts', 'Three Parts', [c.a, c.b, c.c]);
    const pair = await stack(c.admin, c.issuer.id, 'pair', 'Pair', [c.c, c.a]);
    const done = await stack(c.admin, c.issuer.id, 'done', 'Done', [c.a, c.b]);
    await stack(c.admin, c.issuer.id, 'draft-stack', 'Draft Stack', [c.a, c.d], false);
    await stack(c.admin, c.issuer.id, 'untouched', 'Untouched', [c.c, c.d]);
    const teacher = await createActor();
    const colleague = await createActor();

    expect(await listStacksInProgress(teacher.id)).toEqual([]);
    const a = await earn(teacher, c.a.id);
    const b = await earn(teacher, c.b.id);
    // Someone else's badges count for nobody else.
    await earn(colleague, c.c.id);
    await earn(colleague, c.d.id);

    // Two Prisma queries whatever the number of stacks (not one per stack).
    const awardQueries = vi.spyOn(db.award, 'findMany');
    const stackQueries = vi.spyOn(db.stack, 'findMany');
    const building = await listStacksInProgress(teacher.id);
    expect([awardQueries.mock.calls.length, stackQueries.mock.calls.length]).toEqual([1, 1]);
    awardQueries.mockRestore();
    stackQueries.mockRestore();
    // Most nearly complete first. "Done" is complete (its badge is held); the draft and untouched ones are not listed.
    expect(building).toEqual([
      { id: three.id, slug: 'three-parts', title: 'Three Parts', badgeColor: '#7c3aed', held: 2, total: 3, next: { slug: c.c.slug, title: 'Peer Feedback' }, withdrawn: null },
      { id: pair.id, slug: 'pair', title: 'Pair', badgeColor: '#7c3aed', held: 1, total: 2, next: { slug: c.c.slug, title: 'Peer Feedback' }, withdrawn: null },
    ]);

    // A suspended badge does not count: "Done" is being built again (its badge is on hold). The part
    // on hold is named as such, never offered as the next one: there is nothing to earn there.
    await suspendAward({ actor: c.admin, awardId: b, reason: 'A complaint is being looked into.' });
    expect((await listStacksInProgress(teacher.id)).map((s) => [s.title, s.held, s.total, s.next?.title, s.withdrawn?.title])).toEqual([
      ['Done', 1, 2, undefined, 'Socratic Seminars'],
      ['Pair', 1, 2, 'Peer Feedback', undefined],
      ['Three Parts', 1, 3, 'Peer Feedback', 'Socratic Seminars'],
    ]);

    // A revoked badge does not count either: with nothing valid left, nothing is listed.
    await revokeAward({ actor: c.admin, awardId: a, reason: 'Evidence was not the teacher’s own.' });
    expect(await listStacksInProgress(teacher.id)).toEqual([]);
    expect(await db.award.count({ where: { userId: teacher.id, stackId: done.id } })).toBe(1);
  });

  it('a renewed badge and the one it renewed are one part; a stack whose badge was revoked is not offered again', async () => {
    const c = await fourCredentials();
    await stack(c.admin, c.issuer.id, 'three-parts', 'Three Parts', [c.a, c.b, c.c]);
    const pair = await stack(c.admin, c.issuer.id, 'pair', 'Pair', [c.a, c.d]);
    const teacher = await createActor();
    await earn(teacher, c.a.id);
    // Renewed: two valid badges of the same micro-credential.
    const renewal = await startRenewal({ actor: teacher, microCredentialId: c.a.id, now: IN_WINDOW });
    await db.submission.update({ where: { id: renewal.submissionId }, data: { status: 'EARNED' } });
    await issueAwardForSubmission(renewal.submissionId, { now: IN_WINDOW });
    expect(await db.award.count({ where: { userId: teacher.id, microCredentialId: c.a.id, revokedAt: null } })).toBe(2);
    expect((await listStacksInProgress(teacher.id)).map((s) => [s.title, s.held, s.total])).toEqual([['Pair', 1, 2], ['Three Parts', 1, 3]]);

    // Completed, then the stack badge itself revoked: it is never issued to them again, so it is not "being built".
    const d = await earn(teacher, c.d.id);
    const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: pair.id }, select: { id: true } });
    await revokeAward({ actor: c.admin, awardId: stackAward.id, reason: 'Issued in error.' });
    await suspendAward({ actor: c.admin, awardId: d, reason: 'A complaint is being looked into.' });
    expect((await listStacksInProgress(teacher.id)).map((s) => s.title)).toEqual(['Three Parts']);
    // Nor is it named in the notice of a badge for one of its parts earned since.
    expect((await stacksCountingToward(teacher.id, c.a.id)).map((s) => s.title)).toEqual(['Three Parts']);
  });

  it('the dashboard and My badges show each stack with its progress bar, its count and the next part, linked', async () => {
    const c = await fourCredentials();
    await stack(c.admin, c.issuer.id, 'three-parts', 'Three Parts', [c.a, c.b, c.c]);
    const teacher = await createActor({ name: 'Maya Teacher' });
    session.actor = teacher;
    expect(renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }))).not.toContain('Stacks you’re building');

    await earn(teacher, c.a.id);
    const pages = [
      renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) })),
      renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })),
    ];
    for (const html of pages) {
      expect(html).toContain('Stacks you’re building');
      expect(hrefOf(html, 'Three Parts')).toBe('/stacks/three-parts');
      expect(html).toMatch(/role="progressbar" aria-label="Three Parts: 1 of 3 held"/);
      expect(textJoined(html)).toContain('1 of 3 held');
      expect(textJoined(html)).toContain('Next: Socratic Seminars');
      expect(hrefOf(html, 'Socratic Seminars')).toBe(`/micro-credentials/${c.b.slug}`);
    }
  });
});

describe('the award notification says which stacks the badge counts toward', () => {
  const bodyOf = async (userId: string, title: string) => (await db.notification.findFirstOrThrow({ where: { userId, kind: 'award.issued', title }, orderBy: { createdAt: 'desc' }, select: { body: true } })).body;

  it('names each published stack with the parts held, counting only valid badges; none for a credential in no stack or a renewal', async () => {
    const c = await fourCredentials();
    await stack(c.admin, c.issuer.id, 'three-parts', 'Three Parts', [c.a, c.b, c.c]);
    await stack(c.admin, c.issuer.id, 'pair', 'Pair', [c.c, c.a]);
    await stack(c.admin, c.issuer.id, 'draft-stack', 'Draft Stack', [c.a, c.b], false);
    const teacher = await createActor();

    const a = await earn(teacher, c.a.id);
    expect((await bodyOf(teacher.id, 'You earned “Exit Tickets”')).split(' How useful was it for your teaching?')[0]).toBe('Your verifiable badge is ready to share. Counts toward “Pair” (1 of 2 held) and “Three Parts” (1 of 3 held).');
    await earn(teacher, c.b.id);
    expect((await bodyOf(teacher.id, 'You earned “Socratic Seminars”')).split(' How useful was it for your teaching?')[0]).toBe('Your verifiable badge is ready to share. Counts toward “Three Parts” (2 of 3 held).');

    // A suspended part no longer counts toward the totals.
    await suspendAward({ actor: c.admin, awardId: a, reason: 'A complaint is being looked into.' });
    await earn(teacher, c.c.id);
    expect((await bodyOf(teacher.id, 'You earned “Peer Feedback”')).split(' How useful was it for your teaching?')[0]).toBe('Your verifiable badge is ready to share. Counts toward “Pair” (1 of 2 held) and “Three Parts” (2 of 3 held).');

    // In no stack: the message as before.
    await earn(teacher, c.d.id);
    expect((await bodyOf(teacher.id, 'You earned “Learning Walks”')).split(' How useful was it for your teaching?')[0]).toBe('Your verifiable badge is ready to share.');

    // A renewal's message is about the renewed badge: its part already counted.
    const renewal = await startRenewal({ actor: teacher, microCredentialId: c.b.id, now: IN_WINDOW });
    await db.submission.update({ where: { id: renewal.submissionId }, data: { status: 'EARNED' } });
    await issueAwardForSubmission(renewal.submissionId, { now: IN_WINDOW });
    expect(await bodyOf(teacher.id, 'You renewed “Socratic Seminars”')).not.toContain('Counts toward');
  });

  it('joins three or more stacks in a readable list', () => {
    expect(stackCountSentence([])).toBe('');
    expect(stackCountSentence([{ title: 'A', held: 1, total: 2 }, { title: 'B', held: 2, total: 3 }, { title: 'C', held: 1, total: 4 }])).toBe('Counts toward “A” (1 of 2 held), “B” (2 of 3 held) and “C” (1 of 4 held).');
  });
});

describe('the dashboard offers the next level of a track once a level is earned', () => {
  it('"Continue to Level 2" on the earned card until the teacher starts it; the badge stays linked', async () => {
    const c = await fourCredentials();
    await createTrack({ actor: c.admin, issuerId: c.issuer.id, publish: true, def: { slug: 'feedback-track', title: 'Feedback Track', summary: 'Two levels.', topic: 'Assessment', levels: [c.a.slug, c.b.slug] } });
    const teacher = await createActor();
    session.actor = teacher;
    const next = await getNextTrackLevels([c.a.id, c.b.id, c.c.id]);
    expect([...next.entries()]).toEqual([[c.a.id, { id: c.b.id, slug: c.b.slug, level: 2, title: 'Socratic Seminars' }]]);

    const award = await earn(teacher, c.a.id);
    const html = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    expect(textJoined(html)).toContain('Continue to Level 2: Socratic Seminars →');
    // Said once, in the link everyone reads (not hidden from sight), and not again on a line of its own;
    // the track it is in is named under the card's title.
    expect(html).toMatch(/<a[^>]*href="[^"]+"[^>]*>Continue to Level 2(<!-- -->)?: Socratic Seminars(<!-- -->)? →<\/a>/);
    expect(textJoined(html).match(/Socratic Seminars/g)).toHaveLength(1);
    expect(textJoined(html)).not.toContain('Next in');
    expect(textJoined(html)).toContain(' · Feedback Track');
    expect(hrefOf(html, 'Continue to Level 2')).toBe(`/micro-credentials/${c.b.slug}`);
    expect(hrefOf(html, 'View badge')).toBe(`/credentials/${award}`);

    // Started: it is on the dashboard in its own right, and the earned card goes back to the badge.
    await enrollInMicroCredential({ actor: teacher, microCredentialId: c.b.id });
    const after = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    expect(after).not.toContain('Continue to Level 2');
    expect(hrefOf(after, 'View badge')).toBe(`/credentials/${award}`);
  });
});
