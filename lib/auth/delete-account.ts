import 'server-only';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { db } from '@/lib/db';
import { invalidState, rateLimited, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { verifyPassword } from '@/lib/auth/password';
import { hitRateLimit } from '@/lib/rate-limit';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { noticesAbout } from '@/lib/notifications/notify';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { holdFeedbackOfAccount } from '@/lib/credential-feedback/mutations';
import { certificateKeysOfAccount } from '@/lib/external-learning/certificates';

// A teacher deletes their own account: the account, their applications and evidence, proposals,
// enrolments, notifications, badges and other learning (with its certificates) go. Evidence and
// certificate objects are deleted from storage by a job (there can be many, and storage may be
// briefly unavailable); the audit log keeps that an account
// was deleted, without who it was. Staff accounts (reviewers, issuer admins, district leaders) hold
// decisions others rely on: an administrator closes those.

export const DeleteAccountInput = z.object({
  password: str().max(200, 'That is longer than any password here (at most 200 characters). Check it and try again.').optional().default(''),
  email: str().trim().toLowerCase().max(320, 'That email address is too long. Type the address you sign in with.').optional().default(''),
  understood: z.literal('on', { message: 'Tick the box to show you understand this cannot be undone.' }),
});

/** For accounts that scored teachers' work in the past: those decisions must stay attributable. */
export const REVIEWED_BEFORE =
  'You scored teachers’ work as a reviewer, and those decisions must stay on record, so this account cannot be deleted here. Ask a platform administrator to disable it: it then cannot be used, and your badges stay as they are.';

/** Storage keys per deletion job. */
const KEYS_PER_JOB = 500;

export async function deleteOwnAccount(opts: { actor: Actor; input: z.infer<typeof DeleteAccountInput> }) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: opts.actor.id },
    select: { id: true, email: true, passwordHash: true, memberships: { where: { role: { not: 'TEACHER' } }, select: { id: true } }, _count: { select: { reviews: true } } },
  });
  if (user.memberships.length) {
    throw invalidState('Your account has a reviewer or administrator role, and others rely on its decisions. Ask an administrator of your organisation to close it.');
  }
  if (user._count.reviews) {
    throw invalidState(REVIEWED_BEFORE);
  }
  const limit = await hitRateLimit(`delete-account:${user.id}`, 5, 60 * 60);
  if (!limit.allowed) throw rateLimited('Too many tries. Try again in an hour.');
  // Proof it is really the owner at the keyboard: the password, or for school sign-in accounts the address.
  if (user.passwordHash) {
    if (!(await verifyPassword(user.passwordHash, opts.input.password))) throw validation('That password is not right.', { password: ['That password is not right.'] });
  } else if (opts.input.email !== user.email) {
    throw validation('Type your email address exactly as it is on this page.', { email: ['Type your email address exactly as it is on this page.'] });
  }
  // The badges' public pages and portfolio go too, so every server's cached copies are cleared.
  return changePublicPages(async (tx) => {
    // Their ratings of micro-credentials go with the account: each credential's public feedback
    // figures are settled as for a deletion once the rows are gone (withdrawn if fewer than five
    // are left), holding each credential's feedback from here as a rating does.
    const settleFeedback = await holdFeedbackOfAccount(tx, user.id);
    // Locked before they are read, in the order an upload being accepted takes them (the attempt,
    // then its file; lib/evidence/uploads.ts): an acceptance under way commits first, and its row is
    // read with the key it moved the file to (its checked copy under evidence/), not the upload key
    // it had a moment before. One arriving later finds the attempt gone and keeps nothing.
    await tx.$queryRaw`
      SELECT a."id" FROM "Attempt" a JOIN "Submission" s ON s."id" = a."submissionId"
      WHERE s."userId" = ${user.id} ORDER BY a."id" FOR UPDATE OF a`;
    const files = await tx.$queryRaw<{ storageKey: string; multipartUploadId: string | null }[]>`
      SELECT "storageKey", "multipartUploadId" FROM "EvidenceFile" WHERE "ownerId" = ${user.id} ORDER BY "id" FOR UPDATE`;
    const evidenceKeys = [...new Set(files.map((f) => f.storageKey))];
    // The certificates of completion on their other professional learning (ADR 027), upload
    // objects and checked copies, locked as an acceptance takes them (entries, then rows).
    const certificateKeys = await certificateKeysOfAccount(tx, user.id);
    const keys = [...new Set([...evidenceKeys, ...certificateKeys])];
    // A large upload (a classroom video) still under way has parts in storage but no object yet.
    const uploads = files.filter((f) => f.multipartUploadId).map((f) => ({ key: f.storageKey, uploadId: f.multipartUploadId! }));
    for (let i = 0; i < Math.max(keys.length, uploads.length); i += KEYS_PER_JOB) {
      await enqueueJob({ type: 'storage.delete-objects', payload: { keys: keys.slice(i, i + KEYS_PER_JOB), uploads: uploads.slice(i, i + KEYS_PER_JOB) } }, tx);
    }
    const awards = await tx.award.count({ where: { userId: user.id } });
    await recordAudit({ actorId: null, action: 'user.delete', entityType: 'User', entityId: user.id, data: { awards, evidenceObjects: evidenceKeys.length, ...(certificateKeys.length ? { certificateObjects: certificateKeys.length } : {}) } }, tx);
    // The emails written to the account go with it: they name files and quote an issuer's reasons,
    // and the demo outbox would show them to whoever signs up with the address next. Matched in
    // any case of letters, as the app compares addresses; the rest go by age (tidyJobs).
    await tx.$executeRaw`DELETE FROM "EmailMessage" WHERE "to" = lower(btrim(${user.email}))`;
    // What others were told of the account's own request to join a district and its questions to
    // issuers goes too (both are deleted with it): a notice left would open nothing, and its email,
    // not sent yet, would still ask a leader to confirm someone who is gone.
    const questions = await tx.credentialQuestion.findMany({ where: { userId: user.id }, select: { id: true } });
    await tx.notification.deleteMany({ where: noticesAbout({ type: 'DistrictJoinRequest', id: user.id }) });
    if (questions.length) await tx.notification.deleteMany({ where: { subjectType: 'CredentialQuestion', subjectId: { in: questions.map((q) => q.id) } } });
    await tx.user.delete({ where: { id: user.id } });
    await settleFeedback();
    return { awards, evidenceObjects: evidenceKeys.length };
  });
}
