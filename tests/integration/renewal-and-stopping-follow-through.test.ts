// What a teacher meets after following through: the district's "See how to renew" link lands on a
// credential page that says when the badge ended and offers the renewal; stopping every level of a
// track stops the track (the district's recommendation and its uptake no longer count them as
// enrolled) until they pick a level up again; the notice after "Pick up where you left off" speaks
// of the work they picked up; and refusing to renew a retired credential's badge does not call an
// ended badge valid. Real Postgres, the real domain code, actions and pages; only who is signed in
// is set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { hrefOf, textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { createTrack, retireMicroCredential } from '@/lib/authoring/mutations';
import { addRecommendation, listDistrictRecommendations, listRecommendationsForTeacher } from '@/lib/district/recommendations';
import { enrollInMicroCredential, enrollInTrack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { importBulkEnrol } from '@/lib/people/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { DistrictRecommendations } from '@/components/dashboard/district-recommendations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { enrollAction } = await import('@/app/micro-credentials/[slug]/actions');
const { startRenewalAction } = await import('@/app/apply/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const DAY = 86_400_000;
const pageAt = async (path: string, sp: Record<string, string> = {}) => {
  const slug = /^\/micro-credentials\/([^/?#]+)$/.exec(path)?.[1];
  if (!slug) throw new Error(`not a credential page: ${path}`);
  return renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(sp) }));
};
const longDate = (d: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
const iso = (d: Date) => d.toISOString();

/** A district with a leader and a teacher in it. */
async function district() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'River District' });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const teacher = await createActor({ name: 'Tess Teacher', districtId: d.id });
  return { d, leader, teacher };
}

const recommend = (leader: Actor, districtId: string, kind: 'MICRO_CREDENTIAL' | 'TRACK', targetId: string) =>
  addRecommendation({ actor: leader, input: { districtId, kind, targetId, schoolId: null, note: '' } });

