// Under blind review an admin scoring a teacher's work does not learn who the teacher is: not on the
// application record, not in the list of applications, and not from the audit log or the admin
// home's "Recent activity" either, where the teacher's own entries ("Sent revised evidence for review
// (attempt 2)", "Asked about the feedback on attempt 1") would name them beside a link to the very
// submission being scored. Nor from entries others made that name them: a badge of theirs issued or
// revoked, an invitation to their address, a qualification, their proposal. Real Postgres, the real
// admin home page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createEarnedSubmission, createOrg, invitationTokenFor, publishNewCredential } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { saveResponse, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { listAuditLog, listRecentIssuerAudit, type AuditRow } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { HIDDEN_TEACHER_LABEL, HIDDEN_TEACHER_NAME } from '@/lib/audit/describe';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward } from '@/lib/awards/revoke';
import { acceptInvitation, inviteMember, setReviewerQualification } from '@/lib/people/mutations';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { loadActor } from '@/lib/auth/load-actor';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: AdminHomePage } = await import('@/app/admin/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/**
 * A blind-reviewing issuer; Tess's first attempt returned by Rae, her question about it, and her
 * revised attempt 2 claimed by Adam, an admin of the issuer who also scores.
 */
async function makeWorld() {
  const w = await makeReviewWorld({ blindReview: true, calibrationRequired: false, doubleScoreRate: 0 });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const adam = await w.reviewer({ name: 'Adam Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
  const tess = await createActor({ name: 'Tess Teacher' });
  const first = await submitTextAttempt(w, tess);
  await scoreAttempt(w, rae, first, 'PRIMARY', [0, 0]);
  const { submissionId } = await askAboutFeedback({ actor: tess, attemptId: first, body: 'Why was the first criterion low?' });
  const second = await startRevision({ actor: tess, submissionId });
  // The revision starts from attempt 1's answers, each already saved once.
  for (const p of w.version.parts) await saveResponse({ actor: tess, attemptId: second.attemptId, partId: p.id, text: 'Now with three exit tickets quoted.', links: [], revision: 1 });
  await submitAttempt({ actor: tess, attemptId: second.attemptId, attested: true });
  const { reviewId } = await claimReview({ actor: adam, attemptId: second.attemptId, kind: 'PRIMARY' });
  return { ...w, rae, adam, tess, submissionId, secondId: second.attemptId, reviewId };
}

const issuerLog = async (actor: Actor, issuerId: string) => (await listAuditLog({ actor, organizationId: issuerId, filter: AuditFilterInput.parse({}) })).items;
const teachersOwn = (rows: AuditRow[]) => rows.filter((r) => ['feedback.ask', 'submission.submit'].includes(r.action));

describe('the audit log under blind review', () => {
  it('does not name the teacher whose work the admin is scoring, nor link their entries to the application', async () => {
    const w = await makeWorld();
    const record = `/admin/submissions/${w.submissionId}`;

    for (const rows of [await issuerLog(w.adam, w.issuer.id), await listRecentIssuerAudit({ actor: w.adam, issuerIds: [w.issuer.id], take: 50 })]) {
      expect(rows.some((r) => r.who === 'Tess Teacher')).toBe(false);
      const own = teachersOwn(rows);
      // Both sendings and the question: still said, without who or the link.
      expect(own.map((r) => r.description).sort()).toEqual(['Asked about the feedback on attempt 1', 'Sent evidence for review', 'Sent revised evidence for review (attempt 2)']);
      for (const r of own) expect(r).toMatchObject({ who: HIDDEN_TEACHER_LABEL, link: null });
      // Everyone else's entries are as before.
      expect(rows.find((r) => r.action === 'review.claim')?.who).toBe('Adam Admin');
      expect(rows.filter((r) => r.link?.href === record)).toEqual([]);
    }

    // The admin home's "Recent activity", as Adam sees it.
    session.actor = w.adam;
    const home = renderToStaticMarkup(await AdminHomePage());
    expect(home).toContain('Recent activity');
    expect(home).toContain(`<strong>${HIDDEN_TEACHER_LABEL}</strong>: Asked about the feedback on attempt 1`);
    expect(home).not.toContain('Tess');
    expect(home).not.toContain(`href="${record}"`);
  });

  it('names the teacher to an admin who is not scoring, once the decision is made, and where the issuer does not review blind', async () => {
    const w = await makeWorld();
    // Another admin of the issuer (not scoring this work) reads the log as it is.
    const other = teachersOwn(await listRecentIssuerAudit({ actor: w.admin, issuerIds: [w.issuer.id], take: 50 }));
    expect(other).toHaveLength(3);
    expect(other.every((r) => r.who === 'Tess Teacher')).toBe(true);
    expect(other.find((r) => r.action === 'feedback.ask')?.link).toEqual({ href: `/admin/submissions/${w.submissionId}`, label: 'Open the application record' });

    // Blind review off: Adam's claim hides nothing any more (as on the record).
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: false } });
    expect(teachersOwn(await issuerLog(w.adam, w.issuer.id)).every((r) => r.who === 'Tess Teacher')).toBe(true);
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: true } });

    // Adam decides attempt 2: his claim is over, and so is the blindness.
    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.secondId } })]);
    const top = w.version.levels.reduce((hi, l) => (l.rank > hi.rank ? l : hi));
    await submitReview({
      actor: w.adam, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version,
      scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top.id, feedback: 'Clear evidence now.' })), overallComment: 'Thanks.',
    });
    const after = teachersOwn(await listRecentIssuerAudit({ actor: w.adam, issuerIds: [w.issuer.id], take: 50 }));
    expect(after.every((r) => r.who === 'Tess Teacher')).toBe(true);
  });
});

