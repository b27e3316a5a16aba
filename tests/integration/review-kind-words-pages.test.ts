// The kind of a review, on the scoring page (beside its title) and in the reviewer's history (in
// each row): a grey pill reading "Review" used to stand there for every first review, looking like a
// button and saying nothing. The kind is now said in plain text, and only where it tells something
// (a second, independent score, an adjudication, a second look). And /review/calibration without a
// micro-credential, once taken for a review id ("This review is not one you can open"), leads to the
// review queue, where calibration is offered for each credential.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { redirectOf } from '../setup/actions';
import { createActor } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '@/tests/factories/review-world';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const { default: ReviewHistoryPage } = await import('@/app/review/history/page');
const { default: CalibrationIndexPage } = await import('@/app/review/calibration/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const reviewPage = async (actor: Actor, reviewId: string) => {
  session.actor = actor;
  return renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));
};
const historyRow = async (actor: Actor) => {
  session.actor = actor;
  const html = renderToStaticMarkup(await ReviewHistoryPage({ searchParams: Promise.resolve({}) }));
  const rows = [...html.matchAll(/<tr><th scope="row"[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
  expect(rows).toHaveLength(1);
  return rows[0];
};
/** The scoring page's heading and the facts under it (teacher, attempt, ...). */
const headOf = (html: string) => /<h1[\s\S]*?<\/dl>/.exec(html)![0];
// The pill's look (components/ui/card.tsx): a rounded, filled label beside the title.
const PILL = 'rounded-full';

/** Pia's first review passes, Rex's second independent score does not, and an issuer admin adjudicates. */
async function scoredThreeWays() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 1 });
  const [pia, rex] = [await w.reviewer({ name: 'Pia Pass' }), await w.reviewer({ name: 'Rex Revise' })];
  const attemptId = await submitTextAttempt(w, await createActor({ name: 'Tess Teacher' }));
  const first = await scoreAttempt(w, pia, attemptId, 'PRIMARY', [3, 3]);
  const second = await scoreAttempt(w, rex, attemptId, 'SECOND', [0, 3]);
  expect(second.outcome).toBe('NEEDS_ADJUDICATION');
  const adjudication = await scoreAttempt(w, w.admin, attemptId, 'ADJUDICATION', [3, 3]);
  return { w, pia, rex, first, second, adjudication };
}

describe('the kind of review', () => {
  it('on the scoring page: not said for a first review; said as text, not a pill, for a second score and an adjudication', async () => {
    const { w, pia, rex, first, second, adjudication } = await scoredThreeWays();
    const primary = headOf(await reviewPage(pia, first.reviewId));
    expect(textJoined(primary)).not.toContain('Review type');
    expect(primary).not.toContain(PILL);

    const secondHead = headOf(await reviewPage(rex, second.reviewId));
    expect(textJoined(secondHead)).toContain('Review type: Second, independent score');
    expect(secondHead).toMatch(/<dt[^>]*>Review type: <\/dt><dd[^>]*>Second, independent score<\/dd>/);
    expect(secondHead).not.toContain(PILL);

    const adjudicationHead = headOf(await reviewPage(w.admin, adjudication.reviewId));
    expect(textJoined(adjudicationHead)).toContain('Review type: Adjudication');
    expect(adjudicationHead).not.toContain(PILL);
  });

  it('in the history: not said for a first review; said as text, not a pill, for a second score and an adjudication', async () => {
    const { w, pia, rex } = await scoredThreeWays();
    const primary = await historyRow(pia);
    expect(primary).not.toContain(PILL);
    expect(primary).not.toMatch(/>Review<\/span>/);

    const secondRow = await historyRow(rex);
    expect(secondRow).toMatch(/<span class="block text-xs font-semibold text-slate-800">Second score<\/span>/);
    expect(secondRow).not.toContain(PILL);

    const adjudicationRow = await historyRow(w.admin);
    expect(adjudicationRow).toMatch(/<span class="block text-xs font-semibold text-slate-800">Adjudication<\/span>/);
    expect(adjudicationRow).not.toContain(PILL);
  });
});

describe('/review/calibration without a micro-credential', () => {
  it('leads to the review queue, where calibration is offered for each credential', async () => {
    expect(await redirectOf((async () => CalibrationIndexPage())())).toBe('/review');
  });
});
