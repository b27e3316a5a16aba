// Qualifications on the issuer's People page and what managing them does (lib/people/mutations.ts,
// app/admin/people): a reviewer qualifies by an admin's grant or by holding the badge, and the page
// tells the two apart, offers a grant where there is none, and takes away only the grant. Taking a
// qualification or the reviewer role away gives back the work the person may no longer score, and
// never an issuer admin's adjudications. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createWaitingAttempt } from '../factories';
import { makeConflictedAdminWorld } from '../factories/review-world';
import { changeRole, setReviewerQualification } from '@/lib/people/mutations';
import { listOrgMembers } from '@/lib/people/queries';
import { claimReview } from '@/lib/review/mutations';
import { loadQualification } from '@/lib/review/context';
import { qualificationDenial } from '@/lib/review/policy';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: AdminPeoplePage } = await import('@/app/admin/people/page');
const { qualificationAction } = await import('@/app/admin/people/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });
/** The members table's row (its HTML) of the person with this email. */
const rowOf = (html: string, email: string) => [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1]).find((tr) => tr.includes(email)) ?? '';
/** The credentials the row's "Qualify" select offers, by id. */
const qualifyOptions = (row: string, userId: string) => {
  const select = new RegExp(`<select[^>]*id="q-${userId}"[^>]*>([\\s\\S]*?)</select>`).exec(row)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
};

async function world() {
  const w = await makeConflictedAdminWorld({ doubleScoreRate: 0 });
  const title = (await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: w.mc.id }, orderBy: { version: 'desc' } })).title;
  return { ...w, title };
}

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status;

describe('qualifications by grant and by badge on the People page', () => {
  it('a badge holder who calibrated is shown as qualified by the badge, can be granted, and keeps the grant when the badge goes', async () => {
    const w = await world();
    const bo = await createActor({ name: 'Bo Badge', email: 'bo@example.test', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const badge = await createEarnedAward(bo, w.mc, { level: null, issuedAt: '2026-01-10' });
    // What submitCalibration (lib/review/calibration.ts) leaves when a badge holder passes: a row with no granter.
    const calibratedAt = new Date('2026-02-01T10:00:00Z');
    await db.reviewerQualification.create({ data: { userId: bo.id, microCredentialId: w.mc.id, calibratedAt } });

    const members = await listOrgMembers({ actor: w.admin, organizationId: w.issuer.id, q: 'bo@' });
    expect(members.items[0].qualifications).toEqual([expect.objectContaining({ grantedById: null, calibratedAt })]);

    session.actor = w.admin;
    let row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'bo@example.test');
    expect(textOf(row)).toContain(`${w.title} Qualified by holding the badge Calibrated`);
    expect(textOf(row)).not.toContain('Granted by an admin');
    // Nothing to remove (the badge is theirs), and a grant is offered for it.
    expect(textOf(row)).not.toContain('Remove Bo Badge’s qualification');
    expect(qualifyOptions(row, bo.id)).toContain(w.mc.id);

    // Granting records the grant on the existing row, calibration kept.
    await setReviewerQualification({ actor: w.admin, userId: bo.id, microCredentialId: w.mc.id, op: 'add' });
    expect(await db.reviewerQualification.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: bo.id, microCredentialId: w.mc.id } } })).toMatchObject({ grantedById: w.admin.id, calibratedAt });
    expect(await db.auditLog.count({ where: { action: 'people.qualify', entityId: bo.id } })).toBe(1);
    row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'bo@example.test');
    expect(textOf(row)).toContain(`${w.title} Granted by an admin; also holds the badge Calibrated`);
    expect(qualifyOptions(row, bo.id)).not.toContain(w.mc.id);

    // Their badge suspended, the grant still qualifies them.
    await db.award.update({ where: { id: badge.id }, data: { suspendedAt: new Date() } });
    const q = await loadQualification(bo.id, w.mc.id);
    expect(q).toMatchObject({ granted: true, earned: false });
    expect(qualificationDenial({ calibrationRequired: true }, q)).toBeNull();
    row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'bo@example.test');
    expect(textOf(row)).toContain(`${w.title} Granted by an admin Calibrated`);
  });

  it('removing the grant from a badge holder keeps their row and calibration; a row with no grant has nothing to remove', async () => {
    const w = await world();
    const bo = await createActor({ name: 'Bo Badge', email: 'bo@example.test', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const badge = await createEarnedAward(bo, w.mc, { level: null, issuedAt: '2026-01-10' });
    const calibratedAt = new Date('2026-02-01T10:00:00Z');
    await db.reviewerQualification.create({ data: { userId: bo.id, microCredentialId: w.mc.id, grantedById: w.admin.id, calibratedAt } });

    session.actor = w.admin;
    let row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'bo@example.test');
    expect(textOf(row)).toContain('Remove the grant of this credential to Bo Badge? They hold its badge, so they stay qualified to review it and keep their calibration.');

    expect(await qualificationAction({ ok: true }, form({ userId: bo.id, microCredentialId: w.mc.id, op: 'remove' }))).toEqual({ ok: true });
    const kept = await db.reviewerQualification.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: bo.id, microCredentialId: w.mc.id } } });
    expect(kept).toMatchObject({ grantedById: null, calibratedAt });
    expect(await db.auditLog.count({ where: { action: 'people.unqualify', entityId: bo.id } })).toBe(1);

    // Again (a page from before): nothing changes, nothing is recorded, and the form says why.
    expect(await qualificationAction({ ok: true }, form({ userId: bo.id, microCredentialId: w.mc.id, op: 'remove' }))).toEqual({ ok: false, formError: 'There is no grant to remove: they are qualified by holding the badge.' });
    expect(await db.reviewerQualification.count({ where: { userId: bo.id, calibratedAt } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'people.unqualify', entityId: bo.id } })).toBe(1);

    // Badge revoked and no grant: not qualified, and the page says so and offers the grant.
    await db.award.update({ where: { id: badge.id }, data: { revokedAt: new Date() } });
    row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'bo@example.test');
    expect(textOf(row)).toContain(`${w.title} Not qualified: no grant and no valid badge Calibrated`);
    expect(textOf(row)).not.toContain('Remove Bo Badge’s qualification');
    expect(qualifyOptions(row, bo.id)).toContain(w.mc.id);

    // Without a badge, removing the grant removes the row, calibration and all (as before).
    const cy = await createActor({ name: 'Cy Granted', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    await db.reviewerQualification.create({ data: { userId: cy.id, microCredentialId: w.mc.id, grantedById: w.admin.id, calibratedAt } });
    await setReviewerQualification({ actor: w.admin, userId: cy.id, microCredentialId: w.mc.id, op: 'remove' });
    expect(await db.reviewerQualification.count({ where: { userId: cy.id } })).toBe(0);
  });

  it('a reviewer who holds the badge but has not calibrated is listed as qualified by it', async () => {
    const w = await world();
    const di = await createActor({ name: 'Di Holder', email: 'di@example.test', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    await createEarnedAward(di, w.mc, { level: null, issuedAt: '2026-01-10' });
    session.actor = w.admin;
    const row = rowOf(renderToStaticMarkup(await AdminPeoplePage(sp())), 'di@example.test');
    expect(textOf(row)).toContain(`${w.title} Qualified by holding the badge Not calibrated`);
    expect(textOf(row)).not.toContain('Not qualified for any credential yet.');
  });
});

