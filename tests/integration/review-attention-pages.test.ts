// The pages behind the review notices: the admin home's counts, the reviewer's history (linked from
// the queue) and the scoring patterns on the review-quality page, rendered as a person gets them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';

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

async function makeWorld(issuerData: Record<string, unknown> = {}) {
  const issuer = await createOrg({ kind: 'ISSUER', data: issuerData });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = await createActor({ name: 'Rita Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mc.id, grantedById: admin.id } });
  const submit = async (teacher: Actor) => {
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
    await submitAttempt({ actor: teacher, attemptId: attempt.id });
    return attempt.id;
  };
  const score = async (attemptId: string, ranks: [number, number]) => {
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    const scores = version.criteria.map((c, i) => ({ criterionId: c.id, levelId: version.levels.find((l) => l.rank === ranks[i])!.id, feedback: 'Say more.' }));
    await submitReview({ actor: reviewer, reviewId, version: 0, attemptVersion: (await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).version, scores, overallComment: 'Thanks.' });
    return reviewId;
  };
  return { issuer, mc, admin, reviewer, submit, score };
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
