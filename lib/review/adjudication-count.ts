import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { listAdjudicationQueue } from '@/lib/review/queries';

/** Pages of 100 the count reads at most: disagreements waiting beyond 500 are rare, and the list itself shows them all. */
const ADJUDICATION_PAGES_READ = 5;

/**
 * The submissions waiting for adjudication, split as the adjudication list on /admin/review-quality
 * splits them (listAdjudicationQueue, the list itself, read a page at a time): `yours`, those it
 * offers this admin ("Adjudicate", or "Continue adjudicating" their own claim), and `others`, those
 * another admin settles (one holding the claim now, or it is the admin's own application, one they
 * scored or a teacher the issuer's conflict rules keep them from: claimReview refuses those).
 */
export async function countAdjudicationFor(actor: Actor): Promise<{ yours: number; others: number }> {
  let yours = 0;
  let others = 0;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listAdjudicationQueue({ actor, cursor, limit: 100 });
    for (const i of page.items) {
      const mine = i.claimedBy ? i.claimedBy.reviewerId === actor.id : !i.conflict && !i.scoredByYou;
      if (mine) yours++;
      else others++;
    }
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < ADJUDICATION_PAGES_READ);
  return { yours, others };
}
