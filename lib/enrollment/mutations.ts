import 'server-only';
import { db, type Tx } from '@/lib/db';
import { currentSubmission } from '@/lib/submissions/current';
import { DomainError, invalidState, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { workableBy } from '@/lib/enrollment/workable';
import { recordTeacherWork } from '@/lib/submissions/stalled-reminders';

/**
 * Enrolling is idempotent: enrolling twice (or in a track you already follow) changes nothing.
 * Enrolling again after stopping picks the kept work up, also once the issuer has retired the
 * credential (the rule the application page follows, workableBy); a retired credential takes no
 * one new.
 */
export async function enrollInMicroCredential(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findFirst({ where: { id: opts.microCredentialId, ...workableBy(opts.actor.id) }, select: { id: true, issuerId: true } });
  if (!mc) throw await closedCredential(opts.microCredentialId);
  return db.$transaction(async (tx) => {
    const { id, createdAt } = await pickUpMicroCredential(tx, { userId: opts.actor.id, mc, audit: 'always' });
    return { id, createdAt };
  });
}

/**
 * Why a credential is closed to a teacher (workableBy found nothing), as the error to throw: still
 * NOT_FOUND, with words saying why when the issuer retired it (it takes no one new).
 */
export async function closedCredential(microCredentialId: string) {
  const retired = await db.microCredential.count({ where: { id: microCredentialId, status: 'RETIRED' } });
  if (retired) return new DomainError('NOT_FOUND', 'This micro-credential was retired by its issuer and takes no new enrolments.');
  return notFound('That credential');
}

/**
 * Enrols the teacher in a level they may work on (workableBy, checked by the caller), or enrols them
 * again if they had stopped it, so their kept work is theirs again, and follows its track again
 * (rejoinTracks). "Enrol", "Pick up where you left off" and "Start my application" all do it this
 * way. The track enrolments are locked first (lockTrackEnrollments), then the level's own, so two
 * at once (two tabs) take turns and the second finds the first's enrolment. `enrolled`: this call
 * enrolled them (a new enrolment, or a stopped one picked up), which is what the audit log records;
 * `audit: 'always'` records the enrolment even when they already were enrolled. Picking kept work
 * up is work on it (recordTeacherWork): the stalled-work reminder counts its 30 days from there.
 */
export async function pickUpMicroCredential(tx: Tx, o: { userId: string; mc: { id: string; issuerId: string }; audit?: 'always' | 'when-enrolled' }) {
  // Before the enrolments are locked: the attempt row comes first in the lock order (enrolAgain).
  await recordTeacherWork(tx, { userId: o.userId, pickedUp: [o.mc.id] });
  await lockTrackEnrollments(tx, o.userId, [o.mc.id]);
  const [before] = await tx.$queryRaw<{ withdrawnAt: Date | null }[]>`
    SELECT "withdrawnAt" FROM "Enrollment" WHERE "userId" = ${o.userId} AND "microCredentialId" = ${o.mc.id} FOR UPDATE`;
  const enrollment = await tx.enrollment.upsert({
    where: { userId_microCredentialId: { userId: o.userId, microCredentialId: o.mc.id } },
    create: { userId: o.userId, microCredentialId: o.mc.id },
    update: { withdrawnAt: null },
    select: { id: true, createdAt: true },
  });
  await rejoinTracks(tx, o.userId, [o.mc.id]);
  const enrolled = !before || before.withdrawnAt !== null;
  if (enrolled || o.audit === 'always') {
    await recordAudit({ actorId: o.userId, action: 'enrollment.create', entityType: 'MicroCredential', entityId: o.mc.id, organizationId: o.mc.issuerId }, tx);
  }
  return { ...enrollment, enrolled };
}

/**
 * Locks the teacher's enrolments in the tracks these credentials are levels of, first, so that
 * stopping one level and picking up another at the same moment take turns: the second one reads
 * the levels as the first left them when it decides whether the teacher still follows the track.
 * Every path that enrols in a level takes it before writing the level's enrolment
 * (pickUpMicroCredential here, enrolAgain in lib/submissions/mutations.ts, the issuer's bulk
 * enrolment in lib/people/mutations.ts).
 */
export async function lockTrackEnrollments(tx: Tx, userId: string, microCredentialIds: string[]) {
  if (!microCredentialIds.length) return;
  await tx.$queryRaw`
    SELECT e."id" FROM "Enrollment" e
     WHERE e."userId" = ${userId}
       AND e."trackId" IN (SELECT m."trackId" FROM "MicroCredential" m WHERE m."id" = ANY(${microCredentialIds}::text[]) AND m."trackId" IS NOT NULL)
     ORDER BY e."id" FOR UPDATE`;
}

/**
 * Working on a level again (enrolling in it, enrolling in a stack it is part of, starting or
 * sending an application or a renewal: enrolAgain, or an issuer's bulk enrolment) follows its track
 * again when the teacher had enrolled in the track and then stopped every level
 * (withdrawFromMicroCredential). A track they never enrolled in is not enrolled in for them.
 */
export async function rejoinTracks(tx: Tx, userId: string, microCredentialIds: string[]) {
  if (!microCredentialIds.length) return;
  await tx.enrollment.updateMany({
    where: { userId, withdrawnAt: { not: null }, track: { microCredentials: { some: { id: { in: microCredentialIds } } } } },
    data: { withdrawnAt: null },
  });
}

/** Said of a published track with no published level, on its page and when enrolling is refused. */
export const noLevelOpen = (kind: 'COURSE' | 'TRACK') =>
  `No level of this ${kind === 'COURSE' ? 'course' : 'badge track'} is open yet, so there is nothing to enrol in.`;

/**
 * Enrolling in a track enrols in each of its published levels too, so they appear on the dashboard.
 * A published track with no published level (older data: publishing and retiring now keep one) is
 * refused, not "enrolled" in nothing. A level the teacher had stopped is picked up again, and with
 * it the work they kept (recordTeacherWork), as pickUpMicroCredential does.
 */
export async function enrollInTrack(opts: { actor: Actor; trackId: string }) {
  const track = await db.track.findFirst({
    where: { id: opts.trackId, status: 'PUBLISHED' },
    select: { id: true, kind: true, issuerId: true, microCredentials: { where: { status: 'PUBLISHED' }, select: { id: true } } },
  });
  if (!track) throw notFound('That course');
  if (!track.microCredentials.length) throw invalidState(`${noLevelOpen(track.kind)} Look for it again later, or find another in the catalogue.`);
  await db.$transaction(async (tx) => {
    await recordTeacherWork(tx, { userId: opts.actor.id, pickedUp: track.microCredentials.map((m) => m.id) });
    await tx.enrollment.upsert({
      where: { userId_trackId: { userId: opts.actor.id, trackId: track.id } },
      create: { userId: opts.actor.id, trackId: track.id },
      update: { withdrawnAt: null },
    });
    for (const m of track.microCredentials) {
      await tx.enrollment.upsert({
        where: { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: m.id } },
        create: { userId: opts.actor.id, microCredentialId: m.id },
        update: { withdrawnAt: null },
      });
    }
    await recordAudit({ actorId: opts.actor.id, action: 'enrollment.create', entityType: 'Track', entityId: track.id, organizationId: track.issuerId }, tx);
  });
}

