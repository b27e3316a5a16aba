import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import { forbidden, isUniqueViolation, notFound } from '@/lib/errors';
import { feedbackRefusal } from '@/lib/credential-feedback/policy';
import { getFeedbackStanding } from '@/lib/credential-feedback/queries';

// Teachers' feedback on a micro-credential they went through. Not in the audit log, like the
// teacher's other words of their own (drafts, proposals being written, their profile): the issuer's
// log names whoever acted, and this must reach the issuer without the teacher's name. Nor does it
// notify anyone: a notice at the moment a teacher writes would tell the issuer who it was.
//
// The public page's summary (getCredentialFeedbackSummary) is read on every render, so signed-in
// visitors see a change at once. The anonymous copy in the page cache (ADR 006) is not cleared
// here: that clears every cached public page on every server, which a teacher could then do at will
// by saving again, and an average one rating out of date is harmless. It is at most
// PAGE_CACHE_TTL_MS (30 s) old instead.

/**
 * Saves the actor's feedback on a micro-credential: a new one, or a change to what they said before
 * (one per teacher and credential, the unique index on userId and microCredentialId). Only a
 * teacher a reviewer has decided on (feedbackRefusal), on a credential with a public page; the
 * teacher who already gave feedback may always change it. Saving twice (a double click, two tabs)
 * leaves one row with the last values. `hoursSpent` and `comment` null: not given.
 */
export async function saveCredentialFeedback(opts: { actor: Actor; microCredentialId: string; rating: number; hoursSpent: number | null; comment: string | null }) {
  const mc = await db.microCredential.findFirst({
    where: { id: opts.microCredentialId, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: { id: true, slug: true },
  });
  if (!mc) throw notFound('That micro-credential');
  const key = { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: mc.id } };
  const [standing, existing] = await Promise.all([
    getFeedbackStanding(opts.actor.id, mc.id),
    db.credentialFeedback.findUnique({ where: key, select: { id: true } }),
  ]);
  const refusal = feedbackRefusal(standing, existing !== null);
  // Who may speak about it, not a state of the credential: FORBIDDEN, in words that say when they can.
  if (refusal) throw forbidden(refusal);
  const data = {
    rating: opts.rating,
    hoursSpent: opts.hoursSpent === null ? null : new Prisma.Decimal(opts.hoursSpent),
    comment: opts.comment || null,
  };
  try {
    await db.credentialFeedback.upsert({ where: key, create: { userId: opts.actor.id, microCredentialId: mc.id, ...data }, update: data });
  } catch (e) {
    // Prisma sends this as one INSERT ... ON CONFLICT (a database upsert), so two saves at once
    // (a double click, two tabs) already end as one row. Should it ever read first and both insert,
    // the unique index refuses the second, which is then a change to the first.
    if (!isUniqueViolation(e)) throw e;
    await db.credentialFeedback.update({ where: key, data });
  }
  return { slug: mc.slug, created: existing === null };
}

/**
 * Deletes the actor's own feedback on a micro-credential, whatever its state: the rating, hours
 * and comment are gone from the issuer's page and from the public figures. Deleting what is not
 * there (a second click) is no error. Only ever the actor's row: the teacher is part of the key.
 */
export async function deleteCredentialFeedback(opts: { actor: Actor; microCredentialId: string }) {
  const r = await db.credentialFeedback.deleteMany({ where: { userId: opts.actor.id, microCredentialId: opts.microCredentialId } });
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { slug: true } });
  return { deleted: r.count > 0, slug: mc?.slug ?? null };
}
