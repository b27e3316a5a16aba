// An issuer admin with a conflict of interest with the teacher (their own application, or a
// colleague's at the same school, which no issuer allows) may not ask for a second look,
// withdraw one, or choose the reviewer: the server refuses all three. The application record tells
// them so, and who can, instead of offering a form they would fill in only to be refused.
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
import { assignRefusal, claimReview, submitReview } from '@/lib/review/mutations';
import { adminConflictOnSubmission, requestSecondLook } from '@/lib/review/second-look';
import { secondLookConflictNotice } from '@/lib/review/second-look-rules';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const ASK_FORM = 'Ask for a second look</button>';
const WITHDRAW_FORM = 'Withdraw the second look';

/**
 * An issuer (which, as every issuer, keeps colleagues at one school apart). `adminTeacher` is one of its admins and applies for
 * its credential; `colleagueAdmin` is another admin at the same school as `teacher`; `admin` (no
 * school) has no conflict with either.
 */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0, slaBusinessDays: 10 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const school = await createOrg({ kind: 'SCHOOL' });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const first = await reviewer('Fay First');
  await reviewer('Finn Fresh');
  const adminTeacher = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const colleagueAdmin = await createActor({ name: 'Cal Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }], schoolId: school.id });
  const teacher = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const w = { issuer, mc, version, admin, first, adminTeacher, colleagueAdmin, teacher };
  return { ...w, own: await submitFor(w, adminTeacher), colleagues: await submitFor(w, teacher) };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function submitFor(w: { mc: { id: string }; version: { parts: { id: string }[] } }, who: Actor) {
  const { id: submissionId } = await startApplication({ actor: who, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: who, attemptId: attempt.id, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision: 0 });
  await submitAttempt({ actor: who, attemptId: attempt.id, attested: true });
  return { submissionId, attemptId: attempt.id };
}

/** `first` returns the attempt (the lowest level on every criterion). */
async function returnIt(w: World, attemptId: string) {
  const { reviewId } = await claimReview({ actor: w.first, attemptId });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
  const lowest = w.version.levels.reduce((x, y) => (x.rank < y.rank ? x : y)).id;
  await submitReview({ actor: w.first, reviewId, version: r.version, attemptVersion: a.version, overallComment: 'Show what students did.', scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: lowest, feedback: 'Show what students did.' })) });
}

async function pageFor(actor: Actor, submissionId: string) {
  session.actor = actor;
  const html = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: submissionId }) }));
  return { html, text: textJoined(html) };
}

describe('the application record, to an admin with a conflict of interest with the teacher', () => {
  it('says why they cannot ask for a second look, and who can, instead of the form', async () => {
    const w = await makeWorld();
    await returnIt(w, w.colleagues.attemptId);
    await returnIt(w, w.own.attemptId);

    const colleague = await pageFor(w.colleagueAdmin, w.colleagues.submissionId);
    expect(colleague.text).toContain(secondLookConflictNotice('SAME_SCHOOL', 'ask'));
    expect(colleague.html).not.toContain(ASK_FORM);
    expect(colleague.html).not.toContain('name="reason"');

    const own = await pageFor(w.adminTeacher, w.own.submissionId);
    expect(own.text).toContain(secondLookConflictNotice('OWN_WORK', 'ask'));
    expect(own.html).not.toContain(ASK_FORM);

    // An admin without a conflict is offered the form, and no such sentence.
    const free = await pageFor(w.admin, w.colleagues.submissionId);
    expect(free.html).toContain(ASK_FORM);
    expect(free.text).not.toContain('Another admin of the issuer can ask for one.');
  });

  it('says why they cannot withdraw a pending second look, instead of the button', async () => {
    const w = await makeWorld();
    await returnIt(w, w.colleagues.attemptId);
    const { version } = await db.attempt.findUniqueOrThrow({ where: { id: w.colleagues.attemptId } });
    await requestSecondLook({ actor: w.admin, attemptId: w.colleagues.attemptId, version, reason: 'The reviewer missed the exit tickets in part 2.' });

    const colleague = await pageFor(w.colleagueAdmin, w.colleagues.submissionId);
    expect(colleague.text).toContain(secondLookConflictNotice('SAME_SCHOOL', 'withdraw'));
    expect(colleague.text).not.toContain(WITHDRAW_FORM);
    // Nor a link to choose its reviewer.
    expect(colleague.text).toContain(assignRefusal('SAME_SCHOOL'));
    expect(colleague.html).not.toContain(`/admin/review-quality/assign/${w.colleagues.attemptId}`);

    const free = await pageFor(w.admin, w.colleagues.submissionId);
    expect(free.text).toContain(WITHDRAW_FORM);
    expect(free.text).not.toContain(secondLookConflictNotice('SAME_SCHOOL', 'withdraw'));
    expect(free.html).toContain(`/admin/review-quality/assign/${w.colleagues.attemptId}`);
  });

  it('says why they cannot choose the reviewer of a colleague’s submitted attempt, instead of the assign link', async () => {
    const w = await makeWorld();
    const colleague = await pageFor(w.colleagueAdmin, w.colleagues.submissionId);
    expect(colleague.text).toContain(assignRefusal('SAME_SCHOOL'));
    expect(colleague.html).not.toContain(`/admin/review-quality/assign/${w.colleagues.attemptId}`);
    const free = await pageFor(w.admin, w.colleagues.submissionId);
    expect(free.html).toContain(`/admin/review-quality/assign/${w.colleagues.attemptId}`);
    expect(free.text).not.toContain(assignRefusal('SAME_SCHOOL'));
  });

  it('reads the conflict as the refusals do: own work, a shared school, or none; nothing for another issuer’s admin', async () => {
    const w = await makeWorld();
    expect(await adminConflictOnSubmission({ actor: w.adminTeacher, submissionId: w.own.submissionId })).toBe('OWN_WORK');
    expect(await adminConflictOnSubmission({ actor: w.colleagueAdmin, submissionId: w.colleagues.submissionId })).toBe('SAME_SCHOOL');
    expect(await adminConflictOnSubmission({ actor: w.admin, submissionId: w.colleagues.submissionId })).toBeNull();
    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }], schoolId: (await db.user.findUniqueOrThrow({ where: { id: w.teacher.id } })).schoolId! });
    expect(await adminConflictOnSubmission({ actor: outsider, submissionId: w.colleagues.submissionId })).toBeNull();
  });
});
