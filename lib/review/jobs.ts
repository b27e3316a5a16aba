import 'server-only';
import type { JobHandler } from '@/lib/jobs/queue';
import { expireStaleClaims } from '@/lib/review/mutations';
import { releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { sendReviewerDigests } from '@/lib/review/digest';

/** Registered in lib/jobs/handlers.ts (`...reviewJobHandlers`), each with a periodic entry there. */
export const reviewJobHandlers: Record<string, JobHandler> = {
  async 'review.expire-claims'() {
    await expireStaleClaims();
  },
  // Hourly: live claims whose reviewer may no longer score the work (a move or a badge lapsed without
  // anything giving the claim back; the app's own placement moves give theirs back at once) go back
  // to the queue (lib/review/claims.ts).
  async 'review.release-disallowed-claims'() {
    await releaseClaimsNoLongerAllowed();
  },
  // Daily: tells each reviewer how much work is waiting that they could claim (lib/review/digest.ts).
  async 'review.digest'() {
    await sendReviewerDigests();
  },
};
