// Reviewer scoring end to end against the real database: claims, conflicts of interest,
// server-side decisions, optimistic concurrency, double scoring and evidence access.
import { beforeEach, describe, expect, it } from 'vitest';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, qualify, SAMPLE_PDF } from '@/tests/factories';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, getEvidenceUrl, requestUpload } from '@/lib/evidence/uploads';
import { assignReview, claimReview, expireStaleClaims, releaseReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import { getReviewWorkspace, listAdjudicationQueue, listReviewQueue } from '@/lib/review/queries';
import { DomainError } from '@/lib/errors';

const textOnly = textOnlyDefinition();

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld(issuerData: Record<string, unknown> = {}, def: Record<string, unknown> = textOnly) {
  const district = await createOrg({ kind: 'DISTRICT' });
  const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const issuer = await createOrg({ kind: 'ISSUER', data: { doubleScoreRate: 0, ...issuerData } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def });
  const teacher = await createActor({ name: 'Tess Teacher', email: `tess-${mc.id}@example.test`, districtId: district.id, schoolId: school.id });
  const reviewer = async (opts: { schoolId?: string; districtId?: string; qualified?: boolean; name?: string; email?: string } = {}) => {
    const r = await createActor({ name: opts.name, email: opts.email, roles: [{ role: 'REVIEWER', organizationId: issuer.id }], schoolId: opts.schoolId, districtId: opts.districtId });
    if (opts.qualified !== false) await qualify(r.id, mc.id, admin.id);
    return r;
  };
  const levelId = (rank: number) => version.levels.find((l) => l.rank === rank)!.id;
  return { district, school, issuer, mc, version, admin, teacher, reviewer, levelId };
}

async function submitTextAttempt(w: World, teacher: Actor = w.teacher) {
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) {
    if (p.responseType === 'TEXT') await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  }
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  return { submissionId, attemptId: attempt.id };
}

function scoresAt(w: World, ranks: number[], feedback = 'Specific feedback.') {
  return w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.levelId(ranks[i]), feedback }));
}

async function attemptVersion(attemptId: string) {
  return (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } })).version;
}

async function reviewVersion(reviewId: string) {
  return (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true } })).version;
}

async function decide(w: World, actor: Actor, reviewId: string, attemptId: string, ranks: number[], feedback?: string) {
  return submitReview({ actor, reviewId, version: await reviewVersion(reviewId), attemptVersion: await attemptVersion(attemptId), scores: scoresAt(w, ranks, feedback), overallComment: 'Thanks.' });
}

async function expectCode(p: Promise<unknown>, code: string, message?: RegExp) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, `expected a ${code} error`).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  if (message) expect((e as DomainError).message).toMatch(message);
  return e as DomainError;
}

beforeEach(async () => {
  await resetDatabase();
});

describe('claiming', () => {
  it('is exclusive: of two reviewers racing for one attempt exactly one wins', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const results = await Promise.allSettled([claimReview({ actor: a, attemptId }), claimReview({ actor: b, attemptId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as DomainError).code).toBe('CONFLICT');
    expect(await db.review.count({ where: { attemptId, status: 'CLAIMED' } })).toBe(1);
    const sub = await db.submission.findFirstOrThrow({ where: { attempts: { some: { id: attemptId } } } });
    expect(sub.status).toBe('IN_REVIEW');
  });

  it('hides a claimed attempt from other reviewers, and an expired claim frees it', async () => {
    const w = await makeWorld({ claimMinutes: 30 });
    const { attemptId } = await submitTextAttempt(w);
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    expect((await listReviewQueue({ actor: b })).items.map((i) => i.attemptId)).toEqual([attemptId]);
    const { reviewId } = await claimReview({ actor: a, attemptId });
    expect((await listReviewQueue({ actor: b })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: b, attemptId }), 'CONFLICT');

    const later = new Date(Date.now() + 31 * 60_000);
    expect((await listReviewQueue({ actor: b, now: later })).items.map((i) => i.attemptId)).toEqual([attemptId]);
    const taken = await claimReview({ actor: b, attemptId, now: later });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('EXPIRED');
    expect(await db.auditLog.count({ where: { action: 'review.claim-expire', entityId: reviewId } })).toBe(1);
    // The first reviewer's stale form can no longer decide.
    await expectCode(decide(w, a, reviewId, attemptId, [3, 3]), 'CONFLICT', /claim on this submission has ended/);
    await decide(w, b, taken.reviewId, attemptId, [3, 3]);
  });

  it('the sweep job expires stale claims and puts the submission back in the queue', async () => {
    const w = await makeWorld({ claimMinutes: 10 });
    const { attemptId, submissionId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    expect(await expireStaleClaims({ now: new Date(Date.now() + 5 * 60_000) })).toBe(0);
    expect(await expireStaleClaims({ now: new Date(Date.now() + 11 * 60_000) })).toBe(1);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('EXPIRED');
    expect((await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe('SUBMITTED');
  });

  it('release gives the attempt back to the queue', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: a, attemptId });
    await releaseReview({ actor: a, reviewId });
    expect((await listReviewQueue({ actor: b })).items).toHaveLength(1);
    await claimReview({ actor: b, attemptId });
  });
});

