// The adjudication list on the review-quality page offers "Adjudicate" only where the admin may
// settle the disagreement (claimReview refuses their own application, a colleague's the issuer's
// conflict rules keep them from reviewing, and a submission they scored themselves): there it says
// who adjudicates instead. On their own application an admin is a teacher like any other and does
// not see who scored it or who is settling it. Real Postgres, the real page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { outcomeOf } from '../setup/outcome';
import { makeConflictedAdminWorld } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { listAdjudicationQueue } from '@/lib/review/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ReviewQualityPage } = await import('@/app/admin/review-quality/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/**
 * An issuer that double-scores everything and blocks same-school reviewing. Ada is one of its admins
 * and applies for its credential; Cal is an admin at Tess's school; Sam is an admin who also scores.
 * Ada's attempt: Rae fails it, Finn passes it. Tess's: Rae fails it, Sam passes it. Both wait for
 * adjudication.
 */
async function makeWorld() {
  const w = await makeConflictedAdminWorld({ doubleScoreRate: 1 });
  return { ...w, own: await w.disagree(w.ada, w.finn), tesss: await w.disagree(w.tess, w.sam) };
}

const byAttempt = async (actor: Actor) => new Map((await listAdjudicationQueue({ actor })).items.map((i) => [i.attemptId, i]));
const adjudicationSection = (html: string) => html.slice(html.indexOf('id="adjudication"'), html.indexOf('id="assign"'));

describe('the adjudication list', () => {
  it('says who may adjudicate, and hides the reviewers of an admin’s own application from them', async () => {
    const w = await makeWorld();

    const ada = await byAttempt(w.ada);
    expect(ada.get(w.own)).toMatchObject({ conflict: 'OWN_WORK', scoredByYou: false, decisions: [{ reviewerName: null }, { reviewerName: null }] });
    expect(ada.get(w.tesss)).toMatchObject({ conflict: null, scoredByYou: false, decisions: [{ reviewerName: 'Rae Reviewer' }, { reviewerName: 'Sam Scorer-Admin' }] });
    expect(await outcomeOf(claimReview({ actor: w.ada, attemptId: w.own, kind: 'ADJUDICATION' }))).toBe('FORBIDDEN');

    const cal = await byAttempt(w.cal);
    expect(cal.get(w.tesss)).toMatchObject({ conflict: 'SAME_SCHOOL', decisions: [{ reviewerName: 'Rae Reviewer' }, { reviewerName: 'Sam Scorer-Admin' }] });
    expect(cal.get(w.own)).toMatchObject({ conflict: null });
    expect(await outcomeOf(claimReview({ actor: w.cal, attemptId: w.tesss, kind: 'ADJUDICATION' }))).toBe('FORBIDDEN');

    const sam = await byAttempt(w.sam);
    expect(sam.get(w.tesss)).toMatchObject({ conflict: null, scoredByYou: true });
    expect(sam.get(w.own)).toMatchObject({ conflict: null, scoredByYou: false });
    expect(await outcomeOf(claimReview({ actor: w.sam, attemptId: w.tesss, kind: 'ADJUDICATION' }))).toBe('FORBIDDEN');

    // An admin with no tie to either may settle both, and sees who scored them.
    const free = await byAttempt(w.admin);
    expect([...free.values()].map((i) => [i.conflict, i.scoredByYou])).toEqual([[null, false], [null, false]]);
    expect(free.get(w.own)?.decisions.map((d) => d.reviewerName)).toEqual(['Rae Reviewer', 'Finn Second']);

    // Once that admin settles Ada's, Ada does not learn who is doing it.
    await claimReview({ actor: w.admin, attemptId: w.own, kind: 'ADJUDICATION' });
    expect((await byAttempt(w.ada)).get(w.own)?.claimedBy).toMatchObject({ reviewerId: w.admin.id, name: null });
    expect((await byAttempt(w.cal)).get(w.own)?.claimedBy).toMatchObject({ name: w.admin.name });
  });

  it('shows the reason instead of an Adjudicate button the server would refuse', async () => {
    const w = await makeWorld();
    const page = async (actor: Actor) => {
      session.actor = actor;
      return adjudicationSection(renderToStaticMarkup(await ReviewQualityPage({ searchParams: Promise.resolve({}) })));
    };
    const button = (attemptId: string) => `aria-describedby="adj-${attemptId}"`;

    const ada = await page(w.ada);
    expect(ada).toContain('Your own application: another admin adjudicates it.');
    expect(ada).not.toContain(button(w.own));
    expect(ada).toContain(button(w.tesss));
    expect(ada).not.toContain('Finn');
    expect(ada).toContain('First: revise · Second: pass');

    const cal = await page(w.cal);
    expect(cal).toContain('Another admin adjudicates this: the issuer’s conflict-of-interest rules apply to you.');
    expect(cal).not.toContain(button(w.tesss));
    expect(cal).toContain(button(w.own));

    const sam = await page(w.sam);
    expect(sam).toContain('You scored this submission: another admin adjudicates it.');
    expect(sam).not.toContain(button(w.tesss));

    const free = await page(w.admin);
    expect(free).toContain(button(w.own));
    expect(free).toContain(button(w.tesss));
    expect(free).toContain('First (Rae Reviewer): revise · Second (Finn Second): pass');

    await claimReview({ actor: w.admin, attemptId: w.own, kind: 'ADJUDICATION' });
    expect(await page(w.ada)).toContain('Being adjudicated by another admin');
  });
});
