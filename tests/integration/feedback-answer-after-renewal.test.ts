// The notification of a reply to a teacher's question about feedback links to the application the
// question was asked on (/apply/{slug}?cycle=N#question-…), not to whichever application is
// current: after the teacher starts a renewal (a new cycle, docs/decisions/009), the link still
// opens a page with the question and the reply, read-only, and only for that teacher.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { answerFeedbackQuestion, askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { startRenewal } from '@/lib/submissions/renewal';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The application page's upload control asks for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const QUESTION = 'Criterion two says the routine was unclear, but the second paragraph sets it out step by step.';
const REPLY = 'We read the second paragraph again; your revision can point the reviewer to it.';
const DAY = 86_400_000;
const NOT_FOUND = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };

/**
 * A teacher whose first attempt was returned, who asked about the feedback and got a reply, then
 * earned the badge with a revision (its scoring is tested elsewhere) and has started a renewal.
 */
async function renewedAfterAReply() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { ...textOnlyDefinition(), expiryMonths: 24 } });
  const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
  const { reviewId } = await claimReview({ actor: reviewer, attemptId: attempt.id });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })]);
  const lowest = version.levels.reduce((lo, l) => (l.rank < lo.rank ? l : lo));
  await submitReview({
    actor: reviewer, reviewId, version: r.version, attemptVersion: a.version,
    scores: version.criteria.map((c) => ({ criterionId: c.id, levelId: lowest.id, feedback: 'Set out the routine.' })),
    overallComment: 'Please say what changed.',
  });
  const { questionId } = await askAboutFeedback({ actor: teacher, attemptId: attempt.id, body: QUESTION });
  await answerFeedbackQuestion({ actor: admin, questionId, answer: REPLY });

  await startRevision({ actor: teacher, submissionId });
  await db.attempt.updateMany({ where: { submissionId, number: 2 }, data: { status: 'PASSED', submittedAt: new Date(), decidedAt: new Date() } });
  await db.submission.update({ where: { id: submissionId }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(submissionId);
  const award = await db.award.findUniqueOrThrow({ where: { id: awardId }, select: { validUntil: true } });
  const renewal = await startRenewal({ actor: teacher, microCredentialId: mc.id, now: new Date(award.validUntil!.getTime() - 30 * DAY) });
  return { mc, admin, teacher, questionId, submissionId, renewalId: renewal.submissionId };
}

const render = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));

describe('a reply to a question about feedback, after a renewal', () => {
  it('the notification opens the application the question was asked on, showing question and reply, read-only', async () => {
    const w = await renewedAfterAReply();
    const n = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'feedback.answer' }, select: { href: true } });
    const link = new URL(n.href!, 'http://app.test');
    expect(link.pathname).toBe(`/apply/${w.mc.slug}`);
    expect(link.hash).toBe(`#question-${w.questionId}`);

    session.actor = w.teacher;
    // The page for the bare address is the renewal now, where the question is not.
    const current = await render(w.mc.slug);
    expect(textJoined(current)).toContain('Your renewal');
    expect(current).not.toContain(`id="question-${w.questionId}"`);

    const html = await render(w.mc.slug, Object.fromEntries(link.searchParams));
    const text = textJoined(html);
    // The anchor the link jumps to, holding the question and the reply.
    const anchored = new RegExp(`<li[^>]*id="question-${w.questionId}"[^>]*>([\\s\\S]*?)</li>`).exec(html)?.[1] ?? '';
    expect(textJoined(anchored)).toContain(QUESTION);
    expect(textJoined(anchored)).toContain(REPLY);
    // Said to be an earlier application, with the way to the current one, and nothing to change here.
    expect(text).toContain('Your earlier application');
    expect(text).toContain('An earlier application, kept as it was');
    expect(html).toMatch(new RegExp(`<a href="/apply/${w.mc.slug}">Go to your current application</a>`));
    expect(html).not.toContain('<form');
    expect(html).not.toContain('<textarea');
  });

  it('shows another teacher none of it: their own application of that number, or nothing', async () => {
    const w = await renewedAfterAReply();
    const n = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'feedback.answer' }, select: { href: true } });
    const params = Object.fromEntries(new URL(n.href!, 'http://app.test').searchParams);

    const stranger = await createActor({ name: 'Otto Other' });
    session.actor = stranger;
    await expect(render(w.mc.slug, params)).rejects.toMatchObject(NOT_FOUND);

    // With an application of their own, that number is theirs.
    await startApplication({ actor: stranger, microCredentialId: w.mc.id });
    const html = await render(w.mc.slug, params);
    expect(html).not.toContain(QUESTION);
    expect(html).not.toContain(REPLY);
    expect(html).not.toContain(`question-${w.questionId}`);
    expect(textJoined(html)).toContain('Your application');
  });

  it('finds nothing for a number the teacher has no application of, or that is not a number', async () => {
    const w = await renewedAfterAReply();
    session.actor = w.teacher;
    for (const cycle of ['3', '0', '-1', '1.0', 'abc', '01']) await expect(render(w.mc.slug, { cycle })).rejects.toMatchObject(NOT_FOUND);
    // The current cycle by number is the ordinary page.
    expect(textJoined(await render(w.mc.slug, { cycle: '2' }))).toContain('Your renewal');
  });
});
