import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { awardStackToHolders, issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { sendRenewalReminders } from '@/lib/awards/renewal-reminders';
import { startApplication } from '@/lib/submissions/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { startRenewal } from '@/lib/submissions/renewal';
import { getStandings, getTeacherDashboard } from '@/lib/enrollment/queries';
import { withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getTeacherRecord, renewalsOpen } from '@/lib/reporting/teacher';
import { getPublicAward, getPublicPortfolio, listUserAwards } from '@/lib/awards/queries';
import { salaryStepEligibility } from '@/lib/reporting/district';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';
import { DistrictPolicyInput, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
/** 24-month badges issued on ISSUED expire on 2027-01-15: renewal opens 90 days before. */
const EXPIRES = new Date('2027-01-15T10:00:00Z');
const IN_WINDOW = new Date(EXPIRES.getTime() - 30 * DAY);

/** A teacher holding a 24-month badge issued on ISSUED (the review flow is tested elsewhere). */
async function holder(opts: { teacher?: Actor; def?: Parameters<typeof sampleDefinition>[0] } = {}) {
  const cred = await createPublishedCredential({ def: { expiryMonths: 24, ...opts.def } });
  const teacher = opts.teacher ?? (await createActor());
  const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(sub.id, { now: ISSUED });
  return { ...cred, teacher, submissionId: sub.id, awardId };
}

/** The renewal passes review (scoring is tested elsewhere) and its badge is issued. */
async function passRenewal(submissionId: string, now: Date) {
  await db.submission.update({ where: { id: submissionId }, data: { status: 'EARNED' } });
  return issueAwardForSubmission(submissionId, { now });
}

describe('renewing an expiring badge', () => {
  it('opens 90 days before expiry, against the current version, and keeps the earlier badge and its application as they were', async () => {
    const h = await holder();
    await expect(startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: new Date(EXPIRES.getTime() - 120 * DAY) }))
      .rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('You can renew this badge from 17 October 2026') });

    // The issuer has published a new version meanwhile: the renewal answers today's rubric.
    await saveMicroCredentialDraft({ actor: h.admin, microCredentialId: h.mc.id, def: { ...sampleDefinition({ expiryMonths: 24 }), slug: h.mc.slug, title: 'Formative Feedback, 2026 edition' } });
    await publishMicroCredential({ actor: h.admin, microCredentialId: h.mc.id });
    const current = await db.microCredential.findUniqueOrThrow({ where: { id: h.mc.id }, select: { currentVersionId: true } });
    expect(current.currentVersionId).not.toBe(h.mc.currentVersionId);

    const r = await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: IN_WINDOW });
    expect(r.slug).toBe(h.mc.slug);
    const renewal = await db.submission.findUniqueOrThrow({ where: { id: r.submissionId }, select: { cycle: true, status: true, versionId: true, attempts: { select: { number: true, status: true } } } });
    expect(renewal).toEqual({ cycle: 2, status: 'DRAFT', versionId: current.currentVersionId, attempts: [{ number: 1, status: 'DRAFT' }] });
    expect(await db.auditLog.count({ where: { action: 'submission.renew', entityId: r.submissionId } })).toBe(1);

    // The first application and its badge are untouched.
    expect(await db.submission.findUniqueOrThrow({ where: { id: h.submissionId }, select: { status: true, cycle: true } })).toEqual({ status: 'EARNED', cycle: 1 });
    expect(await db.award.findUniqueOrThrow({ where: { id: h.awardId }, select: { revokedAt: true, validUntil: true } })).toEqual({ revokedAt: null, validUntil: EXPIRES });

    // The application page, standings and dashboard now follow the renewal.
    const app = await getApplication(h.teacher, h.mc.slug);
    expect(app?.submission?.id).toBe(r.submissionId);
    expect(app?.version.title).toBe('Formative Feedback, 2026 edition');
    expect(app?.renews).toMatchObject({ id: h.awardId, validUntil: EXPIRES });
    expect((await getStandings(h.teacher, [h.mc.id])).get(h.mc.id)).toMatchObject({ state: 'DRAFT', submissionId: r.submissionId, renewal: true });
    const dash = await getTeacherDashboard(h.teacher);
    const byMc = new Map(dash.submissions.map((s) => [s.microCredentialId, s]));
    expect(byMc.get(h.mc.id)).toMatchObject({ id: r.submissionId, cycle: 2 });
  });

  it('is started once however many times it is asked for, at once or again later', async () => {
    const h = await holder();
    const results = await Promise.all([1, 2, 3].map(() => startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: IN_WINDOW })));
    expect(new Set(results.map((x) => x.submissionId)).size).toBe(1);
    expect((await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: IN_WINDOW })).submissionId).toBe(results[0].submissionId);
    expect(await db.submission.count({ where: { userId: h.teacher.id, microCredentialId: h.mc.id } })).toBe(2);
  });

  it('a renewal passed early runs on from the old end date; one passed after expiry runs from the day it passed', async () => {
    const early = await holder();
    const r1 = await startRenewal({ actor: early.teacher, microCredentialId: early.mc.id, now: IN_WINDOW });
    const { awardId } = await passRenewal(r1.submissionId, IN_WINDOW);
    expect(awardId).not.toBe(early.awardId);
    const renewed = await db.award.findUniqueOrThrow({ where: { id: awardId }, select: { validUntil: true, credential: true, submissionId: true } });
    expect(renewed.validUntil).toEqual(new Date('2029-01-15T10:00:00Z'));
    expect((renewed.credential as { validUntil: string }).validUntil).toBe('2029-01-15T10:00:00Z');
    expect(renewed.submissionId).toBe(r1.submissionId);
    expect(await db.notification.findFirst({ where: { userId: early.teacher.id, title: { startsWith: 'You renewed' } }, select: { body: true } })).toMatchObject({ body: 'Your new badge is valid until 15 January 2029. Share it in place of the old one.' });

    const late = await holder();
    const afterExpiry = new Date(EXPIRES.getTime() + 40 * DAY);
    const r2 = await startRenewal({ actor: late.teacher, microCredentialId: late.mc.id, now: afterExpiry });
    const second = await passRenewal(r2.submissionId, afterExpiry);
    expect((await db.award.findUniqueOrThrow({ where: { id: second.awardId }, select: { validUntil: true } })).validUntil).toEqual(new Date('2029-02-24T10:00:00Z'));
  });

  it('refuses what cannot be renewed, with a reason the teacher can act on', async () => {
    const noExpiry = await holder({ def: { expiryMonths: undefined } });
    await expect(startRenewal({ actor: noExpiry.teacher, microCredentialId: noExpiry.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ message: expect.stringContaining('does not expire') });

    const revoked = await holder();
    await revokeAward({ actor: revoked.admin, awardId: revoked.awardId, reason: 'Evidence was not the teacher’s own.' });
    await expect(startRenewal({ actor: revoked.teacher, microCredentialId: revoked.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ message: expect.stringContaining('was revoked') });

    const suspended = await holder();
    await suspendAward({ actor: suspended.admin, awardId: suspended.awardId, reason: 'Under review.' });
    await expect(startRenewal({ actor: suspended.teacher, microCredentialId: suspended.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ message: expect.stringContaining('suspended') });

    const retired = await holder();
    await retireMicroCredential({ actor: retired.admin, microCredentialId: retired.mc.id });
    await expect(startRenewal({ actor: retired.teacher, microCredentialId: retired.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ message: expect.stringContaining('no longer offers') });

    // Another teacher's badge, or a credential never earned, is simply not there.
    const stranger = await createActor();
    await expect(startRenewal({ actor: stranger, microCredentialId: retired.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const inProgress = await createPublishedCredential({ def: { expiryMonths: 24 } });
    await startApplication({ actor: stranger, microCredentialId: inProgress.mc.id });
    await expect(startRenewal({ actor: stranger, microCredentialId: inProgress.mc.id, now: IN_WINDOW })).rejects.toMatchObject({ message: expect.stringContaining('not earned this micro-credential yet') });

    expect(await db.submission.count({ where: { cycle: { gt: 1 } } })).toBe(0);
  });

  it('a renewal not yet sent can be dropped like any draft; the badge stays', async () => {
    const h = await holder();
    await expect(withdrawFromMicroCredential({ actor: h.teacher, microCredentialId: h.mc.id })).rejects.toMatchObject({ message: expect.stringContaining('earned') });
    await startRenewal({ actor: h.teacher, microCredentialId: h.mc.id, now: IN_WINDOW });
    await withdrawFromMicroCredential({ actor: h.teacher, microCredentialId: h.mc.id });
    expect(await db.enrollment.findFirstOrThrow({ where: { userId: h.teacher.id, microCredentialId: h.mc.id }, select: { withdrawnAt: true } })).toMatchObject({ withdrawnAt: expect.any(Date) });
    expect(await db.award.count({ where: { id: h.awardId, revokedAt: null } })).toBe(1);
    // The credential's page still shows the badge, and knows there is a stopped renewal to pick up.
    const standing = (await getStandings(h.teacher, [h.mc.id])).get(h.mc.id);
    expect(standing).toMatchObject({ state: 'EARNED', awardId: h.awardId, renewalStopped: true });
  });

  it('the badges page lists what is due, what is under way, and a renewed credential counts once toward salary steps', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const teacher = await createActor({ districtId: district.id });
    await db.salaryStepRule.create({ data: { districtId: district.id, label: 'Two classroom credentials', minLevel: 2, credentialsRequired: 2, amountCents: 20_000 } });
    const a = await holder({ teacher });
    const b = await holder({ teacher });

    let record = await getTeacherRecord(teacher, IN_WINDOW);
    expect(record.renewals.map((r) => [r.id, r.renewal])).toEqual(expect.arrayContaining([[a.awardId, 'open'], [b.awardId, 'open']]));
    expect((await renewalsOpen(teacher.id, IN_WINDOW)).map((r) => r.id).sort()).toEqual([a.awardId, b.awardId].sort());
    expect(await renewalsOpen(teacher.id, ISSUED)).toEqual([]);
    await startRenewal({ actor: teacher, microCredentialId: a.mc.id, now: IN_WINDOW });
    record = await getTeacherRecord(teacher, IN_WINDOW);
    expect(record.renewals.find((r) => r.id === a.awardId)).toMatchObject({ renewal: 'in-progress', slug: a.mc.slug });
    // The dashboard's nudge leaves out a renewal already under way.
    expect((await renewalsOpen(teacher.id, IN_WINDOW)).map((r) => r.id)).toEqual([b.awardId]);

    // Renewed: the new badge is not due, so neither shows; the credential still counts once.
    const renewal = await db.submission.findFirstOrThrow({ where: { userId: teacher.id, microCredentialId: a.mc.id, cycle: 2 } });
    const { awardId: renewedId } = await passRenewal(renewal.id, IN_WINDOW);
    // A verifier with the old badge's link is pointed to the new one.
    expect((await getPublicAward(a.awardId))?.renewedBy).toEqual({ id: renewedId, issuedAt: IN_WINDOW, hiddenFromPortfolio: false });
    expect((await getPublicAward(renewedId))?.renewedBy).toBeNull();
    // My badges keeps both, the old one marked; the public portfolio shows the credential once.
    expect((await listUserAwards({ userId: teacher.id })).items.filter((x) => x.microCredentialId === a.mc.id).map((x) => [x.id, x.renewed])).toEqual([[renewedId, false], [a.awardId, true]]);
    await db.user.update({ where: { id: teacher.id }, data: { handle: `renewer-${Date.now()}`, portfolioPublic: true } });
    const { handle } = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { handle: true } });
    expect((await getPublicPortfolio(handle!))?.awards.map((x) => x.id).sort()).toEqual([renewedId, b.awardId].sort());
    // Its PD hours count for both badges, as on My badges.
    const hoursHeld = (await db.award.findMany({ where: { userId: teacher.id }, select: { pdHours: true } })).reduce((sum, x) => sum + Number(x.pdHours), 0);
    expect((await getPublicPortfolio(handle!))?.pdHours).toBe(hoursHeld);
    expect(hoursHeld).toBeGreaterThan(0);
    record = await getTeacherRecord(teacher, IN_WINDOW);
    expect(record.renewals.map((r) => r.id)).toEqual([b.awardId]);
    expect(record.salary?.result).toMatchObject({ qualifyingCount: 2, amountCents: 20_000 });
    const { rows } = await salaryStepEligibility({ actor: leader, districtId: district.id, asOf: new Date(IN_WINDOW.getTime() + DAY) });
    expect(rows.find((r) => r.userId === teacher.id)).toMatchObject({ qualifyingCount: 2, byLevel: { 2: 2 } });
  });
});

describe('expired badges and salary steps', () => {
  it('a credential whose level changed between a badge and its renewal counts once, at the newest badge’s level, on both screens', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const teacher = await createActor({ districtId: district.id });
    await db.salaryStepRule.create({ data: { districtId: district.id, label: 'Two credentials', minLevel: 1, credentialsRequired: 2, amountCents: 20_000 } });
    const h = await holder({ teacher });
    const r = await startRenewal({ actor: teacher, microCredentialId: h.mc.id, now: IN_WINDOW });
    const { awardId: renewedId } = await passRenewal(r.submissionId, IN_WINDOW);
    // The first badge was issued when the credential sat at level 1.
    await db.award.update({ where: { id: h.awardId }, data: { level: 1 } });
    const newestLevel = (await db.award.findUniqueOrThrow({ where: { id: renewedId }, select: { level: true } })).level!;
    expect(newestLevel).not.toBe(1);
    const asOf = new Date(IN_WINDOW.getTime() + DAY);
    const row = (await salaryStepEligibility({ actor: leader, districtId: district.id, asOf })).rows.find((x) => x.userId === teacher.id);
    expect(row).toMatchObject({ qualifyingCount: 1, amountCents: 0, byLevel: { [newestLevel]: 1 } });
    expect((await getTeacherRecord(teacher, asOf)).salary?.result).toMatchObject({ qualifyingCount: 1, amountCents: 0 });
  });

  it('count by default; a district can count only badges valid on the day, and a renewal counts again', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const teacher = await createActor({ districtId: district.id });
    await db.salaryStepRule.create({ data: { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000 } });
    const h = await holder({ teacher });
    const after = new Date(EXPIRES.getTime() + 45 * DAY);
    const reportRow = async () => (await salaryStepEligibility({ actor: leader, districtId: district.id, asOf: after })).rows.find((r) => r.userId === teacher.id);

    expect(await reportRow()).toMatchObject({ qualifyingCount: 1, amountCents: 10_000 });
    expect((await getTeacherRecord(teacher, after)).salary).toMatchObject({ countsExpired: true, result: { qualifyingCount: 1 } });

    await saveDistrictPolicy({ actor: leader, input: DistrictPolicyInput.parse({ districtId: district.id, rules: [{ label: 'One classroom credential', credentialsRequired: '1', minLevel: '2', amountDollars: '100' }] }) });
    expect(await reportRow()).toMatchObject({ qualifyingCount: 0, amountCents: 0 });
    expect((await getTeacherRecord(teacher, after)).salary).toMatchObject({ countsExpired: false, result: { qualifyingCount: 0 } });
    // Before it expired, it counted under that policy too.
    expect((await salaryStepEligibility({ actor: leader, districtId: district.id, asOf: IN_WINDOW })).rows.find((r) => r.userId === teacher.id)).toMatchObject({ qualifyingCount: 1 });

    const r = await startRenewal({ actor: teacher, microCredentialId: h.mc.id, now: after });
    await passRenewal(r.submissionId, after);
    expect(await reportRow()).toMatchObject({ qualifyingCount: 0 });
    const later = new Date(after.getTime() + DAY);
    expect((await salaryStepEligibility({ actor: leader, districtId: district.id, asOf: later })).rows.find((x) => x.userId === teacher.id)).toMatchObject({ qualifyingCount: 1, amountCents: 10_000 });
    expect((await getTeacherRecord(teacher, later)).salary).toMatchObject({ result: { qualifyingCount: 1 } });
  });
});

