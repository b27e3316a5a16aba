import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import { forbidden, notFound } from '@/lib/errors';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { feedbackRefusal, publicSummaryChanged } from '@/lib/credential-feedback/policy';
import { getFeedbackStanding, readPublicFeedbackSummary } from '@/lib/credential-feedback/queries';

// Teachers' feedback on a micro-credential they went through. Not in the audit log, like the
// teacher's other words of their own (drafts, proposals being written, their profile): the issuer's
// log names whoever acted, and this must reach the issuer without the teacher's name. Nor does it
// notify anyone: a notice at the moment a teacher writes would tell the issuer who it was.
//
// The public page's figures take in ratings only in whole batches (publicFeedbackSummary), so most
// saves and deletions leave them as they were. Each write reads them before and after, in its
// transaction; only when the page would read differently does every server drop its cached public
// pages (changePublicPages, ADR 006), so the anonymous copy is never behind the change that matters,
// and an ordinary rating does not empty every server's cache.

/**
 * Holds one credential's feedback for this transaction: saves and deletions on a credential take
 * turns, so each one's "before" is the last one's "after". Without it, two ratings at once (the 9th
 * and 10th) could each see the other uncommitted, find the figures unchanged, and leave a stale page
 * in every cache between them.
 */
async function holdFeedbackOf(tx: Tx, microCredentialId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`credential-feedback:${microCredentialId}`}))`;
}

/**
 * Once the write has committed: every server drops its cached public pages, this one at once (an
 * otherwise empty changePublicPages transaction, which only sends the notice). Right after the commit
 * rather than in it, since only the write's transaction can tell whether the figures moved; a copy
 * cached in between is dropped by this too (and were this server to stop in between, the cache's
 * 30 s TTL still bounds how long any copy is behind).
 */
const dropCachedPublicPages = () => changePublicPages(async () => undefined);

/**
 * Saves the actor's feedback on a micro-credential: a new one, or a change to what they said before
 * (one per teacher and credential, the unique index on userId and microCredentialId). Only a
 * teacher a reviewer has decided on (feedbackRefusal), on a credential with a public page; the
 * teacher who already gave feedback may always change it. Saving twice (a double click, two tabs)
 * leaves one row with the last values. `hoursSpent` and `comment` null: not given. `publicChanged`:
 * the public page's figures moved, and every server's cached copy was dropped.
 */
export async function saveCredentialFeedback(opts: { actor: Actor; microCredentialId: string; rating: number; hoursSpent: number | null; comment: string | null }) {
  const mc = await db.microCredential.findFirst({
    where: { id: opts.microCredentialId, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: { id: true, slug: true },
  });
  if (!mc) throw notFound('That micro-credential');
  const key = { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: mc.id } };
  const standing = await getFeedbackStanding(opts.actor.id, mc.id);
  const data = {
    rating: opts.rating,
    hoursSpent: opts.hoursSpent === null ? null : new Prisma.Decimal(opts.hoursSpent),
    comment: opts.comment || null,
  };
  const { created, publicChanged } = await db.$transaction(async (tx) => {
    // Held first: two saves of one teacher at once (a double click, two tabs) take turns, so the
    // second finds the first's row and changes it.
    await holdFeedbackOf(tx, mc.id);
    const existing = await tx.credentialFeedback.findUnique({ where: key, select: { id: true } });
    const refusal = feedbackRefusal(standing, existing !== null);
    // Who may speak about it, not a state of the credential: FORBIDDEN, in words that say when they can.
    if (refusal) throw forbidden(refusal);
    const before = await readPublicFeedbackSummary(tx, mc.id);
    await tx.credentialFeedback.upsert({ where: key, create: { userId: opts.actor.id, microCredentialId: mc.id, ...data }, update: data });
    const after = await readPublicFeedbackSummary(tx, mc.id);
    return { created: existing === null, publicChanged: publicSummaryChanged(before, after) };
  });
  if (publicChanged) await dropCachedPublicPages();
  return { slug: mc.slug, created, publicChanged };
}

/**
 * Deletes the actor's own feedback on a micro-credential, whatever its state: the rating, hours
 * and comment are gone from the issuer's page and from the public figures. Deleting what is not
 * there (a second click) is no error. Only ever the actor's row: the teacher is part of the key.
 * `publicChanged` as for saveCredentialFeedback.
 */
export async function deleteCredentialFeedback(opts: { actor: Actor; microCredentialId: string }) {
  const key = { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: opts.microCredentialId } };
  const { deleted, publicChanged } = await db.$transaction(async (tx) => {
    // Nothing of theirs (a second click, an id that is not ours): nothing to hold or to compare.
    if (!(await tx.credentialFeedback.findUnique({ where: key, select: { id: true } }))) return { deleted: false, publicChanged: false };
    await holdFeedbackOf(tx, opts.microCredentialId);
    const before = await readPublicFeedbackSummary(tx, opts.microCredentialId);
    // The row may have gone while this waited for its turn (two clicks at once): then the figures are as they were.
    const r = await tx.credentialFeedback.deleteMany({ where: { userId: opts.actor.id, microCredentialId: opts.microCredentialId } });
    if (r.count === 0) return { deleted: false, publicChanged: false };
    const after = await readPublicFeedbackSummary(tx, opts.microCredentialId);
    return { deleted: true, publicChanged: publicSummaryChanged(before, after) };
  });
  if (publicChanged) await dropCachedPublicPages();
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { slug: true } });
  return { deleted, slug: mc?.slug ?? null, publicChanged };
}