describe('taking a qualification or the reviewer role away gives back only what the person may no longer score', () => {
  it('removing an admin’s qualification gives back their scoring claims on it, not their adjudication', async () => {
    const w = await world();
    // Sam administers and scores (granted); Rae and Finn disagreed on one attempt, which Sam adjudicates.
    const disputed = await w.disagree(await createActor(), w.finn);
    const adjudication = await claimReview({ actor: w.sam, attemptId: disputed, kind: 'ADJUDICATION' });
    const primary = await claimReview({ actor: w.sam, attemptId: await createWaitingAttempt(await createActor(), w.mc.id), kind: 'PRIMARY' });

    await setReviewerQualification({ actor: w.admin, userId: w.sam.id, microCredentialId: w.mc.id, op: 'remove' });
    expect(await statusOf(primary.reviewId)).toBe('RELEASED');
    expect(await statusOf(adjudication.reviewId)).toBe('CLAIMED');
    expect(await db.auditLog.count({ where: { action: 'review.release', entityId: adjudication.reviewId } })).toBe(0);
  });

  it('removing the reviewer role from someone who stays an admin gives back the scoring they no longer qualify for, not their adjudication', async () => {
    const w = await world();
    // Max reviews (granted) and administers; Rae and Finn disagreed on one attempt, which Max adjudicates.
    const max = await w.reviewer({ name: 'Max Both', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }, { role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const disputed = await w.disagree(await createActor(), w.finn);
    const adjudication = await claimReview({ actor: max, attemptId: disputed, kind: 'ADJUDICATION' });
    const primary = await claimReview({ actor: max, attemptId: await createWaitingAttempt(await createActor(), w.mc.id), kind: 'PRIMARY' });
    // Another reviewer and admin who also holds the badge: still qualified by it once the grant goes.
    const holder = await w.reviewer({ name: 'Hal Holder', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }, { role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    await createEarnedAward(holder, w.mc, { level: null, issuedAt: '2026-01-10' });
    const held = await claimReview({ actor: holder, attemptId: await createWaitingAttempt(await createActor(), w.mc.id), kind: 'PRIMARY' });

    await changeRole({ actor: w.admin, organizationId: w.issuer.id, userId: max.id, role: 'REVIEWER', op: 'remove' });
    await changeRole({ actor: w.admin, organizationId: w.issuer.id, userId: holder.id, role: 'REVIEWER', op: 'remove' });

    expect(await db.membership.count({ where: { userId: max.id, organizationId: w.issuer.id, role: 'ISSUER_ADMIN' } })).toBe(1);
    expect(await db.reviewerQualification.count({ where: { userId: { in: [max.id, holder.id] } } })).toBe(0);
    expect(await statusOf(primary.reviewId)).toBe('RELEASED');
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'review.release', entityId: primary.reviewId } })).toMatchObject({ actorId: w.admin.id, data: expect.objectContaining({ reason: 'reviewer role removed' }) });
    expect(await statusOf(adjudication.reviewId)).toBe('CLAIMED');
    expect(await statusOf(held.reviewId)).toBe('CLAIMED');
  });

  it('removing the admin role from someone who stays a reviewer gives back their adjudication, not their scoring', async () => {
    const w = await world();
    const max = await w.reviewer({ name: 'Max Both', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }, { role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const disputed = await w.disagree(await createActor(), w.finn);
    const adjudication = await claimReview({ actor: max, attemptId: disputed, kind: 'ADJUDICATION' });
    const primary = await claimReview({ actor: max, attemptId: await createWaitingAttempt(await createActor(), w.mc.id), kind: 'PRIMARY' });

    await changeRole({ actor: w.admin, organizationId: w.issuer.id, userId: max.id, role: 'ISSUER_ADMIN', op: 'remove' });
    expect(await statusOf(adjudication.reviewId)).toBe('RELEASED');
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'review.release', entityId: adjudication.reviewId } })).toMatchObject({ actorId: w.admin.id, data: expect.objectContaining({ reason: 'admin role removed' }) });
    expect(await statusOf(primary.reviewId)).toBe('CLAIMED');
  });
});
