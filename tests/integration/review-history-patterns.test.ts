// A reviewer's own history of submitted reviews, and the admin's per-reviewer scoring patterns
// over every review (not only the double-scored sample).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg } from '@/tests/factories';
import { claimReview } from '@/lib/review/mutations';
import { makeReviewWorld as makeWorld, scoreAttempt as score, submitTextAttempt as submitText } from '@/tests/factories/review-world';
import { listMyReviewHistory } from '@/lib/review/history';
import { doubleScoringText } from '@/lib/review/history-words';
import { getScoringPatterns } from '@/lib/review/quality';
import { DomainError } from '@/lib/errors';

beforeEach(resetDatabase);

/** Spaces submissions out so "newest first" has a clear order. */
const at = (reviewId: string, minutesAgo: number) => db.review.update({ where: { id: reviewId }, data: { submittedAt: new Date(Date.now() - minutesAgo * 60_000) } });

describe('a reviewer’s history', () => {
  it('lists only their own submitted reviews, newest first, a page at a time, with how double scoring went', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const [ann, bob] = [await w.reviewer({ name: 'Ann' }), await w.reviewer({ name: 'Bob' })];
    const teacher = async (name: string) => createActor({ name });

    const agreed = await submitText(w, await teacher('Tia Agreed'));
    const { reviewId: annAgreed } = await score(w, ann, agreed, 'PRIMARY', [3, 3]);
    const { reviewId: bobAgreed } = await score(w, bob, agreed, 'SECOND', [3, 2]);
    const disputed = await submitText(w, await teacher('Dan Disputed'));
    const { reviewId: annDisputed } = await score(w, ann, disputed, 'PRIMARY', [3, 3]);
    const { reviewId: bobDisputed } = await score(w, bob, disputed, 'SECOND', [1, 1]);
    const waiting = await submitText(w, await teacher('Wes Waiting'));
    const { reviewId: annWaiting } = await score(w, ann, waiting, 'PRIMARY', [1, 2]);
    // Claimed but not submitted: not history.
    const open = await submitText(w, await teacher('Ola Open'));
    await claimReview({ actor: ann, attemptId: open });
    await at(annAgreed, 30);
    await at(bobAgreed, 25);
    await at(annDisputed, 20);
    await at(bobDisputed, 15);
    await at(annWaiting, 10);

    const first = await listMyReviewHistory({ actor: ann, limit: 2 });
    expect(first.items.map((i) => i.reviewId)).toEqual([annWaiting, annDisputed]);
    expect(first.nextCursor).toBeTruthy();
    const second = await listMyReviewHistory({ actor: ann, limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.reviewId)).toEqual([annAgreed]);
    expect(second.nextCursor).toBeNull();

    const [w1, d1] = first.items;
    expect(w1).toMatchObject({ kind: 'PRIMARY', decision: 'REVISE', attemptStatus: 'SUBMITTED', doubleScoring: { agreed: null, adjudication: null }, teacher: { name: 'Wes Waiting' }, canOpen: true });
    expect(doubleScoringText(w1.kind, w1.doubleScoring)).toBe('Waiting for the other independent score');
    expect(d1).toMatchObject({ decision: 'PASS', attemptStatus: 'SUBMITTED', doubleScoring: { agreed: false, adjudication: 'PENDING' } });
    expect(doubleScoringText(d1.kind, d1.doubleScoring)).toBe('The other reviewer disagreed · waiting for adjudication');
    expect(second.items[0]).toMatchObject({ decision: 'PASS', attemptStatus: 'PASSED', doubleScoring: { agreed: true, adjudication: null } });

    // The admin settles the disagreement: both scorers see the outcome; the admin sees their own adjudication.
    const { reviewId: adj } = await score(w, w.admin, disputed, 'ADJUDICATION', [1, 2]);
    const annNow = (await listMyReviewHistory({ actor: ann })).items.find((i) => i.reviewId === annDisputed)!;
    expect(annNow).toMatchObject({ attemptStatus: 'RETURNED', doubleScoring: { agreed: false, adjudication: 'REVISE' } });
    expect(doubleScoringText(annNow.kind, annNow.doubleScoring)).toBe('The other reviewer disagreed · adjudicated: needs revision');
    const adminHistory = (await listMyReviewHistory({ actor: w.admin })).items;
    expect(adminHistory.map((i) => i.reviewId)).toEqual([adj]);
    expect(adminHistory[0]).toMatchObject({ kind: 'ADJUDICATION', decision: 'REVISE', doubleScoring: { agreed: null, adjudication: 'REVISE' } });

    // Bob's list is Bob's own.
    expect((await listMyReviewHistory({ actor: bob })).items.map((i) => i.reviewId)).toEqual([bobDisputed, bobAgreed]);
    // Someone who never reviewed has an empty history, not anyone else's.
    expect((await listMyReviewHistory({ actor: await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] }) })).items).toEqual([]);
  });

  it('does not name the teacher under blind review', async () => {
    const w = await makeWorld({ blindReview: true });
    const ann = await w.reviewer({ name: 'Ann' });
    const school = await createOrg({ kind: 'SCHOOL', name: 'Hillside Middle' });
    await score(w, ann, await submitText(w, await createActor({ name: 'Tess Teacher', schoolId: school.id })), 'PRIMARY', [3, 3]);
    const [item] = (await listMyReviewHistory({ actor: ann })).items;
    expect(item.teacher).toBeNull();
    expect(JSON.stringify(item)).not.toMatch(/Tess|Hillside/);
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: false } });
    expect((await listMyReviewHistory({ actor: ann })).items[0].teacher).toEqual({ name: 'Tess Teacher', schoolName: 'Hillside Middle' });
  });

  it('keeps reviews at an issuer the reviewer no longer reviews for, without a link to them', async () => {
    const w = await makeWorld();
    const ann = await w.reviewer({ name: 'Ann' });
    await score(w, ann, await submitText(w, await createActor()), 'PRIMARY', [3, 3]);
    await db.membership.deleteMany({ where: { userId: ann.id } });
    const former = (await import('@/lib/auth/load-actor')).loadActor;
    const [item] = (await listMyReviewHistory({ actor: (await former(ann.id))! })).items;
    expect(item.canOpen).toBe(false);
  });
});