describe('who may review', () => {
  it('nobody reviews their own work, even when qualified', async () => {
    const w = await makeWorld();
    const teacherReviewer = await createQualifiedReviewer({ issuerId: w.issuer.id, microCredentialIds: w.mc.id, grantedById: w.admin.id });
    const { attemptId } = await submitTextAttempt(w, teacherReviewer);
    expect((await listReviewQueue({ actor: teacherReviewer })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: teacherReviewer, attemptId }), 'FORBIDDEN', /own work/);
  });

  it('blocks the same school always, and the same district only when the issuer turns it on', async () => {
    const off = await makeWorld();
    const offAttempt = await submitTextAttempt(off);
    const colleague = await off.reviewer({ schoolId: off.school.id, districtId: off.district.id });
    expect((await listReviewQueue({ actor: colleague })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: colleague, attemptId: offAttempt.attemptId }), 'FORBIDDEN', /own school/);
    const otherSchool = await createOrg({ kind: 'SCHOOL', parentId: off.district.id });
    const districtColleague = await off.reviewer({ schoolId: otherSchool.id, districtId: off.district.id });
    expect((await listReviewQueue({ actor: districtColleague })).items).toHaveLength(1);
    await claimReview({ actor: districtColleague, attemptId: offAttempt.attemptId });

    const w = await makeWorld({ blockSameDistrict: true });
    const { attemptId } = await submitTextAttempt(w);
    const sameSchool = await w.reviewer({ schoolId: w.school.id });
    const sameDistrict = await w.reviewer({ districtId: w.district.id });
    const elsewhere = await w.reviewer({ districtId: (await createOrg({ kind: 'DISTRICT' })).id });
    expect((await listReviewQueue({ actor: sameSchool })).items).toHaveLength(0);
    expect((await listReviewQueue({ actor: sameDistrict })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: sameSchool, attemptId }), 'FORBIDDEN', /own school/);
    await expectCode(claimReview({ actor: sameDistrict, attemptId }), 'FORBIDDEN', /own district/);
    expect((await listReviewQueue({ actor: elsewhere })).items).toHaveLength(1);
    await claimReview({ actor: elsewhere, attemptId });
  });

  it('with district blocking on, a shared district email domain is the same district even when the teacher picked none', async () => {
    const w = await makeWorld({ blockSameDistrict: true });
    const tess = await createActor({ name: 'Tess NoDistrict', email: 'tess@kmsd.k12.wi.us' });
    const { attemptId } = await submitTextAttempt(w, tess);
    const colleague = await w.reviewer({ email: 'rae@kmsd.k12.wi.us' });
    const stranger = await w.reviewer({ email: 'sam@other.k12.mn.us' });
    const gmail = await w.reviewer({ email: 'someone@gmail.com' });
    expect((await listReviewQueue({ actor: colleague })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: colleague, attemptId }), 'FORBIDDEN', /same domain/);
    expect((await listReviewQueue({ actor: gmail })).items).toHaveLength(1);
    expect((await listReviewQueue({ actor: stranger })).items.map((i) => i.attemptId)).toEqual([attemptId]);
    await claimReview({ actor: stranger, attemptId });
  });

  it('requires a qualification (granted or earned) for the credential', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const unqualified = await w.reviewer({ qualified: false });
    expect((await listReviewQueue({ actor: unqualified })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: unqualified, attemptId }), 'FORBIDDEN', /not qualified/);
  });

  it('admins assign and reassign only to qualified, non-conflicted reviewers, audit-logged', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const conflicted = await w.reviewer({ schoolId: w.school.id });
    const outsider = await createActor();
    await expectCode(assignReview({ actor: outsider, attemptId, reviewerId: a.id }), 'NOT_FOUND');
    await expectCode(assignReview({ actor: w.admin, attemptId, reviewerId: conflicted.id }), 'FORBIDDEN', /school/);
    const first = await assignReview({ actor: w.admin, attemptId, reviewerId: a.id });
    expect(first.reassigned).toBe(false);
    const second = await assignReview({ actor: w.admin, attemptId, reviewerId: b.id, releaseReviewId: first.reviewId });
    expect(second.reassigned).toBe(true);
    expect((await db.review.findUniqueOrThrow({ where: { id: first.reviewId } })).status).toBe('RELEASED');
    expect(await db.auditLog.count({ where: { action: 'review.assign' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'review.reassign' } })).toBe(1);
    expect(await db.notification.count({ where: { userId: b.id, kind: 'review.assigned' } })).toBe(1);
    await expectCode(decide(w, a, first.reviewId, attemptId, [3, 3]), 'CONFLICT');
  });

  it('autosave extends a claim but never shortens an assignment that runs to the deadline', async () => {
    const w = await makeWorld({ claimMinutes: 30 });
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const now = new Date();
    const { reviewId } = await assignReview({ actor: w.admin, attemptId, reviewerId: a.id, now });
    const deadline = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).dueAt!;
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).claimExpiresAt).toEqual(deadline);
    await saveReviewDraft({ actor: a, reviewId, version: 0, scores: scoresAt(w, [2, 2]).slice(0, 1), overallComment: 'Started', now });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).claimExpiresAt).toEqual(deadline);
    // An hour later the assignment is still the reviewer's, not back in the open queue.
    const later = new Date(now.getTime() + 60 * 60_000);
    expect(await expireStaleClaims({ now: later })).toBe(0);
    expect((await listReviewQueue({ actor: await w.reviewer(), now: later })).items).toHaveLength(0);

    // A claim taken from the queue still runs claimMinutes from each save.
    const other = await submitTextAttempt(w, await createActor());
    const claim = await claimReview({ actor: a, attemptId: other.attemptId, now });
    const saveAt = new Date(now.getTime() + 20 * 60_000);
    await saveReviewDraft({ actor: a, reviewId: claim.reviewId, version: 0, scores: [], overallComment: '', now: saveAt });
    expect((await db.review.findUniqueOrThrow({ where: { id: claim.reviewId } })).claimExpiresAt).toEqual(new Date(saveAt.getTime() + 30 * 60_000));
  });
});