/**
 * "Enrol in all parts" of a published stack: enrols the teacher in each part they can still work
 * on (workableBy: a published part, or a retired one they had started) and have not earned. Earned
 * means a badge they hold (valid or on hold), or an application that passed (its badge still being
 * issued, or since revoked): enrolling would give them nothing to do there. Idempotent; a part they
 * had stopped working on is picked up again, with the work they kept (recordTeacherWork). Returns
 * the parts added (in the stack's order) and how many of the rest they were already enrolled in;
 * nothing added, nothing audited.
 */
export async function enrollInStack(opts: { actor: Actor; stackId: string }): Promise<{ slug: string; added: { id: string; title: string }[]; alreadyEnrolled: number }> {
  const userId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const stack = await tx.stack.findFirst({
      where: { id: opts.stackId, status: 'PUBLISHED' },
      select: {
        id: true, slug: true, issuerId: true,
        items: {
          where: {
            microCredential: {
              AND: [
                workableBy(userId),
                { NOT: { OR: [{ awards: { some: { userId, revokedAt: null } } }, { submissions: { some: { userId, status: 'EARNED' } } }] } },
              ],
            },
          },
          orderBy: { sortOrder: 'asc' },
          select: {
            microCredential: {
              select: { id: true, slug: true, currentVersion: { select: { title: true } }, enrollments: { where: { userId, withdrawnAt: null }, select: { id: true } } },
            },
          },
        },
      },
    });
    if (!stack) throw notFound('That stack');
    const parts = stack.items.map((i) => i.microCredential);
    const toAdd = parts.filter((m) => m.enrollments.length === 0);
    await recordTeacherWork(tx, { userId, pickedUp: toAdd.map((m) => m.id) });
    await lockTrackEnrollments(tx, userId, toAdd.map((m) => m.id));
    for (const m of toAdd) {
      await tx.enrollment.upsert({
        where: { userId_microCredentialId: { userId, microCredentialId: m.id } },
        create: { userId, microCredentialId: m.id },
        update: { withdrawnAt: null },
      });
    }
    await rejoinTracks(tx, userId, toAdd.map((m) => m.id));
    if (toAdd.length) {
      await recordAudit({ actorId: userId, action: 'enrollment.create', entityType: 'Stack', entityId: stack.id, organizationId: stack.issuerId, data: { parts: toAdd.length } }, tx);
    }
    return {
      slug: stack.slug,
      added: toAdd.map((m) => ({ id: m.id, title: m.currentVersion?.title ?? m.slug })),
      alreadyEnrolled: parts.length - toAdd.length,
    };
  });
}

