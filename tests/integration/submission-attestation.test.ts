// Submitting asks the teacher to confirm that the evidence is from their own teaching and that
// students who can be recognised have permission to appear. Without the tick nothing is submitted;
// with it, its time is kept on the attempt and in the audit entry, and reviewers (blind review
// included) and the issuer's admins read it beside the evidence.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview } from '@/lib/review/mutations';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { ATTESTATION_MISSING } from '@/lib/submissions/schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { submitAttemptAction } = await import('@/app/apply/[slug]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const CONFIRMED = 'The teacher confirmed this is their own work and that they have permission for students who can be recognised in it';

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, calibrationRequired: false, doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  return { issuer, mc, admin, reviewer, teacher, submissionId, attemptId: attempt.id };
}

describe('the confirmation at submission', () => {
  it('is required: without the tick (or with anything but it) nothing is submitted, and the field says why', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    for (const extra of [{}, { attested: 'no' }, { attested: '' }] as Record<string, string>[]) {
      const result = (await submitAttemptAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, publicSummary: 'Peer feedback.', ...extra }))) as ActionResult;
      expect(result.ok).toBe(false);
      if (result.ok) throw new Error('unreachable');
      expect(result.fieldErrors?.attested).toEqual([ATTESTATION_MISSING]);
    }
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { status: true, submittedAt: true, attestedAt: true } });
    expect(attempt).toEqual({ status: 'DRAFT', submittedAt: null, attestedAt: null });
    const sub = await db.submission.findUniqueOrThrow({ where: { id: w.submissionId }, select: { status: true, publicSummary: true } });
    expect(sub).toEqual({ status: 'DRAFT', publicSummary: null });
    expect(await db.auditLog.count({ where: { action: 'submission.submit' } })).toBe(0);
  });

  it('unticked, with parts not ready either: one refusal says both, so ticking the box is not followed by a second one', async () => {
    const w = await makeWorld();
    const other = await createActor({ name: 'Otto Other' });
    const { id: submissionId } = await startApplication({ actor: other, microCredentialId: w.mc.id });
    const { parts } = (await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { version: { select: { parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, required: true } } } } } })).version;
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
    // The first part answered, the rest left empty.
    await saveResponse({ actor: other, attemptId: attempt.id, partId: parts[0].id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
    session.actor = other;
    const result = (await submitAttemptAction(initialActionState, form({ attemptId: attempt.id, slug: w.mc.slug }))) as ActionResult;
    if (result.ok) throw new Error('should be refused');
    expect(result.fieldErrors?.attested).toEqual([ATTESTATION_MISSING]);
    // Keyed by part (`part.<id>` or `part.<id>.answer`), as submitting refuses them.
    const partKeys = [...new Set(Object.keys(result.fieldErrors ?? {}).filter((k) => k.startsWith('part.')).map((k) => k.split('.').slice(0, 2).join('.')))];
    expect(partKeys.length).toBeGreaterThan(0);
    expect(partKeys.sort()).toEqual(parts.slice(1).filter((p) => p.required).map((p) => `part.${p.id}`).sort());
    expect(result.formError).toBe('Some parts are not ready yet.');
    // Someone else's draft says nothing of its parts: the refusal is only the box.
    session.actor = w.teacher;
    const foreign = (await submitAttemptAction(initialActionState, form({ attemptId: attempt.id, slug: w.mc.slug }))) as ActionResult;
    if (foreign.ok) throw new Error('should be refused');
    expect(Object.keys(foreign.fieldErrors ?? {})).toEqual(['attested']);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });
  });

  it('is kept on the attempt and in the audit entry when ticked', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    const to = await redirectOf(submitAttemptAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, attested: 'yes' })));
    expect(to).toBe(`/apply/${w.mc.slug}?submitted=1`);
    const attempt = await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { status: true, submittedAt: true, attestedAt: true } });
    expect(attempt.status).toBe('SUBMITTED');
    expect(attempt.attestedAt).toEqual(attempt.submittedAt);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'submission.submit', entityId: w.attemptId }, select: { actorId: true, data: true } });
    expect(entry.actorId).toBe(w.teacher.id);
    expect(entry.data).toEqual({ number: 1, attestedAt: attempt.attestedAt!.toISOString() });
  });

  it('shows to the reviewer under blind review and to the issuer’s admins; an older attempt without one says so', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    await redirectOf(submitAttemptAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, attested: 'yes' })));
    const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: w.attemptId });

    session.actor = w.reviewer;
    const reviewHtml = textJoined(renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) })));
    expect(reviewHtml).toContain(CONFIRMED);
    // Blind review still hides who the teacher is.
    expect(reviewHtml).not.toContain('Tess Teacher');

    session.actor = w.admin;
    const record = await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId });
    expect(record!.attempts[0].attestedAt).toBeInstanceOf(Date);
    const adminHtml = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) })));
    expect(adminHtml).toContain(CONFIRMED);

    // An application submitted before the confirmation existed (the domain call without it).
    const other = await makeWorld();
    await submitAttempt({ actor: other.teacher, attemptId: other.attemptId });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: other.attemptId } })).attestedAt).toBeNull();
    session.actor = other.admin;
    const olderHtml = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: other.submissionId }) })));
    expect(olderHtml).not.toContain(CONFIRMED);
    expect(olderHtml).toContain('No confirmation of own work and student permission is recorded');
  });
});
