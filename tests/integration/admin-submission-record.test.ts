// An issuer's admins can look into the application behind a badge: the evidence of every submitted
// attempt and the reviews that decided it, with reviewers' names. Nobody else can, and a teacher's
// draft stays theirs.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
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
});