describe('renewals and stacks', () => {
  it('a stack counts a renewed part once: its hours and evidence name the newest badge only', async () => {
    const a = await holder();
    const b = await holder({ teacher: a.teacher });
    await db.microCredential.update({ where: { id: b.mc.id }, data: { issuerId: a.issuer.id } });
    const r = await startRenewal({ actor: a.teacher, microCredentialId: a.mc.id, now: IN_WINDOW });
    const { awardId: renewed } = await passRenewal(r.submissionId, IN_WINDOW);
    const stack = await createIssuerStack({ actor: a.admin, issuerId: a.issuer.id, def: { slug: `renewed-stack-${Date.now()}`, title: 'Renewed Stack', summary: 'Both.', microCredentials: [a.mc.slug, b.mc.slug] } });
    await publishStack({ actor: a.admin, stackId: stack.id });
    expect(await awardStackToHolders(stack.id)).toEqual({ awarded: 1, more: false });
    const vc = (await db.award.findFirstOrThrow({ where: { stackId: stack.id }, select: { credential: true } })).credential as { credentialSubject: { achievement: { creditsAvailable: number } }; evidence: { id: string }[] };
    expect(vc.credentialSubject.achievement.creditsAvailable).toBe(20);
    expect(vc.evidence.map((e) => e.id.split('/credentials/')[1]).sort()).toEqual([renewed, b.awardId].sort());
  });
});

