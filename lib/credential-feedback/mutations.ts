import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import { forbidden, isDomainError, notFound, rateLimited } from '@/lib/errors';
import { hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import {
  feedbackRefusal,
  feedbackWriteLimitMessage,
  FEEDBACK_WRITE_WINDOW_SECONDS,
  FEEDBACK_WRITES_PER_HOUR,
  publicFiguresStep,
  takenFigures,
} from '@/lib/credential-feedback/policy';
import { feedbackStats, getFeedbackStanding } from '@/lib/credential-feedback/queries';

// Teachers' feedback on a micro-credential they went through. Not in the audit log, like the
// teacher's other words of their own (drafts, proposals being written, their profile): the issuer's
// log names whoever acted, and this must reach the issuer without the teacher's name. Nor does it
// notify anyone: a notice at the moment a teacher writes would tell the issuer who it was.
//
// The public page shows stored figures (CredentialFeedbackPublic), which a write changes only when
// five new ratings have come in since they were last taken (then taken afresh from every rating), or
// when fewer than five ratings are left (then dropped): publicFiguresStep, ADR 027. Each write settles
// them in its own transaction, which also sends the notice that makes every server drop its cached
// public pages (changePublicPages, ADR 006) when, and only when, it changed the row: the rating, the
// figures and the notice commit together or not at all.

/**
 * Holds one credential's feedback for this transaction: saves and deletions on a credential take
 * turns, so each one counts the new ratings with the last one's committed. Without it, the 9th and
 * 10th ratings at once could each count four new ones (the other's not yet committed), and neither
 * take the figures; or, between two takings, both take them.
 */
async function holdFeedbackOf(tx: Tx, microCredentialId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`credential-feedback:${microCredentialId}`}))`;
}

/**
 * Brings the credential's stored public figures up to date with its ratings, after this
 * transaction's write and under holdFeedbackOf: takes them afresh, drops them, or leaves them
 * (publicFiguresStep). True when the row changed, so the public page reads differently.
 *
 * New ratings are those created after `takenAt`, found by the (microCredentialId, createdAt) index.
 * A taking stores as `takenAt` the creation time of the newest rating it took in, not the clock at
 * the time: every rating it counted is then at or before it, whichever server's clock stamped the
 * rating, so no rating is ever counted as new for two takings. (One stamped by a clock running
 * behind can at worst be counted for none, and the next taking waits for one more.)
 */
async function settlePublicFigures(tx: Tx, microCredentialId: string): Promise<boolean> {
  const stored = await tx.credentialFeedbackPublic.findUnique({ where: { microCredentialId }, select: { takenAt: true, count: true } });
  const ratings = await tx.credentialFeedback.count({ where: { microCredentialId } });
  const newRatings = stored ? await tx.credentialFeedback.count({ where: { microCredentialId, createdAt: { gt: stored.takenAt } } }) : ratings;
  const step = publicFiguresStep({ shown: stored?.count != null, ratings, newRatings });
  if (step === 'keep') return false;
  if (step === 'drop') {
    // Withdrawn, not deleted: its takenAt still marks which ratings are new (publicFiguresStep).
    await tx.credentialFeedbackPublic.update({ where: { microCredentialId }, data: { count: null, average: null, typicalHours: null } });
    return true;
  }
  // Every current rating, edits as they stand now: the figures the issuer's page reads too.
  const all = await feedbackStats(microCredentialId, tx);
  const figures = takenFigures({ count: all.count, average: all.average, hoursCount: all.hoursCount, medianHours: all.median });
  if (!figures || !all.newest) return false;
  const row = { ...figures, takenAt: all.newest };
  await tx.credentialFeedbackPublic.upsert({ where: { microCredentialId }, create: { microCredentialId, ...row }, update: row });
  return true;
}

/**
 * For an account deleted with its ratings (lib/auth/delete-account.ts), in its transaction: holds
 * the feedback of every credential the person rated, in id order and before their rows go (a save
 * holds the credential first too, so neither waits on the other), and returns a step that, once the
 * rows are gone, settles each credential's public figures as a deletion would (withdrawn when fewer
 * than five ratings are left). True when any public figures changed.
 */
export async function holdFeedbackOfAccount(tx: Tx, userId: string): Promise<() => Promise<boolean>> {
  const rated = await tx.credentialFeedback.findMany({ where: { userId }, select: { microCredentialId: true }, orderBy: { microCredentialId: 'asc' } });
  for (const r of rated) await holdFeedbackOf(tx, r.microCredentialId);
  return async () => {
    let changed = false;
    for (const r of rated) changed = (await settlePublicFigures(tx, r.microCredentialId)) || changed;
    return changed;
  };
}

/**
 * Counts one save or deletion against the teacher's limit (FEEDBACK_WRITES_PER_HOUR, every
 * credential together), or refuses it in words that say nothing was written and when to try again.
 * Each write holds the credential's feedback and may clear every server's page cache: the limit
 * keeps one teacher from doing either at will. Returns the key, to give the hit back.
 */
async function spendFeedbackWrite(userId: string, kind: 'save' | 'delete'): Promise<string> {
  const key = `credential-feedback:write:${userId}`;
  const limit = await hitRateLimit(key, FEEDBACK_WRITES_PER_HOUR, FEEDBACK_WRITE_WINDOW_SECONDS);
  if (!limit.allowed) throw rateLimited(feedbackWriteLimitMessage(kind, limit.retryAfterSeconds));
  return key;
}

/**
 * Saves the actor's feedback on a micro-credential: a new one, or a change to what they said before
 * (one per teacher and credential, the unique index on userId and microCredentialId). Only a
 * teacher a reviewer has decided on (feedbackRefusal), on a credential with a public page; the
 * teacher who already gave feedback may always change it. Saving twice (a double click, two tabs)
 * leaves one row with the last values. `hoursSpent` and `comment` null: not given. `publicChanged`:
 * the public figures were taken afresh (or dropped), and every server's cached pages with them.
 */
export async function saveCredentialFeedback(opts: { actor: Actor; microCredentialId: string; rating: number; hoursSpent: number | null; comment: string | null }) {
  const mc = await db.microCredential.findFirst({
    where: { id: opts.microCredentialId, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: { id: true, slug: true },
  });
  if (!mc) throw notFound('That micro-credential');
  const limitKey = await spendFeedbackWrite(opts.actor.id, 'save');
  const key = { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: mc.id } };
  const data = {
    rating: opts.rating,
    hoursSpent: opts.hoursSpent === null ? null : new Prisma.Decimal(opts.hoursSpent),
    comment: opts.comment || null,
  };
  try {
    const standing = await getFeedbackStanding(opts.actor.id, mc.id);
    const { created, publicChanged } = await changePublicPages(
      async (tx) => {
        // Held first: two saves of one teacher at once (a double click, two tabs) take turns, so the
        // second finds the first's row and changes it.
        await holdFeedbackOf(tx, mc.id);
        const existing = await tx.credentialFeedback.findUnique({ where: key, select: { id: true } });
        const refusal = feedbackRefusal(standing, existing !== null);
        // Who may speak about it, not a state of the credential: FORBIDDEN, in words that say when they can.
        if (refusal) throw forbidden(refusal);
        // An edit keeps createdAt (the upsert's update leaves it): it is never a new rating.
        await tx.credentialFeedback.upsert({ where: key, create: { userId: opts.actor.id, microCredentialId: mc.id, ...data }, update: data });
        return { created: existing === null, publicChanged: await settlePublicFigures(tx, mc.id) };
      },
      { changed: (r) => r.publicChanged },
    );
    return { slug: mc.slug, created, publicChanged };
  } catch (e) {
    // A teacher refused (not decided on yet) wrote nothing: the try does not count against them.
    if (isDomainError(e) && e.code === 'FORBIDDEN') await releaseRateLimit(limitKey);
    throw e;
  }
}

/**
 * Deletes the actor's own feedback on a micro-credential, whatever its state: the rating, hours
 * and comment are gone from the issuer's page at once. The public figures keep it until they are
 * next taken, unless fewer than five ratings are left: then they go at once (settlePublicFigures).
 * Deleting what is not there (a second click) is no error, and does not count against the limit.
 * Only ever the actor's row: the teacher is part of the key. `publicChanged` as for saveCredentialFeedback.
 */
export async function deleteCredentialFeedback(opts: { actor: Actor; microCredentialId: string }) {
  const key = { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: opts.microCredentialId } };
  let deleted = false;
  let publicChanged = false;
  // Nothing of theirs (a second click, an id that is not ours): nothing to hold, delete or count.
  if (await db.credentialFeedback.findUnique({ where: key, select: { id: true } })) {
    await spendFeedbackWrite(opts.actor.id, 'delete');
    ({ deleted, publicChanged } = await changePublicPages(
      async (tx) => {
        await holdFeedbackOf(tx, opts.microCredentialId);
        // The row may have gone while this waited for its turn (two clicks at once): then nothing changes.
        const r = await tx.credentialFeedback.deleteMany({ where: { userId: opts.actor.id, microCredentialId: opts.microCredentialId } });
        if (r.count === 0) return { deleted: false, publicChanged: false };
        return { deleted: true, publicChanged: await settlePublicFigures(tx, opts.microCredentialId) };
      },
      { changed: (r) => r.publicChanged },
    ));
  }
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { slug: true } });
  return { deleted, slug: mc?.slug ?? null, publicChanged };
}
