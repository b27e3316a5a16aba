import 'server-only';
import type { JobHandler } from '@/lib/jobs/queue';
import { expireStaleClaims } from '@/lib/review/mutations';
import { sendReviewerDigests } from '@/lib/review/digest';

/** Registered in lib/jobs/handlers.ts (`...reviewJobHandlers`), each with a periodic entry there. */
export const reviewJobHandlers: Record<string, JobHandler> = {
  async 'review.expire-claims'() {
    await expireStaleClaims();
  },
  // Daily: tells each reviewer how much work is waiting that they could claim (lib/review/digest.ts).
  async 'review.digest'() {
    await sendReviewerDigests();
  },
};