describe('renewal reminders', () => {
  it('remind each holder once, inside the window only, and not someone already renewing', async () => {
    expect(periodicJobs.map((j) => j.type)).toContain('award.renewal-reminders');
    expect(jobHandlers['award.renewal-reminders']).toBeTypeOf('function');
    const due = await holder();
    const renewing = await holder();
    await startRenewal({ actor: renewing.teacher, microCredentialId: renewing.mc.id, now: IN_WINDOW });
    const later = await holder({ def: { expiryMonths: 36 } });

    expect(await sendRenewalReminders(new Date(EXPIRES.getTime() - 100 * DAY))).toBe(0);
    expect(await sendRenewalReminders(IN_WINDOW)).toBe(1);
    const notes = await db.notification.findMany({ where: { kind: 'award.expiring' }, select: { userId: true, title: true, href: true } });
    expect(notes).toEqual([{ userId: due.teacher.id, title: expect.stringContaining('expires on 15 January 2027'), href: `/apply/${due.mc.slug}` }]);
    // The email goes out through the queue with it.
    expect(await db.job.count({ where: { type: 'email.notification', payload: { path: ['userId'], equals: due.teacher.id } } })).toBeGreaterThanOrEqual(1);

    // Again, and from two servers at once: nobody is reminded twice.
    const again = await Promise.all([sendRenewalReminders(IN_WINDOW), sendRenewalReminders(IN_WINDOW)]);
    expect(again).toEqual([0, 0]);
    expect(await db.notification.count({ where: { kind: 'award.expiring' } })).toBe(1);
    expect(await db.notification.count({ where: { kind: 'award.expiring', userId: { in: [renewing.teacher.id, later.teacher.id] } } })).toBe(0);
  });

  it('a three-month badge is not announced as expiring the day it is earned, only in its last third', async () => {
    const cred = await createPublishedCredential({ def: { expiryMonths: 3 } });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    const issued = new Date('2026-01-01T10:00:00Z');
    await issueAwardForSubmission(sub.id, { now: issued });
    // Valid until 1 April: 90 days, so the window opens 30 days before, on 2 March.
    expect(await sendRenewalReminders(new Date(issued.getTime() + 6 * 3_600_000))).toBe(0);
    expect(await sendRenewalReminders(new Date('2026-02-28T10:00:00Z'))).toBe(0);
    expect(await sendRenewalReminders(new Date('2026-03-03T10:00:00Z'))).toBe(1);
  });
});