describe('scoring patterns for issuer admins', () => {
  it('compares each reviewer with the credential-wide mean and shows criteria scored below passing', async () => {
    const w = await makeWorld();
    const [ann, bob] = [await w.reviewer({ name: 'Ann Generous' }), await w.reviewer({ name: 'Bob Strict' })];
    // Ann: three passes at [3,3], [3,2], [2,2]: 15 levels over 6 scores, a mean of 2.5.
    for (const ranks of [[3, 3], [3, 2], [2, 2]] as [number, number][]) await score(w, ann, await submitText(w, await createActor()), 'PRIMARY', ranks);
    // Bob: two returns at [1,2], [0,1]: 4 levels over 4 scores, a mean of 1.0.
    for (const ranks of [[1, 2], [0, 1]] as [number, number][]) await score(w, bob, await submitText(w, await createActor()), 'PRIMARY', ranks);
    // Outside the period: left out.
    const { reviewId: old } = await score(w, bob, await submitText(w, await createActor()), 'PRIMARY', [0, 0]);
    await db.review.update({ where: { id: old }, data: { submittedAt: new Date(Date.now() - 400 * 86_400_000) } });
    // Another issuer's reviews are not this admin's.
    const other = await makeWorld();
    await score(other, await other.reviewer({ name: 'Olga Other' }), await submitText(other, await createActor()), 'PRIMARY', [0, 0]);

    const to = new Date();
    const from = new Date(to.getTime() - 365 * 86_400_000);
    const p = await getScoringPatterns({ actor: w.admin, from, to, minReviews: 3 });
    // The credential-wide mean: 19 levels over 10 scores = 1.9.
    expect(p.reviewers).toHaveLength(2);
    const [a, b] = p.reviewers;
    expect(a).toMatchObject({ name: 'Ann Generous', reviews: 3, passRate: 1, flag: 'HIGHER' });
    expect(a.meanRank).toBeCloseTo(2.5);
    expect(a.difference).toBeCloseTo(0.6);
    // Bob's gap is large but two reviews are too few to flag.
    expect(b).toMatchObject({ name: 'Bob Strict', reviews: 2, passRate: 0, flag: null });
    expect(b.meanRank).toBeCloseTo(1);
    expect(b.difference).toBeCloseTo(-0.9);
    // Below the passing level (2): Context 1 and 0 of five scores, Reflection 1 of five.
    expect(p.criteria).toEqual([{ id: w.mc.id, title: expect.any(String), criteria: [{ title: 'Context', scores: 5, below: 2, share: 0.4 }, { title: 'Reflection', scores: 5, below: 1, share: 0.2 }] }]);

    expect(p.sampled).toBe(false);
    // A period with more reviews than the sample rests on the newest ones, and says so.
    const sampled = await getScoringPatterns({ actor: w.admin, from, to, minReviews: 1, sample: 2 });
    expect(sampled.sampled).toBe(true);
    expect(sampled.reviewers.reduce((n, r) => n + r.reviews, 0)).toBe(2);
    // With the default minimum sample, nobody is flagged on three reviews.
    expect((await getScoringPatterns({ actor: w.admin, from, to })).reviewers.every((r) => r.flag === null)).toBe(true);
    // Filtered to a credential that is not theirs: nothing.
    expect((await getScoringPatterns({ actor: w.admin, from, to, microCredentialId: other.mc.id })).reviewers).toEqual([]);
    // Only issuer admins.
    const e = await getScoringPatterns({ actor: ann, from, to }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('FORBIDDEN');
  });
});
