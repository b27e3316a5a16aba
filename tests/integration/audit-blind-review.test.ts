// Under blind review an admin scoring a teacher's work does not learn who the teacher is: not on the
// application record, not in the list of applications, and not from the audit log or the admin
// home's "Recent activity" either, where the teacher's own entries ("Sent revised evidence for review
// (attempt 2)", "Asked about the feedback on attempt 1") would name them beside a link to the very
// submission being scored. Real Postgres, the real admin home page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { saveResponse, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { listAuditLog, listRecentIssuerAudit, type AuditRow } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { HIDDEN_TEACHER_LABEL } from '@/lib/audit/describe';

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
 * A blind-reviewing issuer; Tess's first attempt returned by Rae, her question about it, and her
 * revised attempt 2 claimed by Adam, an admin of the issuer who also scores.
 */
async function makeWorld() {
  const w = await makeReviewWorld({ blindReview: true, calibrationRequired: false, doubleScoreRate: 0 });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const adam = await w.reviewer({ name: 'Adam Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
  const tess = await createActor({ name: 'Tess Teacher' });
  const first = await submitTextAttempt(w, tess);
  await scoreAttempt(w, rae, first, 'PRIMARY', [0, 0]);
  const { submissionId } = await askAboutFeedback({ actor: tess, attemptId: first, body: 'Why was the first criterion low?' });
  const second = await startRevision({ actor: tess, submissionId });
  // The revision starts from attempt 1's answers, each already saved once.
  for (const p of w.version.parts) await saveResponse({ actor: tess, attemptId: second.attemptId, partId: p.id, text: 'Now with three exit tickets quoted.', links: [], revision: 1 });
  await submitAttempt({ actor: tess, attemptId: second.attemptId, attested: true });
  const { reviewId } = await claimReview({ actor: adam, attemptId: second.attemptId, kind: 'PRIMARY' });
  return { ...w, rae, adam, tess, submissionId, secondId: second.attemptId, reviewId };
}

const issuerLog = async (actor: Actor, issuerId: string) => (await listAuditLog({ actor, organizationId: issuerId, filter: AuditFilterInput.parse({}) })).items;
const teachersOwn = (rows: AuditRow[]) => rows.filter((r) => ['feedback.ask', 'submission.submit'].includes(r.action));

describe('the audit log under blind review', () => {
  it('does not name the teacher whose work the admin is scoring, nor link their entries to the application', async () => {
    const w = await makeWorld();
    const record = `/admin/submissions/${w.submissionId}`;

    for (const rows of [await issuerLog(w.adam, w.issuer.id), await listRecentIssuerAudit({ actor: w.adam, issuerIds: [w.issuer.id], take: 50 })]) {
      expect(rows.some((r) => r.who === 'Tess Teacher')).toBe(false);
      const own = teachersOwn(rows);
      // Both sendings and the question: still said, without who or the link.
      expect(own.map((r) => r.description).sort()).toEqual(['Asked about the feedback on attempt 1', 'Sent evidence for review', 'Sent revised evidence for review (attempt 2)']);
      for (const r of own) expect(r).toMatchObject({ who: HIDDEN_TEACHER_LABEL, link: null });
      // Everyone else's entries are as before.
      expect(rows.find((r) => r.action === 'review.claim')?.who).toBe('Adam Admin');
      expect(rows.filter((r) => r.link?.href === record)).toEqual([]);
    }

    // The admin home's "Recent activity", as Adam sees it.
    session.actor = w.adam;
    const home = renderToStaticMarkup(await AdminHomePage());
    expect(home).toContain('Recent activity');
    expect(home).toContain(`<strong>${HIDDEN_TEACHER_LABEL}</strong>: Asked about the feedback on attempt 1`);
    expect(home).not.toContain('Tess');
    expect(home).not.toContain(`href="${record}"`);
  });

  it('names the teacher to an admin who is not scoring, once the decision is made, and where the issuer does not review blind', async () => {
    const w = await makeWorld();
    // Another admin of the issuer (not scoring this work) reads the log as it is.
    const other = teachersOwn(await listRecentIssuerAudit({ actor: w.admin, issuerIds: [w.issuer.id], take: 50 }));
    expect(other).toHaveLength(3);
    expect(other.every((r) => r.who === 'Tess Teacher')).toBe(true);
    expect(other.find((r) => r.action === 'feedback.ask')?.link).toEqual({ href: `/admin/submissions/${w.submissionId}`, label: 'Open the application record' });

    // Blind review off: Adam's claim hides nothing any more (as on the record).
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: false } });
    expect(teachersOwn(await issuerLog(w.adam, w.issuer.id)).every((r) => r.who === 'Tess Teacher')).toBe(true);
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: true } });

    // Adam decides attempt 2: his claim is over, and so is the blindness.
    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.secondId } })]);
    const top = w.version.levels.reduce((hi, l) => (l.rank > hi.rank ? l : hi));
    await submitReview({
      actor: w.adam, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version,
      scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top.id, feedback: 'Clear evidence now.' })), overallComment: 'Thanks.',
    });
    const after = teachersOwn(await listRecentIssuerAudit({ actor: w.adam, issuerIds: [w.issuer.id], take: 50 }));
    expect(after.every((r) => r.who === 'Tess Teacher')).toBe(true);
  });
});
