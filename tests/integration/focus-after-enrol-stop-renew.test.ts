// "Enrol in all levels", "Stop working on it" and "Renew": each button goes away (or is on another
// page), so the action lands on a page whose notice takes focus (ArrivalNotice: tabindex -1, focused
// when it mounts) and is read out once (its Alert's role status, inside no other live region).
// Actions and real pages against Postgres; only who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import { textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import type { Actor } from '@/lib/auth/actor';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getStandings } from '@/lib/enrollment/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: TrackPage } = await import('@/app/tracks/[slug]/page');
const { enrollTrackAction } = await import('@/app/tracks/[slug]/actions');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { withdrawAction } = await import('@/app/micro-credentials/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { startRenewalAction } = await import('@/app/apply/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The notice that takes focus (ArrivalNotice), opening on its Alert (role status) titled `title`. */
const focusedNotice = (title: string) => new RegExp(`<div tabindex="-1" class="[^"]*"><div role="status"[^>]*><p class="font-semibold">${title}</p>`);

const trackPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await TrackPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));
const credentialPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));
const applyPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));

async function publishedTrack() {
  const first = await createPublishedCredential({ def: { title: 'Understanding feedback' } });
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Feedback in your classroom' } });
  const track = await createIssuerTrack({ actor: first.admin, issuerId: first.issuer.id, def: { slug: 'feedback-track', title: 'Feedback', summary: 'Two levels of feedback.', topic: 'Assessment', levels: [first.mc.slug, second.mc.slug] } });
  await publishTrack({ actor: first.admin, trackId: track.id });
  return { track, levels: [first.mc, second.mc] };
}

describe('“Enrol in all levels”', () => {
  it('lands on the track again with a notice that takes focus and is read out once', async () => {
    const { track, levels } = await publishedTrack();
    const teacher = await createActor();
    session.actor = teacher;
    expect(await trackPage('feedback-track')).toContain('Enrol in all levels');

    expect(await redirectOf(enrollTrackAction({ ok: true }, form({ trackId: track.id, slug: 'feedback-track' })))).toBe('/tracks/feedback-track?enrolled=1');
    expect([...(await getStandings(teacher, levels.map((m) => m.id))).values()].map((s) => s.state)).toEqual(['enrolled', 'enrolled']);

    const html = await trackPage('feedback-track', { enrolled: '1' });
    expect(html).toMatch(focusedNotice('You are enrolled in every level'));
    expect(textJoined(html)).toContain('Every level is on your dashboard with your progress.');
    expect(liveRegionsAround(html, 'You are enrolled in every level')).toHaveLength(1);
    expect(nestedLiveRegions(html)).toEqual([]);
    expect(html).not.toContain('Enrol in all levels');

    // A later visit (no flag) says it plainly, with no notice taking focus.
    const later = await trackPage('feedback-track');
    expect(textJoined(later)).toContain('You are enrolled in every level.');
    expect(later).not.toContain('tabindex="-1"');
  });

  it('shows no notice for a teacher the flag does not fit: one not enrolled keeps the button', async () => {
    await publishedTrack();
    session.actor = await createActor();
    const html = await trackPage('feedback-track', { enrolled: '1' });
    expect(html).not.toContain('You are enrolled in every level');
    expect(html).toContain('Enrol in all levels');
  });

  it('a forged address is not redirected to: the action reports success in place', async () => {
    const { track } = await publishedTrack();
    session.actor = await createActor();
    expect(await enrollTrackAction({ ok: true }, form({ trackId: track.id, slug: 'https://evil.example/' }))).toEqual({ ok: true, message: 'Enrolled in every level of this course.' });
  });
});

