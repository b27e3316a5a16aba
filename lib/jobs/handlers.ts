import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { sendEmail } from '@/lib/email/send';
import { notificationEmailText } from '@/lib/email/notification-text';
import { unsubscribePageUrl, unsubscribeUrl } from '@/lib/email/unsubscribe';
import { awardStackToHolders } from '@/lib/awards/issue';
import { issueAwardJob, queueMissingAwards } from '@/lib/jobs/award-issue';
import { sweepStaleUploads } from '@/lib/evidence/uploads';
import { sweepStaleCertificateUploads } from '@/lib/external-learning/certificates';
import { abortMultipartOrThrow, deleteObjectOrThrow } from '@/lib/storage/s3';
import { sendRenewalReminders } from '@/lib/awards/renewal-reminders';
import { sendStalledReminders, STALLED_REMINDERS_JOB } from '@/lib/submissions/stalled-reminders';
import { enqueueJob, tidyJobs } from '@/lib/jobs/queue';
import type { JobHandler } from '@/lib/jobs/queue';
import { reviewJobHandlers } from '@/lib/review/jobs';
import { sendPasswordResetEmail } from '@/lib/auth/password-reset';
import { sendVerificationEmail } from '@/lib/auth/email-verification';
import { PASSWORD_RESET_JOB, VERIFY_EMAIL_JOB } from '@/lib/jobs/link-emails';
import { oneLine } from '@/lib/auth/schemas';
import { notifyRecommendationAudience, RECOMMENDATION_NOTICE_JOB } from '@/lib/district/recommendation-notices';
import { INVITATION_EMAIL_JOB, sendFileInvitationEmail } from '@/lib/people/bulk-invite';
import { PART_RESTORED_JOB, restoreStacksOnPart } from '@/lib/jobs/part-restored';
import { deleteStaleRateLimits } from '@/lib/rate-limit';

// notificationId: absent in jobs queued before the email carried it (those are sent as before).
const NotificationEmail = z.object({ userId: z.string(), notificationId: z.string().nullish(), title: z.string(), body: z.string(), href: z.string().nullable(), essential: z.boolean().optional() });
// decidedAt: the decision time, so a late award is still dated at the decision (absent in jobs queued before it was carried).
const AwardIssue = z.object({ submissionId: z.string(), decidedAt: z.iso.datetime().nullish() });
// restored: queued when an admin re-enabled the account and cleared its password (absent otherwise).
const PasswordReset = z.object({ email: z.string(), restored: z.boolean().optional() });
const VerifyEmail = z.object({ userId: z.string() });
const StackHolders = z.object({ stackId: z.string() });
const PartRestored = z.object({ userId: z.string(), microCredentialId: z.string() });
const RecommendationNotices = z.object({ recommendationId: z.string() });
const DeleteObjects = z.object({ keys: z.array(z.string()).max(1000), uploads: z.array(z.object({ key: z.string(), uploadId: z.string() })).max(1000).default([]) });

