// The review-quality list of open submissions offers "Assign or reassign" only where the admin may
// assign (assignReview refuses their own application and a colleague's the issuer's conflict rules
// keep them from reviewing): there it says who assigns instead. On their own application an admin
// is a teacher like any other and does not see who is reviewing it.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview } from '@/lib/review/mutations';
import { listOpenAttemptsForAssignment } from '@/lib/review/queries';

beforeEach(resetDatabase);

async function submitFor(mc: { id: string }, parts: { id: string }[], who: Actor) {
  const { id: submissionId } = await startApplication({ actor: who, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of parts) await saveResponse({ actor: who, attemptId: attempt.id, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision: 0 });
  await submitAttempt({ actor: who, attemptId: attempt.id, attested: true });
  return attempt.id;
}

describe('the list of open submissions to assign', () => {
  it('offers no assignment of the admin’s own or a conflicted colleague’s work, and hides reviewers of their own', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0, slaBusinessDays: 10 } });
    const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
    const school = await createOrg({ kind: 'SCHOOL' });
    const reviewer = await createQualifiedReviewer({ name: 'Fay First', issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
    const adminTeacher = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }], schoolId: school.id });
    const colleague = await createActor({ name: 'Tess Teacher', schoolId: school.id });
    const stranger = await createActor({ name: 'Sam Stranger' });

    const own = await submitFor(mc, version.parts, adminTeacher);
    const colleagues = await submitFor(mc, version.parts, colleague);
    const strangers = await submitFor(mc, version.parts, stranger);
    await claimReview({ actor: reviewer, attemptId: own });
    await claimReview({ actor: reviewer, attemptId: strangers });

    const byAttempt = async (actor: Actor) => new Map((await listOpenAttemptsForAssignment({ actor })).items.map((i) => [i.attemptId, i]));
    const seen = await byAttempt(adminTeacher);
    expect(seen.get(own)).toMatchObject({ conflict: 'OWN_WORK', reviews: [{ kind: 'PRIMARY', reviewerName: null }] });
    expect(seen.get(colleagues)).toMatchObject({ conflict: 'SAME_SCHOOL' });
    expect(seen.get(strangers)).toMatchObject({ conflict: null, reviews: [{ reviewerName: 'Fay First' }] });

    // An admin with no tie to any of them may assign all three and sees who reviews.
    const free = await byAttempt(admin);
    expect([...free.values()].map((i) => i.conflict)).toEqual([null, null, null]);
    expect(free.get(own)?.reviews).toEqual([expect.objectContaining({ reviewerName: 'Fay First' })]);
  });
});