describe('“Stop working on it”', () => {
  it('lands on the credential with a notice that takes focus and is read out once', async () => {
    const { mc } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const teacher = await createActor();
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    session.actor = teacher;
    expect(await credentialPage(mc.slug)).toContain('Stop working on it');

    expect(await redirectOf(withdrawAction({ ok: true }, form({ microCredentialId: mc.id, slug: mc.slug })))).toBe(`/micro-credentials/${mc.slug}?stopped=1`);
    const html = await credentialPage(mc.slug, { stopped: '1' });
    expect(html).toMatch(focusedNotice('You stopped working on this micro-credential'));
    expect(liveRegionsAround(html, 'You stopped working on this micro-credential')).toHaveLength(1);
    expect(nestedLiveRegions(html)).toEqual([]);
    expect(html).not.toContain('Stop working on it');
    expect(await credentialPage(mc.slug)).not.toContain('You stopped working on this micro-credential');
  });

  it('stopping a renewal says so the same way', async () => {
    const h = await holder();
    await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id });
    session.actor = h.teacher;
    expect(await redirectOf(withdrawAction({ ok: true }, form({ microCredentialId: h.mc.id, slug: h.mc.slug })))).toBe(`/micro-credentials/${h.mc.slug}?stopped=1`);
    const html = await credentialPage(h.mc.slug, { stopped: '1' });
    expect(html).toMatch(focusedNotice('You stopped renewing this badge'));
    expect(liveRegionsAround(html, 'You stopped renewing this badge')).toHaveLength(1);
  });
});

const DAY = 86_400_000;

/** A teacher holding a 24-month badge that expires in 30 days, so renewal is open today. */
async function holder(teacher?: Actor) {
  const cred = await createPublishedCredential({ def: { title: 'Exit Tickets', expiryMonths: 24 } });
  const t = teacher ?? (await createActor({ emailVerified: true }));
  const sub = await startApplication({ actor: t, microCredentialId: cred.mc.id });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const expires = new Date(Date.now() + 30 * DAY);
  const issued = new Date(expires);
  issued.setUTCMonth(issued.getUTCMonth() - 24);
  await issueAwardForSubmission(sub.id, { now: issued });
  return { ...cred, teacher: t };
}

describe('“Renew”', () => {
  it('lands on the renewal with a notice that takes focus and is read out once', async () => {
    const h = await holder();
    session.actor = h.teacher;
    expect(await applyPage(h.mc.slug)).toContain('Renew this badge');

    expect(await redirectOf(startRenewalAction({ ok: true }, form({ microCredentialId: h.mc.id })))).toBe(`/apply/${h.mc.slug}?renewing=1`);
    expect(await db.submission.count({ where: { userId: h.teacher.id, microCredentialId: h.mc.id, cycle: 2, status: 'DRAFT' } })).toBe(1);

    const html = await applyPage(h.mc.slug, { renewing: '1' });
    expect(html).toMatch(focusedNotice('You are renewing this badge'));
    expect(textJoined(html)).toContain('It is a draft on your dashboard.');
    expect(liveRegionsAround(html, 'You are renewing this badge')).toHaveLength(1);
    expect(html).not.toContain('Renew this badge');
    // A later visit (no flag) has no notice; nor has a first application given the flag.
    expect(await applyPage(h.mc.slug)).not.toContain('You are renewing this badge');
  });

  it('"Renew" on a renewal already under way (sent, say) says where it stands', async () => {
    const h = await holder();
    const renewal = await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id });
    await db.submission.update({ where: { id: renewal.submissionId }, data: { status: 'SUBMITTED' } });
    await db.attempt.updateMany({ where: { submissionId: renewal.submissionId }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
    session.actor = h.teacher;
    expect(await redirectOf(startRenewalAction({ ok: true }, form({ microCredentialId: h.mc.id })))).toBe(`/apply/${h.mc.slug}?renewing=1`);
    const html = await applyPage(h.mc.slug, { renewing: '1' });
    expect(html).toMatch(focusedNotice('You are renewing this badge'));
    expect(textJoined(html)).toContain('It is with the reviewers.');
  });

  it('the flag on a first application, or on the earned one, shows nothing', async () => {
    const { mc } = await createPublishedCredential();
    const teacher = await createActor();
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    session.actor = teacher;
    expect(await applyPage(mc.slug, { renewing: '1' })).not.toContain('You are renewing this badge');
    const h = await holder();
    session.actor = h.teacher;
    expect(await applyPage(h.mc.slug, { renewing: '1' })).not.toContain('You are renewing this badge');
  });
});
