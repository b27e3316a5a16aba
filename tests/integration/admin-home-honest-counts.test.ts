// The admin home's "Needs adjudication" and "Unanswered questions about feedback" count what this
// admin can act on, as the lists they link to decide it (the adjudication list on the review-quality
// page, and answerFeedbackQuestion with the application record): work another admin settles (the
// admin's own application, one they scored, a colleague the issuer's conflict rules keep them from,
// one another admin is adjudicating now) is said apart, as "N more for another admin". Real
// Postgres, the real page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor } from '../factories';
import { makeConflictedAdminWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: AdminHomePage } = await import('@/app/admin/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/**
 * An issuer that blocks same-school reviewing. Ada is one of its admins and applies for its
 * credential; Cal is an admin at Tess's and Tom's school; Sam is an admin who also scores.
 * Waiting for adjudication: Ada's attempt (Rae fails it, Finn passes it) and Tess's (Rae fails it,
 * Sam passes it). Returned, with a question about the feedback: Tom's (asked first) and Uma's
 * (no school).
 */
async function makeWorld() {
  const w = await makeConflictedAdminWorld({ doubleScoreRate: 0 });
  const tom = await createActor({ name: 'Tom Teacher', schoolId: w.school.id });
  const uma = await createActor({ name: 'Uma Unplaced' });
  const ask = async (teacher: Actor, body: string) => {
    const attemptId = await submitTextAttempt(w, teacher);
    await scoreAttempt(w, w.rae, attemptId, 'PRIMARY', [0, 0]);
    return askAboutFeedback({ actor: teacher, attemptId, body });
  };
  const own = await w.disagree(w.ada, w.finn);
  const tesss = await w.disagree(w.tess, w.sam);
  const toms = await ask(tom, 'What should part 2 say?');
  // Asked later, so Tom's is the oldest question.
  await db.feedbackQuestion.update({ where: { id: toms.questionId }, data: { createdAt: new Date(Date.now() - 60_000) } });
  const umas = await ask(uma, 'Why was criterion 1 low?');
  return { ...w, own, tesss, toms, umas };
}

/** The figure after a term of the Review card, and the "more for another admin" line under it ('' for none). */
async function homeFor(actor: Actor) {
  session.actor = actor;
  const html = renderToStaticMarkup(await AdminHomePage());
  const figure = (term: string) => {
    const m = new RegExp(`<dt[^>]*>${term}</dt><dd[^>]*>([\\s\\S]*?)</dd>(?:<dd[^>]*>([^<]*)</dd>)?</div>`).exec(html);
    if (!m) throw new Error(`No figure for ${term}`);
    return { value: m[1].replace(/<span class="sr-only">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, ''), more: m[2] ?? '', html: m[1] };
  };
  return { adjudication: figure('Needs adjudication'), questions: figure('Unanswered questions about feedback') };
}

describe('the admin home’s figures of work to act on', () => {
  it('count what this admin may settle, and say how many more another admin settles', async () => {
    const w = await makeWorld();

    // No tie to anyone: both adjudications and both questions are theirs; the oldest question opens.
    const free = await homeFor(w.admin);
    expect(free.adjudication).toMatchObject({ value: '2', more: '' });
    expect(free.questions).toMatchObject({ value: '2', more: '' });
    expect(free.questions.html).toContain(`href="/admin/submissions/${w.toms.submissionId}#question-${w.toms.questionId}"`);

    // Cal is at Tess's and Tom's school: Tess's adjudication and Tom's question are another admin's.
    // The question link opens the oldest one Cal may answer (Uma's), not Tom's.
    const cal = await homeFor(w.cal);
    expect(cal.adjudication).toMatchObject({ value: '1', more: '1 more for another admin to settle' });
    expect(cal.questions).toMatchObject({ value: '1', more: '1 more for another admin to answer' });
    expect(cal.questions.html).toContain(`href="/admin/submissions/${w.umas.submissionId}#question-${w.umas.questionId}"`);
    expect(cal.questions.html).not.toContain(w.toms.questionId);

    // Ada's own application waits for adjudication: another admin settles it.
    const ada = await homeFor(w.ada);
    expect(ada.adjudication).toMatchObject({ value: '1', more: '1 more for another admin to settle' });
    expect(ada.questions).toMatchObject({ value: '2', more: '' });

    // Sam scored Tess's: another admin settles the disagreement.
    const sam = await homeFor(w.sam);
    expect(sam.adjudication).toMatchObject({ value: '1', more: '1 more for another admin to settle' });
  });

  it('count an adjudication another admin is doing as theirs, not this admin’s', async () => {
    const w = await makeWorld();
    await claimReview({ actor: w.admin, attemptId: w.own, kind: 'ADJUDICATION' });

    expect((await homeFor(w.admin)).adjudication).toMatchObject({ value: '2', more: '' });
    expect((await homeFor(w.cal)).adjudication).toMatchObject({ value: '0', more: '2 more for another admin to settle' });
  });

  it('links no question when this admin may answer none of them', async () => {
    const w = await makeWorld();
    await db.feedbackQuestion.update({ where: { id: w.umas.questionId }, data: { answer: 'Criterion 1 asks for student work.', answeredAt: new Date(), answeredById: w.admin.id } });

    const cal = await homeFor(w.cal);
    expect(cal.questions).toMatchObject({ value: '0', more: '1 more for another admin to answer' });
    expect(cal.questions.html).not.toContain('href=');
  });
});

describe('waiting for review, for an admin of several issuers', () => {
  it('gives each issuer’s share with a link to its own applications list (which shows one issuer at a time)', async () => {
    const { makeReviewWorld } = await import('../factories/review-world');
    const one = await makeReviewWorld({ name: 'First Issuer' });
    const two = await makeReviewWorld({ name: 'Second Issuer' });
    const three = await makeReviewWorld({ name: 'Third Issuer' });
    const admin = await createActor({ roles: [one, two, three].map((w) => ({ role: 'ISSUER_ADMIN' as const, organizationId: w.issuer.id })) });
    await submitTextAttempt(one, await createActor());
    await submitTextAttempt(one, await createActor());
    await submitTextAttempt(two, await createActor());
    session.actor = admin;
    const html = renderToStaticMarkup(await AdminHomePage());
    const link = (issuerId: string, text: string) => new RegExp(`href="/admin/submissions\\?issuer=${issuerId}&amp;status=undecided"[^>]*>${text}</a>`);
    expect(html).toMatch(link(one.issuer.id, `${one.issuer.name}: 2`));
    expect(html).toMatch(link(two.issuer.id, `${two.issuer.name}: 1`));
    // An issuer with nothing waiting is not listed.
    expect(html).not.toContain(`issuer=${three.issuer.id}&amp;status=undecided`);
  });
});
