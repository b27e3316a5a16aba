// Reassigning a submission someone is working on ends their claim: the admin has to see whose and
// tick a box to release it, and the reviewer whose claim it was is told.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { assignReview, claimReview, saveReviewDraft } from '@/lib/review/mutations';
import { AssignReviewInput } from '@/lib/review/schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { assignReviewAction } = await import('@/app/admin/review-quality/actions');
const { default: AssignPage } = await import('@/app/admin/review-quality/assign/[attemptId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { claimMinutes: 30, calibrationRequired: false } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor();
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  const holder = await reviewer('Hana Holder');
  const next = await reviewer('Nico Next');
  const claim = await claimReview({ actor: holder, attemptId: attempt.id });
  await saveReviewDraft({ actor: holder, reviewId: claim.reviewId, version: 0, scores: [{ criterionId: version.criteria[0].id, levelId: version.levels[2].id, feedback: 'Clear.' }], overallComment: 'Still reading.' });
  return { issuer, mc, version, admin, holder, next, attemptId: attempt.id, heldId: claim.reviewId };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** Everything an assignment could change. */
async function snapshot(w: World) {
  return {
    reviews: await db.review.findMany({ where: { attemptId: w.attemptId }, orderBy: { createdAt: 'asc' }, select: { id: true, reviewerId: true, status: true, version: true, overallComment: true } }),
    notifications: await db.notification.count({ where: { userId: { in: [w.holder.id, w.next.id] } } }),
    audits: await db.auditLog.count({ where: { action: { in: ['review.assign', 'review.reassign'] } } }),
  };
}

describe('assigning over a live claim', () => {
  it('is refused without the ticked confirmation, naming whose claim it is, and changes nothing', async () => {
    const w = await makeWorld();
    const before = await snapshot(w);
    const e = await errorOf(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.next.id }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toContain('Hana Holder is reviewing this submission right now');
    expect(e.fieldErrors?.releaseReviewId?.[0]).toContain('Release Hana Holder’s claim (their unsaved scores will be discarded)');
    expect(await snapshot(w)).toEqual(before);

    // Through the form: the same refusal as a form error beside the box, and still nothing changed.
    session.actor = w.admin;
    const result = await assignReviewAction({ ok: true }, form({ attemptId: w.attemptId, reviewerId: w.next.id, kind: 'PRIMARY' }));
    expect(result).toMatchObject({ ok: false, formError: e.message, fieldErrors: { releaseReviewId: [expect.stringContaining('Tick')] } });
    expect(await snapshot(w)).toEqual(before);
  });

  it('a confirmation for another claim than the one held now (it changed since the page loaded) is refused too', async () => {
    const w = await makeWorld();
    const before = await snapshot(w);
    const e = await errorOf(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.next.id, releaseReviewId: 'some-older-claim' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/Hana Holder has claimed this submission since this page was loaded/);
    expect(await snapshot(w)).toEqual(before);
  });

  it('with the confirmation releases the holder’s claim and tells them, in the same transaction as the release', async () => {
    const w = await makeWorld();
    session.actor = w.admin;
    const to = await redirectOf(assignReviewAction({ ok: true }, form({ attemptId: w.attemptId, reviewerId: w.next.id, kind: 'PRIMARY', releaseReviewId: w.heldId })));
    expect(to).toBe('/admin/review-quality?assigned=reassigned#assign');

    expect((await db.review.findUniqueOrThrow({ where: { id: w.heldId } })).status).toBe('RELEASED');
    const given = await db.review.findFirstOrThrow({ where: { attemptId: w.attemptId, status: 'CLAIMED' } });
    expect(given.reviewerId).toBe(w.next.id);
    const told = await db.notification.findMany({ where: { userId: w.holder.id } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'review.released', href: '/review', title: 'A submission you were reviewing was reassigned' });
    expect(told[0].body).toMatch(/An admin gave a submission you had claimed to another reviewer/);
    // Emailed as well, through the queue, like every notification.
    expect(await db.job.count({ where: { type: 'email.notification', payload: { path: ['userId'], equals: w.holder.id } } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.next.id, kind: 'review.assigned' } })).toBe(1);
  });

  it('nobody is told or asked about a claim that had already run out', async () => {
    const w = await makeWorld();
    const later = new Date(Date.now() + 31 * 60_000);
    const { reassigned } = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.next.id, now: later });
    expect(reassigned).toBe(true);
    expect((await db.review.findUniqueOrThrow({ where: { id: w.heldId } })).status).toBe('EXPIRED');
    expect(await db.notification.count({ where: { userId: w.holder.id } })).toBe(0);
  });

  it('the form shows who holds the claim and the box to release it; the schema reads the box', async () => {
    const w = await makeWorld();
    session.actor = w.admin;
    const html = renderToStaticMarkup(await AssignPage({ params: Promise.resolve({ attemptId: w.attemptId }) }));
    expect(html).toContain('Hana Holder</span> is working on this submission');
    expect(html).toContain('Release Hana Holder’s claim (their unsaved scores will be discarded)');
    expect(html).toMatch(new RegExp(`<input id="release-${w.heldId}" type="checkbox"[^>]* name="releaseReviewId" value="${w.heldId}"`));

    expect(AssignReviewInput.parse({ attemptId: w.attemptId, reviewerId: w.next.id })).not.toHaveProperty('releaseReviewId');
    expect(AssignReviewInput.parse({ attemptId: w.attemptId, reviewerId: w.next.id, releaseReviewId: w.heldId }).releaseReviewId).toBe(w.heldId);
    expect(AssignReviewInput.safeParse({ attemptId: w.attemptId, reviewerId: w.next.id, releaseReviewId: [w.heldId, 'x'] }).success).toBe(false);
  });
});
