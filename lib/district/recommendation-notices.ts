import 'server-only';
import { db, type Tx } from '@/lib/db';
import { notifyMany } from '@/lib/notifications/notify';
import { recommendationHref } from '@/lib/district/recommendation-schemas';
import { audienceUserWhere } from '@/lib/district/recommendation-audience';

// Telling a district's teachers about a new recommendation (the job queued when it is added). A
// district can have tens of thousands of teachers, so they are told in keyset batches by user id,
// each batch in a transaction that also moves the recommendation's own marker
// (notifiedThroughUserId, then notifiedAt when all are told). The marker, not the job's payload, says
// where to carry on: a retried or duplicated job never tells anyone twice.
//
// One item can be recommended to the whole district and to a school of it: a teacher told about it
// through one of those recommendations is not told again through the other (ADR 014). "Told" is
// their own notice of it (same kind and link) since the district's other recommendation of it was
// made; the batches of all of a district's recommendations of one item take turns (an advisory
// lock), so two jobs at once cannot both tell the same teacher.
//
// When a leader widens a recommendation's audience (from one school to the whole district, or to
// another school), its marker is reset and the job queued again: the teachers it now reaches are
// told, and those told before (through it or another recommendation of the item) are not.

export const RECOMMENDATION_NOTICE_JOB = 'district.recommendation-notices';
export const NOTICE_BATCH = 500;
/** Batches per run; a larger audience carries on in a new job, so no single run holds a worker long. */
export const NOTICE_BATCHES_PER_RUN = 40;

type Marker = {
  id: string; districtId: string; schoolId: string | null; createdById: string | null; notifiedThroughUserId: string | null; notifiedAt: Date | null;
  microCredentialId: string | null; trackId: string | null; stackId: string | null;
};

const NOTICE_KIND = 'district.recommendation';

/** The notice's wording, from the recommendation as it stands now; null when it should not be sent. */
async function noticeFor(id: string) {
  const rec = await db.districtRecommendation.findUnique({
    where: { id },
    select: {
      note: true,
      district: { select: { name: true } },
      microCredential: { select: { slug: true, status: true, currentVersion: { select: { title: true } } } },
      track: { select: { slug: true, status: true, title: true } },
      stack: { select: { slug: true, status: true, title: true } },
    },
  });
  if (!rec) return null;
  const target = rec.microCredential
    ? { href: recommendationHref('MICRO_CREDENTIAL', rec.microCredential.slug), title: rec.microCredential.currentVersion?.title ?? rec.microCredential.slug, status: rec.microCredential.status }
    : rec.track
      ? { href: recommendationHref('TRACK', rec.track.slug), title: rec.track.title, status: rec.track.status }
      : rec.stack
        ? { href: recommendationHref('STACK', rec.stack.slug), title: rec.stack.title, status: rec.stack.status }
        : null;
  // Retired before the job ran: nothing to point teachers at any more.
  if (!target || target.status !== 'PUBLISHED') return null;
  return {
    kind: NOTICE_KIND,
    title: `${rec.district.name} recommends “${target.title}”`,
    body: rec.note || `Your district recommends it to you. See what it asks and enrol when you are ready.`,
    href: target.href,
  };
}

/**
 * Of `userIds`, those already told about the item through one of the district's current
 * recommendations of it (this one before its audience was widened, the whole district's, or their
 * school's): a notice with its link since the oldest of those was made. Two indexed look-ups per
 * batch (the district's recommendations of the item, then Notification by userId and createdAt).
 */
async function alreadyTold(tx: Tx, rec: Marker, item: string | null, href: string, userIds: string[]): Promise<Set<string>> {
  if (!item || !userIds.length) return new Set();
  const [oldest] = await tx.districtRecommendation.findMany({
    where: { districtId: rec.districtId, OR: [{ microCredentialId: item }, { trackId: item }, { stackId: item }] },
    orderBy: { createdAt: 'asc' },
    take: 1,
    select: { createdAt: true },
  });
  if (!oldest) return new Set();
  const notices = await tx.notification.findMany({
    where: { userId: { in: userIds }, createdAt: { gte: oldest.createdAt }, kind: NOTICE_KIND, href },
    select: { userId: true },
  });
  return new Set(notices.map((n) => n.userId));
}

/**
 * Tells the recommendation's audience (the district's teachers, or one school's; not the leader who
 * added it, nor disabled accounts), up to `maxBatches` batches. `more`: teachers are left, for a
 * follow-up run.
 */
export async function notifyRecommendationAudience(recommendationId: string, opts: { batchSize?: number; maxBatches?: number } = {}): Promise<{ notified: number; more: boolean }> {
  const batchSize = opts.batchSize ?? NOTICE_BATCH;
  const maxBatches = opts.maxBatches ?? NOTICE_BATCHES_PER_RUN;
  const message = await noticeFor(recommendationId);
  let notified = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const step = await db.$transaction(async (tx) => {
      // The row lock makes two runs at once take turns; the second reads the marker the first moved.
      const [rec] = await tx.$queryRaw<Marker[]>`
        SELECT "id", "districtId", "schoolId", "createdById", "notifiedThroughUserId", "notifiedAt", "microCredentialId", "trackId", "stackId"
        FROM "DistrictRecommendation" WHERE "id" = ${recommendationId} FOR UPDATE`;
      if (!rec || rec.notifiedAt) return { done: true, n: 0 };
      if (!message) {
        await tx.$executeRaw`UPDATE "DistrictRecommendation" SET "notifiedAt" = now() WHERE "id" = ${rec.id}`;
        return { done: true, n: 0 };
      }
      const item = rec.microCredentialId ?? rec.trackId ?? rec.stackId;
      // After the row lock (never held while waiting on another recommendation's row): no cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`district-recommendation-notices:${rec.districtId}:${item}`}))`;
      // Keyset on id: the audience (the one rule, lib/district/recommendation-audience.ts) comes from
      // the districtId (or schoolId) index, already past the teachers told, so each batch costs the
      // same however far along it is.
      const teachers = await tx.user.findMany({
        where: { ...audienceUserWhere(rec), ...(rec.notifiedThroughUserId ? { id: { gt: rec.notifiedThroughUserId } } : {}) },
        orderBy: { id: 'asc' },
        take: batchSize,
        select: { id: true, emailNotifications: true },
      });
      const told = await alreadyTold(tx, rec, item, message.href, teachers.map((t) => t.id));
      const recipients = teachers.filter((t) => t.id !== rec.createdById && !told.has(t.id)).map((t) => ({ userId: t.id, emailNotifications: t.emailNotifications }));
      await notifyMany(recipients, message, tx);
      const done = teachers.length < batchSize;
      const through = teachers.at(-1)?.id ?? rec.notifiedThroughUserId;
      // Raw, so the marker does not count as an edit (updatedAt).
      await tx.$executeRaw`UPDATE "DistrictRecommendation" SET "notifiedThroughUserId" = ${through}, "notifiedAt" = ${done ? new Date() : null} WHERE "id" = ${rec.id}`;
      return { done, n: recipients.length };
    });
    notified += step.n;
    if (step.done) return { notified, more: false };
  }
  return { notified, more: true };
}
