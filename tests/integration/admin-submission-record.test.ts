// An issuer's admins can look into the application behind a badge: the evidence of every submitted
// attempt and the reviews that decided it, with reviewers' names. Nobody else can, and a teacher's
// draft stays theirs.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';

beforeEach(resetDatabase);

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id });
  const version = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: mc.currentVersionId! }, select: { parts: { select: { id: true } }, criteria: { select: { id: true } }, levels: { orderBy: { rank: 'asc' }, select: { id: true } } } });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const reviewer = await createActor({ name: 'Rae Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const first = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  // Attempt 1: submitted and returned, with its answer and a scored review.
  await db.attempt.update({ where: { id: first.id }, data: { status: 'RETURNED', submittedAt: new Date('2026-10-01T10:00:00Z'), decidedAt: new Date('2026-10-03T10:00:00Z') } });
  await db.partResponse.create({ data: { attemptId: first.id, partId: version.parts[0].id, text: 'We set norms in week one.', links: [], wordCount: 6 } });
  await db.review.create({
    data: {
      attemptId: first.id, reviewerId: reviewer.id, kind: 'PRIMARY', status: 'SUBMITTED', claimExpiresAt: new Date(), submittedAt: new Date('2026-10-03T10:00:00Z'),
      decision: 'REVISE', overallComment: 'Show the students’ work.',
      scores: { create: version.criteria.map((c) => ({ criterionId: c.id, levelId: version.levels[0].id, feedback: 'Add evidence.' })) },
    },
  });
  // Attempt 2: the teacher's draft revision, with text not yet submitted.
  const second = await db.attempt.create({ data: { submissionId: sub.id, number: 2, status: 'DRAFT' } });
  await db.partResponse.create({ data: { attemptId: second.id, partId: version.parts[0].id, text: 'Private draft text.', links: [], wordCount: 3 } });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'NEEDS_REVISION' } });
  return { issuer, mc, admin, teacher, reviewer, submissionId: sub.id };
}