/**
 * makeWorld, and what other people recorded about Tess: her earlier badge of another credential of
 * the issuer, issued and revoked by its admin; an invitation to review for the issuer, sent to her
 * address and accepted (the address changed since), and one to her new address still open; her
 * qualification to score; her proposal for a third credential, approved by her district's leader.
 */
async function makeNamedWorld() {
  const w = await makeWorld();
  const earlier = await publishNewCredential(w.admin, w.issuer.id, 'Questioning that deepens thinking');
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(w.tess, earlier.id));
  await revokeAward({ actor: w.admin, awardId, reason: 'Issued in error.' });
  const oldEmail = w.tess.email;
  await inviteMember({ actor: w.admin, organizationId: w.issuer.id, email: oldEmail, role: 'REVIEWER' });
  await acceptInvitation({ token: await invitationTokenFor(oldEmail), actor: w.tess });
  await setReviewerQualification({ actor: w.admin, userId: w.tess.id, microCredentialId: earlier.id, op: 'add' });
  const newEmail = 'tess.new@example.test';
  await db.user.update({ where: { id: w.tess.id }, data: { email: newEmail } });
  await inviteMember({ actor: w.admin, organizationId: w.issuer.id, email: newEmail, role: 'ISSUER_ADMIN' });

  const district = await createOrg({ kind: 'DISTRICT', name: 'Lakeside District', data: { requiresProposal: true } });
  const leader = await createActor({ name: 'Dana Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  await db.user.update({ where: { id: w.tess.id }, data: { districtId: district.id } });
  const talk = await publishNewCredential(w.admin, w.issuer.id, 'Classroom talk');
  const proposal = await saveProposal({ actor: (await loadActor(w.tess.id))!, microCredentialId: talk.id, studentGoals: 'My students need to talk about their thinking.', plan: '', submit: true });
  const { version } = await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } });
  await decideProposal({ actor: leader, proposalId: proposal.id, decision: 'APPROVED', comment: 'Go ahead.', version });

  // Adam is also a platform admin: he reads the platform's log too.
  const platform = await createOrg({ kind: 'PLATFORM', name: 'Platform' });
  await db.membership.create({ data: { userId: w.adam.id, organizationId: platform.id, role: 'PLATFORM_ADMIN' } });
  const adam = (await loadActor(w.adam.id))!;
  return { ...w, adam, awardId, oldEmail, newEmail, district, leader };
}

