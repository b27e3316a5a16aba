// The scoring page's words: an adjudicator reads each review's overall comment beside its levels
// (under a total-points rule it is where a reviewer says what would raise the total), and the
// teacher line says the teacher is hidden under blind review instead of promising them with a claim.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, releaseReview, submitReview } from '@/lib/review/mutations';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const render = async (actor: Actor, reviewId: string) => {
  session.actor = actor;
  return renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));
};

const textOnly = textOnlyDefinition();

async function makeWorld(issuerData: Record<string, unknown>, def: NonNullable<Parameters<typeof createPublishedCredential>[0]>['def'] = textOnly) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0, ...issuerData } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  return { issuer, mc, version, admin, reviewer, teacher, attemptId: attempt.id };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function score(w: World, who: Actor, kind: 'PRIMARY' | 'SECOND', ranks: [number, number], overallComment: string) {
  const { reviewId } = await claimReview({ actor: who, attemptId: w.attemptId, kind });
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })).version;
  const scores = w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === ranks[i])!.id, feedback: 'Name what students did.' }));
  return submitReview({ actor: who, reviewId, version: 0, attemptVersion, scores, overallComment });
}

describe('the adjudication view', () => {
  it('shows each review’s overall comment in a row headed “Overall comment”, under its reviewer’s column', async () => {
    // Total-points rule: 2 + 2 = 4 of 5 passes no floor check, so the comment is what explains the revise.
    const def = { ...textOnly, rubric: { ...textOnly.rubric, passingRule: { kind: 'TOTAL_AT_LEAST' as const, levelRank: 1, total: 5 } } };
    const w = await makeWorld({ doubleScoreRate: 1 }, def);
    const [pass, revise] = [await w.reviewer('Pia Pass'), await w.reviewer('Rex Revise')];
    await score(w, pass, 'PRIMARY', [3, 3], 'Both parts are strong.');
    const second = await score(w, revise, 'SECOND', [2, 2], 'A reflection on what students did next would raise the total.');
    expect(second.outcome).toBe('NEEDS_ADJUDICATION');

    const { reviewId } = await claimReview({ actor: w.admin, attemptId: w.attemptId, kind: 'ADJUDICATION' });
    const html = await render(w.admin, reviewId);
    const row = html.match(/<tr><th scope="row"[^>]*>Overall comment<\/th>(.*?)<\/tr>/)?.[1];
    expect(row).toBeDefined();
    const cells = [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => textJoined(m[1]));
    // The columns are the reviews in the header's order: the first review, then the second.
    expect(textJoined(html)).toMatch(/First review \(Pia Pass\): pass.*Second review \(Rex Revise\): revise/);
    expect(cells).toEqual(['Both parts are strong.', 'A reflection on what students did next would raise the total.']);
  });

  it('says so when a review has no overall comment', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [pass, revise] = [await w.reviewer('Pia Pass'), await w.reviewer('Rex Revise')];
    await score(w, pass, 'PRIMARY', [3, 3], '');
    await score(w, revise, 'SECOND', [0, 3], 'Context is missing.');
    const { reviewId } = await claimReview({ actor: w.admin, attemptId: w.attemptId, kind: 'ADJUDICATION' });
    const row = (await render(w.admin, reviewId)).match(/<tr><th scope="row"[^>]*>Overall comment<\/th>(.*?)<\/tr>/)![1];
    expect([...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => textJoined(m[1]))).toEqual(['None written', 'Context is missing.']);
  });
});

describe('the teacher line', () => {
  it('under blind review says the teacher is hidden, with a claim or without; otherwise that they show with a claim', async () => {
    const blind = await makeWorld({ blindReview: true });
    const r = await blind.reviewer('Rae Reviewer');
    const { reviewId } = await claimReview({ actor: r, attemptId: blind.attemptId });
    const claimed = textJoined(await render(r, reviewId));
    expect(claimed).toContain('Teacher: hidden (this issuer reviews blind)');
    expect(claimed).not.toContain('Tess Teacher');
    // Given back: the evidence is withheld, and the teacher is still never shown.
    await releaseReview({ actor: r, reviewId });
    const released = textJoined(await render(r, reviewId));
    expect(released).toContain('Teacher: hidden (this issuer reviews blind)');
    expect(released).not.toContain('shown while you hold a claim');

    const open = await makeWorld({ blindReview: false });
    const o = await open.reviewer('Otto Open');
    const { reviewId: openId } = await claimReview({ actor: o, attemptId: open.attemptId });
    expect(textJoined(await render(o, openId))).toContain('Teacher: Tess Teacher');
    await releaseReview({ actor: o, reviewId: openId });
    const openReleased = textJoined(await render(o, openId));
    expect(openReleased).toContain('Teacher: shown while you hold a claim');
    expect(openReleased).not.toContain('Tess Teacher');
  });
});