describe('"See how to renew" on the dashboard', () => {
  it('leads to the credential page, which says when the badge ended and offers the renewal', async () => {
    const { mc, issuer } = await createPublishedCredential({ def: { title: 'Exit Tickets', expiryMonths: 12 } });
    const { d, leader, teacher } = await district();
    await createEarnedAward(teacher, { id: mc.id, issuerId: issuer.id, currentVersionId: mc.currentVersionId }, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    await recommend(leader, d.id, 'MICRO_CREDENTIAL', mc.id);

    const recs = (await listRecommendationsForTeacher(teacher))!;
    expect(recs.items.map((i) => i.status)).toEqual(['renew']);
    const card = renderToStaticMarkup(DistrictRecommendations(recs)!);
    const link = hrefOf(card, 'See how to renew');
    expect(link).toBe(`/micro-credentials/${mc.slug}`);

    session.actor = teacher;
    const html = await pageAt(link!);
    const text = textOf(html);
    expect(text).toContain('You earned this micro-credential.');
    expect(text).toContain('Your badge expired on 1 January 2025. Renew it by sending fresh evidence for review.');
    // The same form My badges offers: it opens the renewal and goes to it.
    expect(html).toMatch(new RegExp(`<form[^>]*>.*<input type="hidden" name="microCredentialId" value="${mc.id}"/>.*Renew this badge`));
    expect(await redirectOf(startRenewalAction({ ok: true }, form({ microCredentialId: mc.id })))).toBe(`/apply/${encodeURIComponent(mc.slug)}?renewing=1`);
    expect(await db.submission.count({ where: { userId: teacher.id, microCredentialId: mc.id, cycle: 2, status: 'DRAFT' } })).toBe(1);
    // The renewal under way: the page says so, and offers no second renewal.
    const after = textOf(await pageAt(link!));
    expect(after).toContain('Your renewal is in progress.');
    expect(after).not.toContain('Renew this badge');
  });

  it('says when a badge in its renewal window ends; nothing about renewing far from the end, or once the issuer retired it', async () => {
    const now = Date.now();
    const soon = await createPublishedCredential({ def: { title: 'Wait Time', expiryMonths: 12 } });
    const far = await createPublishedCredential({ issuerId: soon.issuer.id, admin: soon.admin, def: { title: 'Peer Feedback', expiryMonths: 12 } });
    const gone = await createPublishedCredential({ issuerId: soon.issuer.id, admin: soon.admin, def: { title: 'Cold Calling', expiryMonths: 12 } });
    const teacher = await createActor();
    const endsSoon = new Date(now + 30 * DAY);
    await createEarnedAward(teacher, { ...soon.mc }, { level: null, issuedAt: iso(new Date(now - 335 * DAY)), validUntil: endsSoon });
    await createEarnedAward(teacher, { ...far.mc }, { level: null, issuedAt: iso(new Date(now - 30 * DAY)), validUntil: new Date(now + 335 * DAY) });
    await createEarnedAward(teacher, { ...gone.mc }, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    await retireMicroCredential({ actor: soon.admin, microCredentialId: gone.mc.id });
    session.actor = teacher;

    const soonText = textOf(await pageAt(`/micro-credentials/${soon.mc.slug}`));
    expect(soonText).toContain(`Your badge ends on ${longDate(endsSoon)}. Renew it by sending fresh evidence for review.`);
    expect(soonText).toContain('Renew this badge');

    const farHtml = await pageAt(`/micro-credentials/${far.mc.slug}`);
    expect(textOf(farHtml)).toContain('You earned this micro-credential.');
    expect(textOf(farHtml)).not.toMatch(/Your badge (ends|expired)|Renew/);
    expect(farHtml).not.toContain('data-renewal-note');

    const goneText = textOf(await pageAt(`/micro-credentials/${gone.mc.slug}`));
    expect(goneText).toContain('Your badge expired on 1 January 2025. The issuer no longer offers this micro-credential, so it cannot be renewed.');
    expect(goneText).not.toContain('Renew this badge');
  });
});

describe('stopping every level of a track', () => {
  it('stops the track: the recommendation and the uptake no longer count the teacher as enrolled, until they pick a level up', async () => {
    const { mc: level, issuer, admin } = await createPublishedCredential({ def: { title: 'Assessment Cycle' } });
    const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'One level.', topic: 'Assessment', levels: [level.slug] } });
    const { d, leader, teacher } = await district();
    await recommend(leader, d.id, 'TRACK', track.id);
    const status = async () => (await listRecommendationsForTeacher(teacher))!.items[0].status;
    const enrolledUptake = async () => (await listDistrictRecommendations({ actor: leader, districtId: d.id }))[0].uptake.enrolled;
    const trackEnrolment = () => db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: teacher.id, trackId: track.id } }, select: { withdrawnAt: true } });

    await enrollInTrack({ actor: teacher, trackId: track.id });
    expect(await status()).toBe('enrolled');
    expect(await enrolledUptake()).toBe(1);

    // Stopped with nothing written: no longer enrolled in the level, nor in the track.
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: level.id });
    expect((await trackEnrolment()).withdrawnAt).toBeInstanceOf(Date);
    expect(await status()).toBe('not-started');
    expect(await enrolledUptake()).toBe(0);

    // Picked up again: enrolled in both.
    await enrollInMicroCredential({ actor: teacher, microCredentialId: level.id });
    expect((await trackEnrolment()).withdrawnAt).toBeNull();
    expect(await status()).toBe('enrolled');
    expect(await enrolledUptake()).toBe(1);

    // Stopped with a revision kept: neither "Needs changes" nor work under way while it waits.
    const sub = await startApplication({ actor: teacher, microCredentialId: level.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'NEEDS_REVISION' } });
    expect(await status()).toBe('needs-changes');
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: level.id });
    expect(await status()).toBe('not-started');
    expect(await enrolledUptake()).toBe(0);

    // "Pick up where you left off" on the credential's page: the revision is theirs to make again.
    session.actor = teacher;
    expect(await redirectOf(enrollAction({ ok: true }, form({ microCredentialId: level.id, slug: level.slug })))).toBe(`/micro-credentials/${level.slug}?enrolled=1`);
    expect((await trackEnrolment()).withdrawnAt).toBeNull();
    expect(await status()).toBe('needs-changes');
    expect(await enrolledUptake()).toBe(1);
  });

  it('follows the track again whichever way a level is picked up: starting or sending an application, a stopped renewal, an issuer’s bulk enrolment', async () => {
    const { mc: level, issuer, admin, version } = await createPublishedCredential({ def: { ...textOnlyDefinition(), title: 'Assessment Cycle' } });
    const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'One level.', topic: 'Assessment', levels: [level.slug] } });
    const renewing = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Wait Time', expiryMonths: 12 } })).mc;
    const renewTrack = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'wait-time-track', title: 'Wait Time Track', summary: 'One level.', topic: 'Questioning', levels: [renewing.slug] } });
    const { d, leader, teacher } = await district();
    await recommend(leader, d.id, 'TRACK', track.id);
    const stopped = async (trackId: string) => (await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: teacher.id, trackId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
    const levelStopped = async (microCredentialId: string) => (await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: teacher.id, microCredentialId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
    const enrolledUptake = async () => (await listDistrictRecommendations({ actor: leader, districtId: d.id }))[0].uptake.enrolled;

    await enrollInTrack({ actor: teacher, trackId: track.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: level.id });
    expect(await stopped(track.id)).toBe(true);
    expect(await enrolledUptake()).toBe(0);

    // "Start your application" (startApplication) on a level they had stopped.
    const sub = await startApplication({ actor: teacher, microCredentialId: level.id });
    expect([await levelStopped(level.id), await stopped(track.id)]).toEqual([false, false]);
    expect(await listRecommendationsForTeacher(teacher).then((r) => r!.items[0].status)).not.toBe('not-started');
    expect(await enrolledUptake()).toBe(1);

    // Sending a stopped draft from a tab left open (submitAttempt).
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: level.id });
    expect(await stopped(track.id)).toBe(true);
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id, status: 'DRAFT' }, select: { id: true } });
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My Grade 7 class wrote exit tickets.', links: [], revision: 0 });
    expect((await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true })).alreadySubmitted).toBe(false);
    expect([await levelStopped(level.id), await stopped(track.id)]).toEqual([false, false]);
    expect(await enrolledUptake()).toBe(1);

    // A renewal they had stopped, started again from My badges (startRenewal).
    await createEarnedAward(teacher, renewing, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    await enrollInTrack({ actor: teacher, trackId: renewTrack.id });
    await startRenewal({ actor: teacher, microCredentialId: renewing.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: renewing.id });
    // Holding the badge does not keep the track: the stopped renewal was its only level worked on.
    expect(await stopped(renewTrack.id)).toBe(true);
    await startRenewal({ actor: teacher, microCredentialId: renewing.id });
    expect([await levelStopped(renewing.id), await stopped(renewTrack.id)]).toEqual([false, false]);

    // The issuer enrols them in the level from a file (importBulkEnrol).
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: renewing.id });
    expect(await stopped(renewTrack.id)).toBe(true);
    const email = (await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { email: true } })).email;
    await importBulkEnrol({ actor: admin, issuerId: issuer.id, target: `mc:${renewing.id}`, csv: `email,name\n${email},Tess Teacher\n` });
    expect([await levelStopped(renewing.id), await stopped(renewTrack.id)]).toEqual([false, false]);
  });

  it('keeps the track while another level is still worked on', async () => {
    const { mc: one, issuer, admin } = await createPublishedCredential({ def: { title: 'Assessment Cycle' } });
    const two = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Contextual Assessment' } })).mc;
    const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'Two levels.', topic: 'Assessment', levels: [one.slug, two.slug] } });
    const teacher = await createActor();
    await enrollInTrack({ actor: teacher, trackId: track.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: one.id });
    expect((await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: teacher.id, trackId: track.id } } })).withdrawnAt).toBeNull();
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: two.id });
    expect((await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: teacher.id, trackId: track.id } } })).withdrawnAt).toBeInstanceOf(Date);
  });

  it('the migration stops the track enrolments of teachers who stopped every level before this change, and only those', async () => {
    const { mc: one, issuer, admin } = await createPublishedCredential({ def: { title: 'Assessment Cycle' } });
    const two = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Contextual Assessment' } })).mc;
    const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'Two levels.', topic: 'Assessment', levels: [one.slug, two.slug] } });
    const [stoppedAll, stillWorking, notStarted] = [await createActor(), await createActor(), await createActor()];
    for (const t of [stoppedAll, stillWorking, notStarted]) await enrollInTrack({ actor: t, trackId: track.id });
    // As rows stood before the change: every level stopped, the track enrolment left active.
    await db.enrollment.updateMany({ where: { userId: stoppedAll.id, microCredentialId: { in: [one.id, two.id] } }, data: { withdrawnAt: new Date() } });
    await db.enrollment.updateMany({ where: { userId: stillWorking.id, microCredentialId: one.id }, data: { withdrawnAt: new Date() } });
    await db.enrollment.deleteMany({ where: { userId: notStarted.id, microCredentialId: { not: null } } });

    const sql = readFileSync(path.resolve('prisma/migrations/20261126021000_track_enrolments_of_stopped_levels/migration.sql'), 'utf8');
    await db.$executeRawUnsafe(sql);
    const trackStopped = async (t: Actor) => (await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: t.id, trackId: track.id } } })).withdrawnAt !== null;
    expect(await trackStopped(stoppedAll)).toBe(true);
    expect(await trackStopped(stillWorking)).toBe(false);
    expect(await trackStopped(notStarted)).toBe(false);
  });
});

