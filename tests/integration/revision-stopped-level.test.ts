// "Start revision" on a level the teacher has stopped working on. The page hides the button while
// they are stopped, but a tab left open still posts it: starting the revision picks the level and
// its badge track up again (as "Pick up where you left off" does, recorded in the audit log once),
// in the revision's own transaction, so no one revises a level they are not enrolled in; pressed
// again after stopping once more, the revision they started is theirs again. A revision refused
// at the last moment picks nothing up. The enrolments are locked before the application's row, in
// the order sending an attempt takes them, so the two never wait on each other in a circle.
// Real Postgres, the real domain code, action and page; only who is signed in is set.
import pg from 'pg';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { createTrack } from '@/lib/authoring/mutations';
import { enrollInTrack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { getTeacherDashboard } from '@/lib/enrollment/queries';
import { startRevision } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { startRevisionAction } = await import('@/app/apply/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const applyPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));
/** The notice that takes focus (ArrivalNotice), opening on its Alert (role status) titled `title`. */
const focusedNotice = (title: string) => new RegExp(`<div tabindex="-1" class="mt-4 [^"]*"><div role="status"[^>]*><p class="font-semibold">${title}</p>`);

const levelStopped = async (t: Actor, microCredentialId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: t.id, microCredentialId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const trackStopped = async (t: Actor, trackId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: t.id, trackId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const enrolmentAudits = (t: Actor, microCredentialId: string) =>
  db.auditLog.count({ where: { actorId: t.id, action: 'enrollment.create', entityType: 'MicroCredential', entityId: microCredentialId } });

/** A teacher in a one-level track whose attempt 1 was returned for revision, and who then stopped working on the level. */
async function stoppedRevision() {
  const w = await makeReviewWorld({ doubleScoreRate: 0 });
  const track = await createTrack({ actor: w.admin, issuerId: w.issuer.id, publish: true, def: { slug: 'talk-track', title: 'Classroom Talk', summary: 'One level.', topic: 'Discussion', levels: [w.mc.slug] } });
  const reviewer = await w.reviewer();
  const teacher = await createActor({ name: 'Tess Teacher' });
  await enrollInTrack({ actor: teacher, trackId: track.id });
  const attemptId = await submitTextAttempt(w, teacher);
  await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', [3, 1]);
  await withdrawFromMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
  expect([await levelStopped(teacher, w.mc.id), await trackStopped(teacher, track.id)]).toEqual([true, true]);
  const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
  return { w, track, teacher, attemptId, submissionId };
}

/**
 * Another request caught in flight that holds the teacher's track enrolment (as sending an attempt
 * of another level of the track, or stopping one, does), in a transaction on its own connection.
 */
async function holdTrackEnrolment(userId: string, trackId: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('BEGIN');
  // A wait in a circle fails the test quickly instead of hanging it.
  await client.query(`SET LOCAL lock_timeout = '5s'`);
  await client.query(`SELECT 1 FROM "Enrollment" WHERE "userId" = $1 AND "trackId" = $2 FOR UPDATE`, [userId, trackId]);
  return { query: (text: string, values?: unknown[]) => client.query(text, values), commit: () => client.query('COMMIT'), release: () => client.end() };
}

describe('"Start revision" from a tab left open on a level the teacher stopped', () => {
  it('picks the level and its track up again with the revision, recorded once, and the page opens the revision to edit', async () => {
    const { w, track, teacher, submissionId } = await stoppedRevision();
    session.actor = teacher;
    // The page offers no revision while they are stopped…
    expect(await applyPage(w.mc.slug)).not.toContain('Start revision');
    const audits = await enrolmentAudits(teacher, w.mc.id);

    // …but a tab opened before they stopped still has the button.
    expect(await redirectOf(startRevisionAction(form({ submissionId, slug: w.mc.slug })))).toBe(`/apply/${w.mc.slug}?revising=1`);
    const revision = await db.attempt.findUniqueOrThrow({ where: { submissionId_number: { submissionId, number: 2 } }, select: { id: true, status: true } });
    expect(revision.status).toBe('DRAFT');
    expect([await levelStopped(teacher, w.mc.id), await trackStopped(teacher, track.id)]).toEqual([false, false]);
    expect(await enrolmentAudits(teacher, w.mc.id)).toBe(audits + 1);
    const dashboard = await getTeacherDashboard(teacher);
    expect(dashboard.stopped).toEqual([]);
    expect(dashboard.enrollments.map((e) => e.microCredential?.id)).toContain(w.mc.id);
    const html = await applyPage(w.mc.slug, { revising: '1' });
    expect(html).toMatch(focusedNotice('Revision started: attempt 2'));
    expect(html).not.toContain('You stopped working on this micro-credential');
    expect(html).toContain('Answer for ');

    // Pressed again (a double click): the same revision, nothing more recorded.
    expect(await startRevision({ actor: teacher, submissionId })).toEqual({ attemptId: revision.id });
    expect(await enrolmentAudits(teacher, w.mc.id)).toBe(audits + 1);

    // Stopped once more, and the old tab's button pressed again: the revision they started is theirs again.
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
    expect(await startRevision({ actor: teacher, submissionId })).toEqual({ attemptId: revision.id });
    expect([await levelStopped(teacher, w.mc.id), await trackStopped(teacher, track.id)]).toEqual([false, false]);
    expect(await enrolmentAudits(teacher, w.mc.id)).toBe(audits + 2);
    expect(await db.attempt.count({ where: { submissionId } })).toBe(2);
  });

  it('from two tabs at once: one revision, the level enrolled in once, one entry in the audit log', async () => {
    const { w, teacher, submissionId } = await stoppedRevision();
    const audits = await enrolmentAudits(teacher, w.mc.id);
    const results = await Promise.all([1, 2, 3].map(() => startRevision({ actor: teacher, submissionId })));
    expect(new Set(results.map((r) => r.attemptId)).size).toBe(1);
    expect(await db.attempt.count({ where: { submissionId } })).toBe(2);
    expect(await levelStopped(teacher, w.mc.id)).toBe(false);
    expect(await enrolmentAudits(teacher, w.mc.id)).toBe(audits + 1);
  });

  it('refused at the last moment (an issuer asked for a second look meanwhile): nothing picked up, nothing recorded', async () => {
    const { w, track, teacher, attemptId, submissionId } = await stoppedRevision();
    const audits = await enrolmentAudits(teacher, w.mc.id);
    const held = await holdTrackEnrolment(teacher.id, track.id);
    try {
      const revising = watch(startRevision({ actor: teacher, submissionId }));
      await untilWaitingOnLocksOr(1, () => (revising.settled ? 1 : 0), 'starting the revision never queued');
      // Meanwhile the attempt goes back to reviewers, as asking for a second look does.
      await held.query(`UPDATE "Attempt" SET "status" = 'SUBMITTED', "secondLookRequestedAt" = now() WHERE "id" = $1`, [attemptId]);
      await held.query(`UPDATE "Submission" SET "status" = 'SUBMITTED' WHERE "id" = $1`, [submissionId]);
      await held.commit();
      expect(await revising.outcome).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'This application is not waiting for a revision.' } });
    } finally {
      await held.release();
    }
    expect(await db.attempt.count({ where: { submissionId } })).toBe(1);
    expect([await levelStopped(teacher, w.mc.id), await trackStopped(teacher, track.id)]).toEqual([true, true]);
    expect(await enrolmentAudits(teacher, w.mc.id)).toBe(audits);
  });

  it('takes the enrolments before the application row, as sending does: a request holding the track and then writing the application does not deadlock with it', async () => {
    const { w, teacher, submissionId } = await stoppedRevision();
    const held = await holdTrackEnrolment(teacher.id, (await db.microCredential.findUniqueOrThrow({ where: { id: w.mc.id }, select: { trackId: true } })).trackId!);
    try {
      const revising = watch(startRevision({ actor: teacher, submissionId }));
      await untilWaitingOnLocksOr(1, () => (revising.settled ? 1 : 0), 'starting the revision never queued');
      // The other request goes on to write the application's row (as submitAttempt does after
      // enrolling): it must not find the row locked by a revision that waits for it in turn.
      await held.query(`UPDATE "Submission" SET "updatedAt" = now() WHERE "id" = $1`, [submissionId]);
      await held.commit();
      expect(await revising.outcome).toMatchObject({ ok: true });
    } finally {
      await held.release();
    }
    expect(await db.attempt.count({ where: { submissionId } })).toBe(2);
    expect(await levelStopped(teacher, w.mc.id)).toBe(false);
  });
});