describe('the application record for issuer admins', () => {
  it('shows submitted evidence and the deciding reviews with reviewers’ names, and never a draft', async () => {
    const w = await world();
    const record = await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId });
    expect(record).not.toBeNull();
    // Blind review hides the teacher from reviewers, not from the issuer's own admins.
    expect(record!.teacher.name).toBe('Tess Teacher');
    expect(record!.attempts.map((a) => [a.number, a.status])).toEqual([[2, 'DRAFT'], [1, 'RETURNED']]);
    const [draft, returned] = record!.attempts;
    expect(returned.responses.map((r) => r.text)).toEqual(['We set norms in week one.']);
    expect(returned.reviews).toHaveLength(1);
    expect(returned.reviews[0]).toMatchObject({ decision: 'REVISE', overallComment: 'Show the students’ work.', reviewer: { name: 'Rae Reviewer' } });
    expect(returned.reviews[0].scores.every((s) => s.feedback === 'Add evidence.')).toBe(true);
    expect(draft.responses).toEqual([]);
    expect(JSON.stringify(record)).not.toContain('Private draft text.');
  });

  it('is nobody else’s: another issuer’s admin, the reviewer, the teacher and a made-up id all get nothing', async () => {
    const w = await world();
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    for (const actor of [otherAdmin, w.reviewer, w.teacher]) {
      expect(await getSubmissionRecord({ actor, submissionId: w.submissionId })).toBeNull();
    }
    expect(await getSubmissionRecord({ actor: w.admin, submissionId: 'no-such-submission' })).toBeNull();
    expect(await getSubmissionRecord({ actor: w.admin, submissionId: "x' OR 1=1 --" })).toBeNull();
  });

  it('an admin scoring an undecided attempt sees it as a scorer: no other score, and under blind review no teacher', async () => {
    const w = await world();
    const version = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.mc.currentVersionId! }, select: { parts: { orderBy: { sortOrder: 'asc' }, select: { id: true } }, criteria: { select: { id: true } }, levels: { orderBy: { rank: 'asc' }, select: { id: true } } } });
    // The revision is sent and sampled for double scoring: the reviewer has scored it, the admin holds the second score.
    const second = await db.attempt.findFirstOrThrow({ where: { submissionId: w.submissionId, number: 2 } });
    await db.attempt.update({ where: { id: second.id }, data: { status: 'SUBMITTED', submittedAt: new Date(), doubleScore: true } });
    await db.submission.update({ where: { id: w.submissionId }, data: { status: 'IN_REVIEW' } });
    await db.evidenceFile.create({ data: { attemptId: second.id, partId: version.parts[0].id, ownerId: w.teacher.id, storageKey: 'evidence/x', fileName: 'Tess_Teacher_Lincoln_lesson.pdf', declaredType: 'application/pdf', detectedType: 'application/pdf', sizeBytes: 10n, status: 'UPLOADED' } });
    await db.review.create({ data: { attemptId: second.id, reviewerId: w.reviewer.id, kind: 'PRIMARY', status: 'SUBMITTED', claimExpiresAt: new Date(), submittedAt: new Date(), decision: 'PASS', overallComment: 'First score.' } });
    const claim = await db.review.create({ data: { attemptId: second.id, reviewerId: w.admin.id, kind: 'SECOND', status: 'CLAIMED', claimExpiresAt: new Date(Date.now() + 3_600_000) } });

    const scoring = (await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId }))!;
    const attempt = scoring.attempts.find((a) => a.number === 2)!;
    expect(attempt.otherReviewsHidden).toBe(true);
    expect(attempt.reviews).toEqual([]);
    expect(scoring.teacherHidden).toBe(true);
    expect(attempt.files.map((f) => f.fileName)).toEqual(['Part 1 – file 1.pdf']);
    const text = JSON.stringify(scoring, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    for (const leak of ['Tess Teacher', 'Tess_Teacher', 'First score.', w.teacher.email]) expect(text).not.toContain(leak);
    // The decided attempt's reviews still show: they are history, not a score being made.
    expect(scoring.attempts.find((a) => a.number === 1)!.reviews).toHaveLength(1);

    // An admin qualified to score it who has not claimed anything: the second score is taken
    // (claimed), so nothing to protect; while it is open, the first score stays hidden from them.
    const qualified = await createQualifiedReviewer({ issuerId: w.issuer.id, role: 'ISSUER_ADMIN', microCredentialIds: w.mc.id, grantedById: w.admin.id });
    await db.organization.update({ where: { id: w.issuer.id }, data: { calibrationRequired: false } });
    expect((await getSubmissionRecord({ actor: qualified, submissionId: w.submissionId }))!.attempts.find((a) => a.number === 2)!.reviews).toHaveLength(1);
    await db.review.update({ where: { id: claim.id }, data: { status: 'EXPIRED' } });
    const couldTake = (await getSubmissionRecord({ actor: qualified, submissionId: w.submissionId }))!.attempts.find((a) => a.number === 2)!;
    expect(couldTake.otherReviewsHidden).toBe(true);
    expect(couldTake.reviews).toEqual([]);
    await db.review.update({ where: { id: claim.id }, data: { status: 'CLAIMED' } });

    // Another admin of the issuer, not scoring it, sees everything.
    const other = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const full = (await getSubmissionRecord({ actor: other, submissionId: w.submissionId }))!;
    expect(full.teacherHidden).toBe(false);
    expect(full.attempts.find((a) => a.number === 2)!.reviews.map((r) => r.overallComment)).toEqual(['First score.']);

    // Once the admin has sent their own score, the teacher shows again, the other score stays hidden until the decision.
    await db.review.update({ where: { id: claim.id }, data: { status: 'SUBMITTED', submittedAt: new Date(), decision: 'PASS', overallComment: 'Second score.' } });
    const sent = (await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId }))!;
    expect(sent.teacherHidden).toBe(false);
    expect(sent.attempts.find((a) => a.number === 2)!.reviews.map((r) => r.overallComment)).toEqual(['Second score.']);
  });
});
