import 'server-only';
import type { JobHandler } from '@/lib/jobs/queue';
import { expireStaleClaims } from '@/lib/review/mutations';

/** Register in lib/jobs/handlers.ts: `...reviewJobHandlers`. Enqueue 'review.expire-claims' periodically (e.g. every 15 minutes). */
export const reviewJobHandlers: Record<string, JobHandler> = {
  async 'review.expire-claims'() {
    await expireStaleClaims();
  },
};
