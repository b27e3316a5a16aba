// The pages behind the review notices: the admin home's counts, the reviewer's history (linked from
// the queue) and the scoring patterns on the review-quality page, rendered as a person gets them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, qualify } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '@/tests/factories/review-world';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: AdminHomePage } = await import('@/app/admin/page');
const { default: ReviewQueuePage } = await import('@/app/review/page');
const { default: ReviewHistoryPage } = await import('@/app/review/history/page');
const { default: ReviewQualityPage } = await import('@/app/admin/review-quality/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** One reviewer, Rita, who submits and scores through the shared review world. */
async function makeWorld(issuerData: Record<string, unknown> = {}) {
  const w = await makeReviewWorld(issuerData);
  const reviewer = await w.reviewer({ name: 'Rita Reviewer' });
  const submit = (teacher: Actor) => submitTextAttempt(w, teacher);
  const score = async (attemptId: string, ranks: [number, number]) => (await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', ranks)).reviewId;
  return { ...w, reviewer, submit, score };
}

const render = async (page: Promise<React.ReactElement>) => renderToStaticMarkup(await page);

describe('review pages', () => {
  it('the admin home links its adjudication and past-the-date counts', async () => {
    const w = await makeWorld();
    const late = await w.submit(await createActor());
    await db.attempt.update({ where: { id: late }, data: { dueAt: new Date(Date.now() - 86_400_000), needsAdjudication: true } });
    session.actor = w.admin;
    const html = await render(AdminHomePage());
    expect(html).toContain('Needs adjudication');
    expect(html).toContain('Past the decision date');
    expect(html).toMatch(/href="\/admin\/review-quality#adjudication"[^>]*>1<span class="sr-only">/);
    expect(html).toMatch(/href="\/admin\/review-quality#assign"[^>]*>1<span class="sr-only">/);
  });

  it('the queue links the history, which hides the teacher under blind review', async () => {
    const w = await makeWorld({ blindReview: true });
    const reviewId = await w.score(await w.submit(await createActor({ name: 'Tess Teacher' })), [3, 3]);
    session.actor = w.reviewer;
    expect(await render(ReviewQueuePage({ searchParams: Promise.resolve({}) }))).toContain('href="/review/history"');
    const html = await render(ReviewHistoryPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain(`href="/review/${reviewId}"`);
    expect(html).toContain('Meets the standard');
    expect(html).toContain('Scored once');
    expect(html).toContain('Hidden (blind review)');
    expect(html).not.toContain('Tess');
  });

  it('the queue renders each submission once: one table, stacked into cards on a phone', async () => {
    const w = await makeWorld();
    const attemptId = await w.submit(await createActor({ name: 'Tess Teacher' }));
    session.actor = w.reviewer;
    const html = await render(ReviewQueuePage({ searchParams: Promise.resolve({}) }));
    // Once: the phone layout is the same rows restyled, not a second copy of them.
    expect(html.split('Tess Teacher').length - 1).toBe(1);
    expect(html.match(new RegExp(`aria-describedby="row-${attemptId}"`, 'g'))).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<button type="submit" aria-describedby="row-${attemptId}"[^>]*>Claim</button>`));
    // Stacked below md, with the table's roles kept for screen readers and a visible label per cell.
    expect(html).toMatch(/<table role="table" class="[^"]*\bmax-md:block\b/);
    expect(html).toMatch(/<thead role="rowgroup" class="max-md:sr-only">/);
    expect(html).toMatch(/<span aria-hidden="true" class="[^"]*\bmd:hidden\b[^"]*">Teacher<\/span>Tess Teacher/);
    expect(html).not.toMatch(/class="[^"]*\bhidden md:block\b/);
    // One issuer: its credentials are not grouped under its name.
    expect(html).toMatch(/<option value="[^"]+">[^<]+ · 1 submitted<\/option>/);
    expect(html).not.toContain('<optgroup');
  });

  it('groups the credential filter by issuer for someone who reviews for several', async () => {
    const one = await makeReviewWorld();
    const two = await makeReviewWorld();
    await db.organization.update({ where: { id: one.issuer.id }, data: { name: 'Zeta Institute' } });
    await db.organization.update({ where: { id: two.issuer.id }, data: { name: 'Alpha Academy' } });
    const rita = await one.reviewer({ name: 'Rita Reviewer', roles: [{ role: 'REVIEWER', organizationId: one.issuer.id }, { role: 'REVIEWER', organizationId: two.issuer.id }] });
    await qualify(rita.id, two.mc.id, two.admin.id);
    await submitTextAttempt(one, await createActor());
    await submitTextAttempt(two, await createActor());
    session.actor = rita;
    const html = await render(ReviewQueuePage({ searchParams: Promise.resolve({}) }));
    const select = /<select id="microCredentialId"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1];
    const groups = [...select.matchAll(/<optgroup label="([^"]+)"><option value="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(groups).toEqual([['Alpha Academy', two.mc.id], ['Zeta Institute', one.mc.id]]);
  });

  it('the review-quality page shows the scoring patterns of the last 12 months by default', async () => {
    const w = await makeWorld();
    const recent = await w.score(await w.submit(await createActor()), [3, 3]);
    // Seven months ago: inside the default year, outside the page's 90-day agreement period.
    await db.review.update({ where: { id: recent }, data: { submittedAt: new Date(Date.now() - 210 * 86_400_000) } });
    session.actor = w.admin;
    const html = await render(ReviewQualityPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('Scoring patterns');
    expect(html).toMatch(/<th scope="row"[^>]*>Rita Reviewer<\/th>/);
    expect(html).toContain('Too few reviews to compare');
    expect(html).toContain('Scored below passing:');
    const shorter = await render(ReviewQualityPage({ searchParams: Promise.resolve({ scoringPeriod: '90' }) }));
    expect(shorter).toContain('No reviews were submitted in this period.');
  });
});
