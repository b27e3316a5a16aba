import 'server-only';
import { db } from '@/lib/db';
import type { AccountTokenPurpose } from '@/lib/generated/prisma/enums';
import { linkEmailVerdict, type LinkEmailRequest, type LinkEmailVerdict, type OtherLinkRequest } from '@/lib/jobs/link-emails';

/**
 * Reads what linkEmailVerdict weighs for the job of `request`: the other requests of the same
 * `type` for the same person (`target`: the payload field naming them, and its value) queued since,
 * and the links of `purpose` made for `userId` since. Later requests are read on the Job
 * (type, completedAt) index: those still to run, and those finished since this one was queued.
 */
export async function linkEmailVerdictFor(opts: {
  type: string;
  target: { field: 'email' | 'userId'; value: string };
  userId: string;
  purpose: AccountTokenPurpose;
  request: LinkEmailRequest;
}): Promise<LinkEmailVerdict> {
  const since = opts.request.createdAt;
  const [others, links] = await Promise.all([
    db.$queryRaw<OtherLinkRequest[]>`
      SELECT "id", "createdAt", ("completedAt" IS NULL AND "attempts" >= "maxAttempts" AND "lockedAt" IS NULL) AS "givenUp"
      FROM "Job"
      WHERE "type" = ${opts.type} AND ("completedAt" IS NULL OR "completedAt" >= ${since})
        AND "createdAt" >= ${since} AND "id" <> ${opts.request.id}
        AND "payload"->>${opts.target.field} = ${opts.target.value}`,
    db.accountToken.findMany({ where: { userId: opts.userId, purpose: opts.purpose, createdAt: { gte: since } }, select: { createdAt: true, usedAt: true } }),
  ]);
  return linkEmailVerdict(opts.request, others, links);
}
