import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { DomainError } from '@/lib/errors';
import { retireMicroCredential } from '@/lib/authoring/mutations';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { saveProposal } from '@/lib/proposals/mutations';
import { getMicroCredentialPage } from '@/lib/catalog/queries';

beforeEach(resetDatabase);

async function fullDraft() {
  const { mc, version, issuer } = await createPublishedCredential();
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  const [context, files, reflection] = version.parts;
  return { mc, version, issuer, teacher, sub, attempt, context, files, reflection };
}

describe('applications', () => {
  it('starts once, bound to the published version, and enrols the teacher', async () => {
    const { mc, teacher, sub } = await fullDraft();
    const again = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect(again.id).toBe(sub.id);
    const row = await db.submission.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.versionId).toBe(mc.currentVersionId);
    expect(await db.enrollment.count({ where: { userId: teacher.id, microCredentialId: mc.id } })).toBe(1);
  });

  it('autosaves with a revision check so two tabs never overwrite each other silently', async () => {
    const { teacher, attempt, context } = await fullDraft();
    const first = await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Grade 7 science, 28 students.', links: [], revision: 0 });
    expect(first.revision).toBe(1);
    expect(first.wordCount).toBe(5);
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Tab A text', links: [], revision: 1 });
    await expect(saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Tab B stale text', links: [], revision: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const saved = await db.partResponse.findFirstOrThrow({ where: { attemptId: attempt.id, partId: context.id } });
    expect(saved.text).toBe('Tab A text');
  });

  it('never lets another teacher read or write a draft', async () => {
    const { attempt, context, mc, teacher } = await fullDraft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'private', links: [], revision: 0 });
    const intruder = await createActor();
    await expect(saveResponse({ actor: intruder, attemptId: attempt.id, partId: context.id, text: 'x', links: [], revision: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(submitAttempt({ actor: intruder, attemptId: attempt.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const view = await getApplication(intruder, mc.slug);
    expect(view?.submission).toBeNull();
  });

  it('refuses to submit until every required part is complete, naming what is missing', async () => {
    const { teacher, attempt, context } = await fullDraft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context.', links: [], revision: 0 });
    const err = await submitAttempt({ actor: teacher, attemptId: attempt.id }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('VALIDATION');
    const messages = Object.values(err.fieldErrors as Record<string, string[]>).flat().join(' ');
    expect(messages).toContain('Upload at least one file for “Student work”');
    expect(messages).toContain('Write an answer for “Reflection”');
    // Each problem is keyed by where it is fixed, so the page's summary links to the right place.
    const keys = Object.keys(err.fieldErrors as Record<string, string[]>);
    expect(keys.every((k) => /^part\.[a-z0-9]+\.(answer|files)$/.test(k))).toBe(true);
    expect(keys.filter((k) => k.endsWith('.files'))).toHaveLength(1);
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('DRAFT');
  });

  it('blocks answers over the word limit at submit time', async () => {
    const { teacher, attempt, context, files, reflection } = await fullDraft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'word '.repeat(201), links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Fine.', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, files.id);
    await expect(submitAttempt({ actor: teacher, attemptId: attempt.id })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('submits exactly once under a double click, freezes the attempt, and sets the SLA deadline', async () => {
    const { teacher, attempt, context, files, reflection, sub } = await fullDraft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context.', links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Reflection.', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, files.id);
    const results = await Promise.all([submitAttempt({ actor: teacher, attemptId: attempt.id }), submitAttempt({ actor: teacher, attemptId: attempt.id })]);
    expect(results.filter((r) => !r.alreadySubmitted)).toHaveLength(1);
    const a = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(a.status).toBe('SUBMITTED');
    expect(a.dueAt!.getTime()).toBeGreaterThan(a.submittedAt!.getTime() + 13 * 86_400_000);
    expect(await db.attempt.count({ where: { submissionId: sub.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'submission.submit', entityId: attempt.id } })).toBe(1);
    await expect(saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'edit after submit', links: [], revision: 1 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('requires an approved district proposal when the district asks for one', async () => {
    const district = await createOrg({ kind: 'DISTRICT', data: { requiresProposal: true } });
    const { mc, version } = await createPublishedCredential();
    const teacher = await createActor({ districtId: district.id });
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: version.parts[0].id, text: 'a', links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: version.parts[2].id, text: 'b', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, version.parts[1].id);
    await expect(submitAttempt({ actor: teacher, attemptId: attempt.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const { saveProposal, decideProposal } = await import('@/lib/proposals/mutations');
    const proposal = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', submit: true });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: (await createOrg({ kind: 'DISTRICT' })).id }] });
    await expect(decideProposal({ actor: otherLeader, proposalId: proposal.id, decision: 'APPROVED', comment: '', version: 0 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'APPROVED', comment: 'Go ahead', version: 0 });
    await expect(decideProposal({ actor: leader, proposalId: proposal.id, decision: 'RETURNED', comment: 'changed my mind', version: 0 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const r = await submitAttempt({ actor: teacher, attemptId: attempt.id });
    expect(r.alreadySubmitted).toBe(false);
    expect(await db.notification.count({ where: { userId: teacher.id, kind: 'proposal.approved' } })).toBe(1);
  });

  it('a returned proposal keeps the leader’s comment while the teacher saves drafts of the changes; the leader is told which credential', async () => {
    const district = await createOrg({ kind: 'DISTRICT', data: { requiresProposal: true } });
    const { mc, version } = await createPublishedCredential();
    const teacher = await createActor({ districtId: district.id });
    await startApplication({ actor: teacher, microCredentialId: mc.id });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const { decideProposal } = await import('@/lib/proposals/mutations');
    const { getOwnProposal } = await import('@/lib/proposals/queries');
    const proposal = await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Students explain their reasoning.', plan: '', submit: true });
    const note = await db.notification.findFirstOrThrow({ where: { userId: leader.id, kind: 'proposal.submitted' } });
    expect(note.title).toContain(`“${(await db.microCredentialVersion.findUniqueOrThrow({ where: { id: version.id }, select: { title: true } })).title}”`);
    expect(note.href).toBe(`/district/proposals?district=${district.id}`);
    await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'RETURNED', comment: 'Say how you will measure it.', version: 0 });
    await saveProposal({ actor: teacher, microCredentialId: mc.id, studentGoals: 'Students explain their reasoning; I will use a rubric.', plan: '', submit: false });
    const own = await getOwnProposal(teacher, mc.id);
    expect(own).toMatchObject({ status: 'RETURNED', decisionComment: 'Say how you will measure it.', decidedAt: expect.any(Date) });
  });

  it('on revision, keeps passed parts read-only and lets the teacher revise the rest, keeping history', async () => {
    const { teacher, attempt, context, files, reflection, sub, version } = await fullDraft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context v1', links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Reflection v1', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, files.id);
    await submitAttempt({ actor: teacher, attemptId: attempt.id });
    // A reviewer returned it: context and files passed, reflection did not.
    const reviewer = await createActor();
    const levels = await db.proficiencyLevel.findMany({ where: { versionId: version.id }, orderBy: { rank: 'asc' } });
    await db.review.create({
      data: {
        attemptId: attempt.id, reviewerId: reviewer.id, status: 'SUBMITTED', decision: 'REVISE', submittedAt: new Date(), claimExpiresAt: new Date(),
        scores: { create: version.criteria.map((c, i) => ({ criterionId: c.id, levelId: levels[i === 2 ? 1 : 2].id, feedback: i === 2 ? 'Say what students did with it.' : '' })) },
      },
    });
    await db.attempt.update({ where: { id: attempt.id }, data: { status: 'RETURNED' } });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'NEEDS_REVISION' } });

    const [a, b] = await Promise.all([startRevision({ actor: teacher, submissionId: sub.id }), startRevision({ actor: teacher, submissionId: sub.id })]);
    expect(a.attemptId).toBe(b.attemptId);
    const next = await db.attempt.findUniqueOrThrow({ where: { id: a.attemptId }, include: { responses: true, files: true } });
    expect(next.number).toBe(2);
    expect(next.responses.find((r) => r.partId === context.id)?.carriedOver).toBe(true);
    expect(next.responses.find((r) => r.partId === reflection.id)?.carriedOver).toBe(false);
    expect(next.files).toHaveLength(1);
    await expect(saveResponse({ actor: teacher, attemptId: next.id, partId: context.id, text: 'sneaky edit', links: [], revision: 1 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await saveResponse({ actor: teacher, attemptId: next.id, partId: reflection.id, text: 'Reflection v2 with what students did', links: [], revision: 1 });
    await submitAttempt({ actor: teacher, attemptId: next.id });
    const view = await getApplication(teacher, (await db.microCredential.findUniqueOrThrow({ where: { id: (await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).microCredentialId } })).slug);
    expect(view!.submission!.attempts.map((x) => x.number)).toEqual([2, 1]);
    expect(view!.submission!.attempts[1].responses.find((r) => r.partId === reflection.id)?.text).toBe('Reflection v1');
  });
});

describe('a retired credential', () => {
  it('closes to newcomers but lets teachers already on it write their proposal, start and finish', async () => {
    const district = await createOrg({ kind: 'DISTRICT', data: { requiresProposal: true } });
    const { mc, admin } = await createPublishedCredential();
    const enrolled = await createActor({ districtId: district.id });
    const newcomer = await createActor();
    await enrollInMicroCredential({ actor: enrolled, microCredentialId: mc.id });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });

    // Its page stays up (marked retired), for those on it and for badge pages that link to it.
    expect(await getMicroCredentialPage(mc.slug)).toMatchObject({ id: mc.id, status: 'RETIRED' });
    // Newcomers: no enrolment, no application.
    await expect(enrollInMicroCredential({ actor: newcomer, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(startApplication({ actor: newcomer, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getApplication(newcomer, mc.slug)).toBeNull();
    // The enrolled teacher: proposal, application, all still open.
    await saveProposal({ actor: enrolled, microCredentialId: mc.id, studentGoals: 'My grade 6 readers will explain their evidence.', plan: 'Weekly exit tickets, then regrouping.', submit: true });
    const sub = await startApplication({ actor: enrolled, microCredentialId: mc.id });
    expect(sub.id).toBeTruthy();
    expect((await getApplication(enrolled, mc.slug))?.submission?.id).toBe(sub.id);
  });
});
