import 'server-only';
import { db } from '@/lib/db';
import { notify } from '@/lib/notifications/notify';
import { RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Periodic ('award.renewal-reminders'): tells each holder, once per badge, that a badge expires
 * within the renewal window and how to renew it, by notification and email. Only the newest badge
 * for a micro-credential, and only when no renewal is under way (a later application cycle still
 * work in progress: one the holder stopped does not count). Each badge is marked as it is picked,
 * in the same transaction as its notifications, and the pick skips rows another server holds, so
 * two servers never remind twice. Returns how many were sent.
 */
export async function sendRenewalReminders(now = new Date(), batch = 500): Promise<number> {
  const horizon = new Date(now.getTime() + RENEWAL_WINDOW_DAYS * 86_400_000);
  let sent = 0;
  for (;;) {
    const picked = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; userId: string; title: string; validUntil: Date; slug: string | null; renewing: boolean }[]>`
        UPDATE "Award" a SET "renewalNoticeAt" = ${now}
         WHERE a."id" IN (
           SELECT c."id" FROM "Award" c
            WHERE c."renewalNoticeAt" IS NULL AND c."validUntil" > ${now} AND c."validUntil" <= ${horizon}
              -- The window is the last third of a short validity (renewal-policy.ts renewalOpensAt).
              AND c."validUntil" - LEAST(make_interval(days => ${RENEWAL_WINDOW_DAYS}::int), (c."validUntil" - c."issuedAt") / 3) <= ${now}::timestamp
              AND c."revokedAt" IS NULL AND c."suspendedAt" IS NULL AND c."stackId" IS NULL AND c."microCredentialId" IS NOT NULL
              -- Only credentials the issuer still offers can be renewed.
              AND EXISTS (SELECT 1 FROM "MicroCredential" m WHERE m."id" = c."microCredentialId" AND m."status" = 'PUBLISHED'::"PublishStatus")
            ORDER BY c."validUntil" ASC
            LIMIT ${batch}
            FOR UPDATE SKIP LOCKED)
        RETURNING a."id", a."userId", a."title", a."validUntil",
          (SELECT m."slug" FROM "MicroCredential" m WHERE m."id" = a."microCredentialId") AS "slug",
          -- A renewal under way: a later cycle still work in progress. One the holder stopped (its
          -- draft kept) is not, so they are reminded as if none had started.
          EXISTS (
            SELECT 1 FROM "Submission" later JOIN "Submission" mine ON mine."id" = a."submissionId"
             WHERE later."userId" = a."userId" AND later."microCredentialId" = a."microCredentialId" AND later."cycle" > mine."cycle"
               AND ${workInProgressSql('later')}) AS "renewing"`;
      for (const r of rows) {
        if (r.renewing) continue;
        await notify({
          userId: r.userId,
          kind: 'award.expiring',
          title: `Your badge “${r.title}” expires on ${dayFmt.format(r.validUntil)}`,
          body: 'Renew it by showing the skill again with fresh evidence. A badge renewed early runs on from its old end date.',
          href: r.slug ? `/apply/${r.slug}` : '/badges',
        }, tx);
      }
      return rows;
    });
    sent += picked.filter((r) => !r.renewing).length;
    if (picked.length < batch) return sent;
  }
}