describe('the notice after "Pick up where you left off"', () => {
  it('speaks of the draft, the revision or the renewal picked up, not of starting an application', async () => {
    const { mc, admin } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const renewing = (await createPublishedCredential({ issuerId: mc.issuerId, admin, def: { title: 'Wait Time', expiryMonths: 12 } })).mc;
    const teacher = await createActor();
    session.actor = teacher;
    const pickUp = async (m: { id: string; slug: string }) => {
      await withdrawFromMicroCredential({ actor: teacher, microCredentialId: m.id });
      expect(await redirectOf(enrollAction({ ok: true }, form({ microCredentialId: m.id, slug: m.slug })))).toBe(`/micro-credentials/${m.slug}?enrolled=1`);
      return textOf(await pageAt(`/micro-credentials/${m.slug}`, { enrolled: '1' }));
    };

    // Enrolling afresh still says "You are enrolled".
    await redirectOf(enrollAction({ ok: true }, form({ microCredentialId: mc.id, slug: mc.slug })));
    expect(textOf(await pageAt(`/micro-credentials/${mc.slug}`, { enrolled: '1' }))).toContain('You are enrolled It is on your dashboard with your progress. Start your application below');

    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const draft = await pickUp(mc);
    expect(draft).toContain('Your draft is back on your dashboard Everything you wrote or uploaded is kept. Continue below');
    expect(draft).toContain('Continue your application');
    expect(draft).not.toContain('You are enrolled');
    expect(draft).not.toContain('Start your application');

    await db.submission.update({ where: { id: sub.id }, data: { status: 'NEEDS_REVISION' } });
    const revision = await pickUp(mc);
    expect(revision).toContain('Your revision is back on your dashboard Everything you wrote or uploaded is kept. Read the feedback and revise below.');
    expect(revision).toContain('Read feedback and revise');
    expect(revision).not.toContain('You are enrolled');

    // A renewal of an ended badge: started, stopped, picked up.
    await createEarnedAward(teacher, renewing, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    await startRenewal({ actor: teacher, microCredentialId: renewing.id });
    const renewal = await pickUp(renewing);
    expect(renewal).toContain('Your renewal is back on your dashboard Everything you wrote or uploaded is kept. Continue below');
    expect(renewal).toContain('Continue your renewal');
    expect(renewal).not.toContain('You are enrolled');
  });
});

describe('renewing a badge of a retired credential', () => {
  it('is refused in words that do not call an ended badge valid', async () => {
    const { mc, admin } = await createPublishedCredential({ def: { expiryMonths: 12 } });
    const other = await createPublishedCredential({ issuerId: mc.issuerId, admin, def: { title: 'Still valid', expiryMonths: 12 } });
    const teacher = await createActor();
    await createEarnedAward(teacher, mc, { level: null, issuedAt: '2024-01-01T00:00:00Z', validUntil: new Date('2025-01-01T00:00:00Z') });
    const endsSoon = new Date(Date.now() + 30 * DAY);
    await createEarnedAward(teacher, other.mc, { level: null, issuedAt: iso(new Date(Date.now() - 335 * DAY)), validUntil: endsSoon });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    await retireMicroCredential({ actor: admin, microCredentialId: other.mc.id });

    const ended = await errorOf(startRenewal({ actor: teacher, microCredentialId: mc.id }));
    expect(ended.code).toBe('INVALID_STATE');
    expect(ended.message).toBe('Your badge ended on 1 January 2025, and the issuer no longer offers this micro-credential, so it cannot be renewed. It stays on your record.');
    expect(ended.message).not.toMatch(/valid/);

    const valid = await errorOf(startRenewal({ actor: teacher, microCredentialId: other.mc.id }));
    expect(valid.message).toBe(`The issuer no longer offers this micro-credential, so it cannot be renewed. Your badge stays valid until ${longDate(endsSoon)}.`);
    // Suspended meanwhile: not called valid either.
    await db.award.updateMany({ where: { userId: teacher.id, microCredentialId: other.mc.id }, data: { suspendedAt: new Date() } });
    expect((await errorOf(startRenewal({ actor: teacher, microCredentialId: other.mc.id }))).message).toBe('This badge is suspended, and the issuer no longer offers this micro-credential, so it cannot be renewed.');
    expect(await db.submission.count({ where: { userId: teacher.id, cycle: { gt: 1 } } })).toBe(0);
  });
});