const hidden = HIDDEN_TEACHER_NAME;
const byOthers = (rows: AuditRow[]) => Object.fromEntries(rows.filter((r) => ['award.issue', 'award.revoke', 'people.invite', 'people.qualify', 'proposal.approved'].includes(r.action)).map((r) => [`${r.action} ${r.description.includes('issuer admin') ? 'open' : ''}`.trim(), r]));

describe('entries others made that name the teacher, under blind review', () => {
  it('name them neutrally to the admin scoring their work: the issuer log, Recent activity and the platform log', async () => {
    const w = await makeNamedWorld();
    const platformLog = async () => (await listAuditLog({ actor: w.adam, organizationId: null, filter: AuditFilterInput.parse({}) })).items;

    for (const rows of [await issuerLog(w.adam, w.issuer.id), await listRecentIssuerAudit({ actor: w.adam, issuerIds: [w.issuer.id], take: 50 }), await platformLog()]) {
      const named = byOthers(rows);
      expect(named['award.issue']).toMatchObject({ who: 'Automatic', description: `Issued the badge “Questioning that deepens thinking” held by ${hidden}`, link: null });
      expect(named['award.revoke']).toMatchObject({ who: w.admin.name, description: `Revoked the badge “Questioning that deepens thinking” held by ${hidden}. Reason: Issued in error.`, link: null });
      // Sent to the address she had then (and accepted by her), and to the one she has now.
      expect(named['people.invite']?.description).toBe(`Invited ${hidden} to join as reviewer`);
      expect(named['people.invite open']?.description).toBe(`Invited ${hidden} to join as issuer admin`);
      expect(named['people.qualify']?.description).toBe(`Qualified ${hidden} to score a micro-credential`);
      const text = JSON.stringify(rows);
      for (const s of ['Tess', w.oldEmail, w.newEmail, `/credentials/${w.awardId}`]) expect(text).not.toContain(s);
    }
    // The proposal is recorded against her district: on the platform's log, not the issuer's.
    expect(byOthers(await platformLog())['proposal.approved']).toMatchObject({ who: 'Dana Leader', description: `Approved the proposal of ${hidden} for “Classroom talk”` });

    session.actor = w.adam;
    const home = renderToStaticMarkup(await AdminHomePage());
    expect(home).toContain(`Invited ${hidden} to join as issuer admin`);
    for (const s of ['Tess', w.oldEmail, w.newEmail, `/credentials/${w.awardId}`]) expect(home).not.toContain(s);
  });

  it('name them as before to an admin who is not scoring, and to the scorer once the decision is made', async () => {
    const w = await makeNamedWorld();
    const asBefore = (rows: AuditRow[]) => {
      const named = byOthers(rows);
      expect(named['award.revoke']).toMatchObject({ description: 'Revoked the badge “Questioning that deepens thinking” held by Tess Teacher. Reason: Issued in error.', link: { href: `/credentials/${w.awardId}` } });
      expect(named['people.invite']?.description).toBe(`Invited ${w.oldEmail} to join as reviewer`);
      expect(named['people.invite open']?.description).toBe(`Invited ${w.newEmail} to join as issuer admin`);
      expect(named['people.qualify']?.description).toBe('Qualified Tess Teacher to score a micro-credential');
    };
    asBefore(await issuerLog(w.admin, w.issuer.id));
    // The district's leader, who needs to know whose proposal it was.
    const district = (await listAuditLog({ actor: w.leader, organizationId: w.district.id, filter: AuditFilterInput.parse({}) })).items;
    expect(byOthers(district)['proposal.approved']?.description).toBe('Approved the proposal of Tess Teacher for “Classroom talk”');

    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.secondId } })]);
    const top = w.version.levels.reduce((hi, l) => (l.rank > hi.rank ? l : hi));
    await submitReview({
      actor: w.adam, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version,
      scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top.id, feedback: 'Clear evidence now.' })), overallComment: 'Thanks.',
    });
    asBefore(await issuerLog(w.adam, w.issuer.id));
  });
});