describe('deciding', () => {
  it('the passing rule decides on the server: low scores cannot be forced to a pass', async () => {
    const w = await makeWorld();
    const { attemptId, submissionId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    // The input has no decision field at all; a client-sent "decision" is ignored by the schema and the domain.
    const result = await submitReview({ actor: a, reviewId, version: 0, attemptVersion: await attemptVersion(attemptId), scores: scoresAt(w, [3, 1], 'Needs a clearer reflection.'), overallComment: '', ...({ decision: 'PASS' } as object) });
    expect(result.decision).toBe('REVISE');
    expect(result.outcome).toBe('RETURNED');
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe('RETURNED');
    const sub = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { status: true, microCredential: { select: { slug: true } } } });
    expect(sub.status).toBe('NEEDS_REVISION');
    const note = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'review.returned' } });
    expect(note.href).toBe(`/apply/${sub.microCredential.slug}`);
    // Named, so a teacher with several applications (and the email subject) says which.
    expect(note.title).toMatch(/^Your submission for “Formative Feedback .+” needs revision$/);
    expect(await db.auditLog.count({ where: { action: 'review.decide', entityId: attemptId } })).toBe(1);
  });

  it('a pass earns the credential and the award is issued or queued for retry', async () => {
    const w = await makeWorld();
    const { attemptId, submissionId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const result = await decide(w, a, reviewId, attemptId, [2, 3]);
    expect(result.outcome).toBe('PASSED');
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.status).toBe('PASSED');
    expect(attempt.decidedAt).not.toBeNull();
    expect((await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe('EARNED');
    const award = await db.award.count({ where: { submissionId } });
    const job = await db.job.count({ where: { type: 'award.issue', payload: { equals: { submissionId } } } });
    expect(award + job).toBeGreaterThan(0);
    expect(result.awardQueued).toBe(job > 0);
  });

  it('whoever reviews a revision sees what earlier reviewers asked for, without their names', async () => {
    const w = await makeWorld();
    const { attemptId, submissionId } = await submitTextAttempt(w);
    const first = await w.reviewer({ name: 'Fiona First' });
    const { reviewId } = await claimReview({ actor: first, attemptId });
    expect((await getReviewWorkspace({ actor: first, reviewId }))!.earlierAttempts).toEqual([]);
    await decide(w, first, reviewId, attemptId, [3, 1], 'Say what students did with the feedback.');

    const revision = await startRevision({ actor: w.teacher, submissionId });
    const draft = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true, number: true } });
    expect(draft.number).toBe(2);
    expect(revision).toBeTruthy();
    await submitAttempt({ actor: w.teacher, attemptId: draft.id });
    const second = await w.reviewer({ name: 'Sam Second' });
    const claim = await claimReview({ actor: second, attemptId: draft.id });
    const ws = (await getReviewWorkspace({ actor: second, reviewId: claim.reviewId }))!;
    expect(ws.earlierAttempts).toHaveLength(1);
    const [earlier] = ws.earlierAttempts;
    expect(earlier.number).toBe(1);
    expect(earlier.reviews.map((r) => r.decision)).toEqual(['REVISE']);
    expect(earlier.reviews[0].scores.map((s) => s.feedback)).toContain('Say what students did with the feedback.');
    expect(JSON.stringify(earlier)).not.toContain('Fiona');
  });

  it('a total rule: a total-only shortfall needs an overall comment, and the revision locks no part that could still add points', async () => {
    const def = { ...textOnly, rubric: { ...textOnly.rubric, passingRule: { kind: 'TOTAL_AT_LEAST' as const, levelRank: 1, total: 5 } } };
    const w = await makeWorld({}, def);
    const { attemptId, submissionId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    // 3 + 1 = 4 of 5: both criteria at or above the floor, so neither needs feedback, but the teacher
    // must be told what would raise the total.
    const noComment = { actor: a, reviewId, version: await reviewVersion(reviewId), attemptVersion: await attemptVersion(attemptId), scores: scoresAt(w, [3, 1], ''), overallComment: ' ' };
    const e = await expectCode(submitReview(noComment), 'VALIDATION', /total falls short/);
    expect(e.fieldErrors).toHaveProperty('overallComment');
    const result = await submitReview({ ...noComment, version: await reviewVersion(reviewId), overallComment: 'Show what students did next to reach the top level in your reflection.' });
    expect(result.decision).toBe('REVISE');

    await startRevision({ actor: w.teacher, submissionId });
    const next = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { responses: { select: { partId: true, carriedOver: true } } } });
    const contextPart = w.version.parts[0].id;
    // The Context part is at the top level (nothing to add); the Reflection part stays editable.
    expect(Object.fromEntries(next.responses.map((r) => [r.partId === contextPart ? 'context' : 'reflection', r.carriedOver]))).toEqual({ context: true, reflection: false });
  });

  it('feedback is required for every criterion below the passing level', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const scores = [
      { criterionId: w.version.criteria[0].id, levelId: w.levelId(3), feedback: '' },
      { criterionId: w.version.criteria[1].id, levelId: w.levelId(1), feedback: '   ' },
    ];
    const e = await expectCode(submitReview({ actor: a, reviewId, version: 0, attemptVersion: await attemptVersion(attemptId), scores, overallComment: '' }), 'VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {})).toEqual([`feedback.${w.version.criteria[1].id}`]);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('CLAIMED');
  });

  it('rejects levels from another rubric', async () => {
    const w = await makeWorld();
    const other = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const scores = [{ criterionId: w.version.criteria[0].id, levelId: other.levelId(3), feedback: '' }];
    await expectCode(saveReviewDraft({ actor: a, reviewId, version: 0, scores, overallComment: '' }), 'VALIDATION');
  });

  it('two tabs: drafts autosave with a version, and only one tab can submit the decision', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const saved = await saveReviewDraft({ actor: a, reviewId, version: 0, scores: scoresAt(w, [2, 2]).slice(0, 1), overallComment: 'Draft' });
    expect(saved.version).toBe(1);
    // A second tab still on version 0 cannot overwrite the draft.
    await expectCode(saveReviewDraft({ actor: a, reviewId, version: 0, scores: [], overallComment: 'Old tab' }), 'CONFLICT');
    const av = await attemptVersion(attemptId);
    const results = await Promise.allSettled([
      submitReview({ actor: a, reviewId, version: 1, attemptVersion: av, scores: scoresAt(w, [3, 3]), overallComment: 'Tab 1' }),
      submitReview({ actor: a, reviewId, version: 1, attemptVersion: av, scores: scoresAt(w, [0, 0], 'Weak'), overallComment: 'Tab 2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as DomainError).code).toBe('CONFLICT');
    expect(await db.review.count({ where: { attemptId, status: 'SUBMITTED' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'review.decide', entityId: attemptId } })).toBe(1);
    // A third, stale submit says clearly what happened.
    await expectCode(submitReview({ actor: a, reviewId, version: 1, attemptVersion: av, scores: scoresAt(w, [3, 3]), overallComment: '' }), 'CONFLICT', /already submitted/);
  });

  it('a stale form gets "decided by someone else" when the attempt changed under it', async () => {
    const w = await makeWorld();
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const staleAttemptVersion = (await attemptVersion(attemptId)) - 1;
    await expectCode(submitReview({ actor: a, reviewId, version: 0, attemptVersion: staleAttemptVersion, scores: scoresAt(w, [3, 3]), overallComment: '' }), 'CONFLICT', /decided by someone else/);
  });
});

describe('double scoring', () => {
  it('agreeing reviews decide; disagreement goes to an admin adjudication that is final', async () => {
    const w = await makeWorld({ doubleScoreRate: 1 });
    const first = await submitTextAttempt(w);
    const [a, b] = [await w.reviewer({ name: 'Ann' }), await w.reviewer({ name: 'Bob' })];

    // Agreement: both pass.
    const p1 = await claimReview({ actor: a, attemptId: first.attemptId });
    const r1 = await decide(w, a, p1.reviewId, first.attemptId, [3, 3]);
    expect(r1.outcome).toBe('AWAITING_SECOND');
    expect((await db.attempt.findUniqueOrThrow({ where: { id: first.attemptId } })).status).toBe('SUBMITTED');
    expect((await db.submission.findUniqueOrThrow({ where: { id: first.submissionId } })).status).toBe('IN_REVIEW');
    // The first reviewer cannot score it again; it is second-scoring work for someone else.
    expect((await listReviewQueue({ actor: a, kind: 'SECOND' })).items).toHaveLength(0);
    await expectCode(claimReview({ actor: a, attemptId: first.attemptId, kind: 'SECOND' }), 'FORBIDDEN');
    expect((await listReviewQueue({ actor: b, kind: 'SECOND' })).items.map((i) => i.attemptId)).toEqual([first.attemptId]);
    expect((await listReviewQueue({ actor: b, kind: 'PRIMARY' })).items).toHaveLength(0);
    const s1 = await claimReview({ actor: b, attemptId: first.attemptId, kind: 'SECOND' });
    const r2 = await decide(w, b, s1.reviewId, first.attemptId, [2, 3]);
    expect(r2.outcome).toBe('PASSED');
    expect((await db.submission.findUniqueOrThrow({ where: { id: first.submissionId } })).status).toBe('EARNED');

    // Disagreement: pass vs revise.
    const other = await createActor({ name: 'Olly Other' });
    const second = await submitTextAttempt(w, other);
    const p2 = await claimReview({ actor: b, attemptId: second.attemptId });
    await decide(w, b, p2.reviewId, second.attemptId, [3, 3]);
    const s2 = await claimReview({ actor: a, attemptId: second.attemptId, kind: 'SECOND' });
    const r3 = await decide(w, a, s2.reviewId, second.attemptId, [1, 3], 'Context is thin.');
    expect(r3.outcome).toBe('NEEDS_ADJUDICATION');
    const waiting = await db.attempt.findUniqueOrThrow({ where: { id: second.attemptId } });
    expect(waiting.needsAdjudication).toBe(true);
    expect(waiting.status).toBe('SUBMITTED');
    expect((await listReviewQueue({ actor: a, kind: 'SECOND' })).items).toHaveLength(0);

    const adj = await listAdjudicationQueue({ actor: w.admin });
    expect(adj.items.map((i) => i.attemptId)).toEqual([second.attemptId]);
    expect(adj.items[0].decisions.map((d) => d.decision).sort()).toEqual(['PASS', 'REVISE']);
    // Reviewers (not admins) cannot adjudicate.
    await expectCode(claimReview({ actor: a, attemptId: second.attemptId, kind: 'ADJUDICATION' }), 'FORBIDDEN');
    const j = await claimReview({ actor: w.admin, attemptId: second.attemptId, kind: 'ADJUDICATION' });
    const ws = await getReviewWorkspace({ actor: w.admin, reviewId: j.reviewId });
    expect(ws?.otherReviews).toHaveLength(2);
    const r4 = await decide(w, w.admin, j.reviewId, second.attemptId, [1, 2], 'Context needs detail.');
    expect(r4.outcome).toBe('RETURNED');
    const done = await db.attempt.findUniqueOrThrow({ where: { id: second.attemptId } });
    expect(done.status).toBe('RETURNED');
    expect(done.needsAdjudication).toBe(false);
    expect(await db.auditLog.count({ where: { action: 'review.adjudicate', entityId: second.attemptId } })).toBe(1);
    expect((await listAdjudicationQueue({ actor: w.admin })).items).toHaveLength(0);
  });
});

describe('blind review and evidence', () => {
  it('blind review hides the teacher from the reviewer', async () => {
    const w = await makeWorld({ blindReview: true });
    const { attemptId } = await submitTextAttempt(w);
    const a = await w.reviewer();
    const queue = await listReviewQueue({ actor: a });
    expect(queue.items[0].teacher).toBeNull();
    const { reviewId } = await claimReview({ actor: a, attemptId });
    const ws = await getReviewWorkspace({ actor: a, reviewId });
    expect(ws?.teacher).toBeNull();
    expect(JSON.stringify(ws)).not.toContain('Tess Teacher');
    expect(JSON.stringify(ws)).not.toContain(w.teacher.email);

    const open = await makeWorld();
    await submitTextAttempt(open);
    const b = await open.reviewer();
    expect((await listReviewQueue({ actor: b })).items[0].teacher?.name).toBe('Tess Teacher');
  });

  it('a reviewer reads evidence only of attempts they hold; nobody else can open the workspace', async () => {
    const w = await makeWorld({}, {});
    const { id: submissionId } = await startApplication({ actor: w.teacher, microCredentialId: w.mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
    for (const p of w.version.parts) {
      if (p.responseType === 'TEXT') await saveResponse({ actor: w.teacher, attemptId: attempt.id, partId: p.id, text: 'Some words here.', links: [], revision: 0 });
      if (p.responseType === 'FILES') {
        const ticket = await requestUpload({ actor: w.teacher, attemptId: attempt.id, partId: p.id, fileName: 'work.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
        if (ticket.mode !== 'single') throw new Error('expected a single upload');
        const put = await fetch(ticket.url, { method: 'PUT', body: SAMPLE_PDF, headers: { 'content-type': ticket.contentType } });
        expect(put.ok).toBe(true);
        await completeUpload({ actor: w.teacher, fileId: ticket.fileId });
      }
    }
    await submitAttempt({ actor: w.teacher, attemptId: attempt.id });
    const file = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: attempt.id } });
    const [holder, bystander] = [await w.reviewer(), await w.reviewer()];

    await expectCode(getEvidenceUrl({ actor: holder, fileId: file.id, inline: true }), 'NOT_FOUND');
    const { reviewId } = await claimReview({ actor: holder, attemptId: attempt.id });
    const url = await getEvidenceUrl({ actor: holder, fileId: file.id, inline: true });
    const res = await fetch(url);
    expect(res.ok).toBe(true);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SAMPLE_PDF);
    await expectCode(getEvidenceUrl({ actor: bystander, fileId: file.id, inline: true }), 'NOT_FOUND');
    expect(await getReviewWorkspace({ actor: bystander, reviewId })).toBeNull();
    const ws = await getReviewWorkspace({ actor: holder, reviewId });
    expect(ws?.attempt.files.map((f) => f.id)).toEqual([file.id]);

    // Once the claim is released the evidence is closed again.
    await releaseReview({ actor: holder, reviewId });
    await expectCode(getEvidenceUrl({ actor: holder, fileId: file.id, inline: true }), 'NOT_FOUND');
  });
});