export const jobHandlers: Record<string, JobHandler> = {
  ...reviewJobHandlers,
  async 'email.notification'(payload) {
    const p = NotificationEmail.parse(payload);
    const user = await db.user.findUnique({ where: { id: p.userId }, select: { email: true, name: true, emailNotifications: true, disabledAt: true } });
    // A disabled account is told only what concerns the account itself (that it was disabled, a badge's status).
    if (!user || ((!user.emailNotifications || user.disabledAt) && !p.essential)) return;
    // Its notice deleted meanwhile: what it was about was withdrawn (a teacher's question, a request
    // to join a district) or settled (a request to join decided by a leader), so the email would
    // point to something no longer there or already done. Nothing else deletes a notice; a deleted
    // account's go with it, and the account check above sends nothing.
    if (p.notificationId && !(await db.notification.findUnique({ where: { id: p.notificationId }, select: { id: true } }))) return;
    const link = p.href ? new URL(p.href, env().APP_URL).toString() : null;
    // The ones a person may turn off carry a one-click unsubscribe link (headers and footer), which
    // works signed out (lib/email/unsubscribe.ts); essential ones carry none. The link ends its line:
    // punctuation right after it could be taken into it by a mail program's linking.
    const settings = p.essential
      ? 'We always email notices about your account’s security and your badges’ status.'
      : `To stop these emails: ${unsubscribePageUrl(p.userId)}\nOr untick "Email me about my work" at ${new URL('/account', env().APP_URL).toString()}.`;
    // Titles name other people (a teacher asking to join, a reviewer), in words they typed: the
    // title and the greeting stay on one line, so a name cannot add lines of its own to the email.
    const title = oneLine(p.title);
    await sendEmail({
      to: user.email,
      subject: title,
      text: notificationEmailText({ name: oneLine(user.name), title, body: p.body, link, settings }),
      ...(p.essential ? {} : { unsubscribeUrl: unsubscribeUrl(p.userId) }),
    });
  },
  // "Forgot your password?": the link is made and sent here, so the request itself does the same
  // work whether or not the address has an account (lib/auth/password-reset.ts). Given the job, it
  // sends nothing once a later request or a used link has made this one moot (lib/jobs/link-emails.ts).
  async [PASSWORD_RESET_JOB](payload, job) {
    const p = PasswordReset.parse(payload);
    await sendPasswordResetEmail(p.email, new Date(), job, p.restored ? 'restored' : 'asked');
  },
  async [VERIFY_EMAIL_JOB](payload, job) {
    await sendVerificationEmail(VerifyEmail.parse(payload).userId, new Date(), job);
  },
  // Queued with every pass, in the decision's transaction; issues the award when issuing it right
  // after the decision failed (e.g. the database blinked) or the server died before it could.
  async 'award.issue'(payload) {
    await issueAwardJob(AwardIssue.parse(payload));
  },
  // A part badge reinstated: its stacks brought up to date (issued, or their hold lifted), when doing
  // it right after the reinstatement failed or the server died first. Safe to repeat.
  async [PART_RESTORED_JOB](payload) {
    await restoreStacksOnPart(PartRestored.parse(payload));
  },
  async 'award.recover-missing'() {
    await queueMissingAwards();
  },
  // Uploads begun and never finished: evidence, and certificates of completion on other learning.
  // Each runs whatever the other does: one failing (a storage error) is thrown after both ran, so the job retries.
  async 'evidence.sweep-stale-uploads'() {
    const results = await Promise.allSettled([sweepStaleUploads(), sweepStaleCertificateUploads()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  },
  // A deleted account's evidence: deleting a missing object succeeds, so a retry is harmless.
  // Unfinished multipart uploads are aborted first: deleting a key does not remove uploaded parts.
  async 'storage.delete-objects'(payload) {
    const { keys, uploads } = DeleteObjects.parse(payload);
    for (const u of uploads) await abortMultipartOrThrow(u.key, u.uploadId);
    for (const key of keys) await deleteObjectOrThrow(key);
  },
  // The queue's and the rate limits' upkeep. Each runs whatever the other does: one failing is
  // thrown after both ran, so the job retries.
  async 'jobs.tidy'() {
    const results = await Promise.allSettled([tidyJobs(), deleteStaleRateLimits()]);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  },
  async 'award.renewal-reminders'() {
    await sendRenewalReminders();
  },
  // Applications left untouched for 30 days while the teacher's to act on (a draft, or work
  // returned for revision): one reminder per attempt and state.
  async [STALLED_REMINDERS_JOB]() {
    await sendStalledReminders();
  },
  // A stack published or changed: award it to everyone who already holds every part, a batch per
  // run (each award is signed), queueing the next batch until none is left.
  async 'stack.award-holders'(payload) {
    const { stackId } = StackHolders.parse(payload);
    const { more } = await awardStackToHolders(stackId);
    if (more) await enqueueJob({ type: 'stack.award-holders', payload: { stackId } });
  },
  // A district recommended something: its audience is told in batches; a large one carries on in a
  // new job. Where to carry on is kept on the recommendation, so a retry tells nobody twice.
  async [RECOMMENDATION_NOTICE_JOB](payload) {
    const { recommendationId } = RecommendationNotices.parse(payload);
    const { more } = await notifyRecommendationAudience(recommendationId);
    if (more) await enqueueJob({ type: RECOMMENDATION_NOTICE_JOB, payload: { recommendationId } });
  },
  // Invitations a district made from a file: the job makes each one's link and emails it, once.
  async [INVITATION_EMAIL_JOB](payload) {
    await sendFileInvitationEmail(payload);
  },
};

/** Periodic work, scheduled through the queue so exactly one server runs each occurrence. */
export const periodicJobs: { type: string; everySeconds: number }[] = [
  { type: 'review.expire-claims', everySeconds: 15 * 60 },
  { type: 'review.release-disallowed-claims', everySeconds: 60 * 60 },
  { type: 'review.digest', everySeconds: 24 * 60 * 60 },
  { type: 'evidence.sweep-stale-uploads', everySeconds: 60 * 60 },
  { type: 'award.renewal-reminders', everySeconds: 6 * 60 * 60 },
  { type: STALLED_REMINDERS_JOB, everySeconds: 6 * 60 * 60 },
  { type: 'award.recover-missing', everySeconds: 10 * 60 },
  { type: 'jobs.tidy', everySeconds: 6 * 60 * 60 },
];