/**
 * "Stop working on this": the credential leaves the teacher's work in progress. A draft or a
 * revision not yet sent is kept (the dashboard lists it under "Stopped"), and enrolling again picks
 * it up. Work with reviewers, or already earned, cannot be dropped this way. Stopping the last level
 * of a track the teacher still works on (enrolled, not stopped) stops the track too, in the same
 * transaction: they no longer count as enrolled in it (district recommendations and their uptake).
 */
export async function withdrawFromMicroCredential(opts: { actor: Actor; microCredentialId: string }) {
  const submission = await db.submission.findFirst({
    ...currentSubmission(opts.actor.id, opts.microCredentialId),
    select: { status: true },
  });
  if (submission?.status === 'SUBMITTED' || submission?.status === 'IN_REVIEW') {
    throw invalidState('Your application is with reviewers, so it cannot be dropped now. Their decision will be on your dashboard.');
  }
  if (submission?.status === 'EARNED') throw invalidState('You have earned this micro-credential; there is nothing to stop.');
  await db.$transaction(async (tx) => {
    await lockTrackEnrollments(tx, opts.actor.id, [opts.microCredentialId]);
    // One statement: the submission's state is read as the enrolment is changed, so work sent
    // meanwhile (which enrols again) is never left off the dashboard.
    const changed = await tx.$executeRaw`
      UPDATE "Enrollment" SET "withdrawnAt" = now()
      WHERE "userId" = ${opts.actor.id} AND "microCredentialId" = ${opts.microCredentialId} AND "withdrawnAt" IS NULL
        AND NOT EXISTS (
          SELECT 1 FROM (
            SELECT s."status" FROM "Submission" s
             WHERE s."userId" = ${opts.actor.id} AND s."microCredentialId" = ${opts.microCredentialId}
             ORDER BY s."cycle" DESC LIMIT 1) cur
          WHERE cur."status" IN ('SUBMITTED'::"SubmissionStatus", 'IN_REVIEW'::"SubmissionStatus", 'EARNED'::"SubmissionStatus"))`;
    if (!changed) {
      const now = await tx.submission.findFirst({ ...currentSubmission(opts.actor.id, opts.microCredentialId), select: { status: true } });
      if (now && now.status !== 'DRAFT' && now.status !== 'NEEDS_REVISION') throw invalidState('Your application has just been sent to reviewers, so it cannot be dropped now.');
      throw notFound('Your enrolment');
    }
    const mc = await tx.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { issuerId: true, trackId: true } });
    if (mc?.trackId) {
      // Its last level the teacher still works on: the track is stopped with it. A level whose
      // current application is with reviewers or earned keeps its enrolment (stopping it is refused
      // above), so keeps them in the track. Holding a badge alone does not: a renewal of it that
      // they stop withdraws that level's enrolment like any draft. Picking any level up again
      // (rejoinTracks) brings the track back.
      await tx.$executeRaw`
        UPDATE "Enrollment" t SET "withdrawnAt" = now()
         WHERE t."userId" = ${opts.actor.id} AND t."trackId" = ${mc.trackId} AND t."withdrawnAt" IS NULL
           AND NOT EXISTS (
             SELECT 1 FROM "Enrollment" e JOIN "MicroCredential" m ON m."id" = e."microCredentialId"
              WHERE e."userId" = ${opts.actor.id} AND m."trackId" = ${mc.trackId} AND e."withdrawnAt" IS NULL)`;
    }
    await recordAudit({ actorId: opts.actor.id, action: 'enrollment.withdraw', entityType: 'MicroCredential', entityId: opts.microCredentialId, organizationId: mc?.issuerId ?? null }, tx);
  });
}

export const RESOURCES_WHILE_WORKING = 'You stopped working on this micro-credential, so its resources cannot be marked as done now. Pick your work up again to keep track of them.';

export async function setResourceProgress(opts: { actor: Actor; resourceId: string; done: boolean }) {
  // Only resources of credentials the teacher is enrolled in.
  const resource = await db.resource.findFirst({
    where: { id: opts.resourceId, version: { microCredential: { enrollments: { some: { userId: opts.actor.id, withdrawnAt: null } } } } },
    select: { id: true },
  });
  if (!resource) {
    // A teacher who stopped (a renewal, say, while holding the badge) is told why, not "not found".
    const stopped = await db.resource.findFirst({
      where: { id: opts.resourceId, version: { microCredential: { enrollments: { some: { userId: opts.actor.id, withdrawnAt: { not: null } } } } } },
      select: { id: true },
    });
    if (stopped) throw invalidState(RESOURCES_WHILE_WORKING);
    throw notFound('That resource');
  }
  if (opts.done) {
    await db.resourceProgress.upsert({
      where: { userId_resourceId: { userId: opts.actor.id, resourceId: resource.id } },
      create: { userId: opts.actor.id, resourceId: resource.id },
      update: {},
    });
  } else {
    await db.resourceProgress.deleteMany({ where: { userId: opts.actor.id, resourceId: resource.id } });
  }
}
