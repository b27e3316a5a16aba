// What a review of the reporting side found, each against a real Postgres: periods bounded before
// a query draws one row per month or week; a renewal the teacher stopped is not "under way" in the
// district's report, on the teacher's record or for the reminder email; the issuer dashboard's
// reviewer workload is narrowed before it groups and lists every open claim; a badge ending soon
// says when its renewal opens; salary steps on a past day count a badge suspended only later.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { sendRenewalReminders } from '@/lib/awards/renewal-reminders';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { expiringBadges, pdHoursByMonth, salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv } from '@/lib/reporting/exports';
import { issuerActivitySeries, reviewerWorkload, WORKLOAD_SHOWN } from '@/lib/reporting/issuer';
import { resolveBucket, resolvePeriod } from '@/lib/reporting/schemas';
import { getTeacherRecord, renewalsOpen } from '@/lib/reporting/teacher';
import { parseCsv } from '@/lib/csv';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
/** 24-month badges issued on ISSUED end on 2027-01-15; renewal opens 90 days before. */
const EXPIRES = new Date('2027-01-15T10:00:00Z');
const IN_WINDOW = new Date(EXPIRES.getTime() - 30 * DAY);

/** `teacher` holds a badge of a new credential valid `expiryMonths`, issued on `issued`. */
async function holder(teacher: Actor, opts: { expiryMonths?: number; issued?: Date } = {}) {
  const cred = await createPublishedCredential({ def: { expiryMonths: opts.expiryMonths ?? 24 } });
  const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(sub.id, { now: opts.issued ?? ISSUED });
  return { ...cred, awardId };
}

async function districtWithTeacher() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Lakeside' });
  const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const teacher = await createActor({ name: 'Tess Teacher', districtId: district.id });
  return { district, leader, teacher };
}

describe('a renewal the teacher stopped', () => {
  it('is not “under way” in Badges ending soon, its CSV, the teacher’s record or the reminder; picked up again, it is', async () => {
    const { district, leader, teacher } = await districtWithTeacher();
    const stopped = await holder(teacher);
    const going = await holder(teacher);
    // Both renewals started; one then stopped (its cycle-2 draft kept, the enrolment withdrawn).
    await startRenewal({ actor: teacher, microCredentialId: stopped.mc.id, now: IN_WINDOW });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: stopped.mc.id });
    await startRenewal({ actor: teacher, microCredentialId: going.mc.id, now: IN_WINDOW });
    expect(await db.submission.count({ where: { userId: teacher.id, cycle: 2 } })).toBe(2);

    const scope = { actor: leader, districtId: district.id };
    const started = async () => Object.fromEntries((await expiringBadges({ ...scope, now: IN_WINDOW })).map((r) => [r.awardId, r.renewalStarted]));
    expect(await started()).toEqual({ [stopped.awardId]: false, [going.awardId]: true });

    const csv = parseCsv((await districtReportCsv({ ...scope, report: 'expiring', period: resolvePeriod({}, IN_WINDOW), now: IN_WINDOW })).csv);
    const col = csv[0].indexOf('Renewal started');
    const idCol = csv[0].indexOf('Credential ID');
    expect(Object.fromEntries(csv.slice(1).map((r) => [r[idCol], r[col]]))).toEqual({ [stopped.awardId]: 'No', [going.awardId]: 'Yes' });

    // The teacher is offered the stopped one again (startRenewal picks its draft up), as the dashboard's nudge.
    const record = await getTeacherRecord(teacher, IN_WINDOW);
    expect(Object.fromEntries(record.renewals.map((r) => [r.id, r.renewal]))).toEqual({ [stopped.awardId]: 'open', [going.awardId]: 'in-progress' });
    expect((await renewalsOpen(teacher.id, IN_WINDOW)).map((r) => r.id)).toEqual([stopped.awardId]);

    // The reminder goes out for the stopped one only.
    expect(await sendRenewalReminders(IN_WINDOW)).toBe(1);
    expect(await db.notification.findMany({ where: { kind: 'award.expiring' }, select: { userId: true, href: true } })).toEqual([{ userId: teacher.id, href: `/apply/${stopped.mc.slug}` }]);

    // Picked up again: the same draft, under way once more.
    await startRenewal({ actor: teacher, microCredentialId: stopped.mc.id, now: IN_WINDOW });
    expect(await started()).toEqual({ [stopped.awardId]: true, [going.awardId]: true });
    expect((await getTeacherRecord(teacher, IN_WINDOW)).renewals.every((r) => r.renewal === 'in-progress')).toBe(true);
  });
});

describe('badges ending soon: when renewal opens', () => {
  it('gives each badge the day its renewal opens: the last third of a short validity, 90 days before a long one', async () => {
    const { district, leader, teacher } = await districtWithTeacher();
    // Three months from 1 January: valid until 1 April, renewal from 2 March (30 days before).
    const short = await holder(teacher, { expiryMonths: 3, issued: new Date('2026-01-01T10:00:00Z') });
    // Fourteen months, ending 15 March 2026: renewal opened 90 days before, on 15 December 2025.
    const long = await holder(teacher, { expiryMonths: 14, issued: new Date('2025-01-15T10:00:00Z') });
    const now = new Date('2026-02-15T12:00:00Z');
    const rows = await expiringBadges({ actor: leader, districtId: district.id, now });
    const byId = Object.fromEntries(rows.map((r) => [r.awardId, r]));
    expect(byId[short.awardId].renewalOpensAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(byId[long.awardId].renewalOpensAt.toISOString()).toBe('2025-12-15T10:00:00.000Z');

    const csv = parseCsv((await districtReportCsv({ actor: leader, districtId: district.id, report: 'expiring', period: resolvePeriod({}, now), now })).csv);
    const opens = csv[0].indexOf('Renewal opens');
    expect(opens).toBeGreaterThan(-1);
    expect(Object.fromEntries(csv.slice(1).map((r) => [r[csv[0].indexOf('Credential ID')], r[opens]]))).toEqual({ [short.awardId]: '2026-03-02', [long.awardId]: '2025-12-15' });
  });
});

describe('reporting periods reach the queries bounded', () => {
  it('a link asking for 0001 to 9998 reads at most ten years of months; a period built by hand past that is refused', async () => {
    const { district, leader } = await districtWithTeacher();
    const now = new Date('2026-11-25T12:00:00Z');
    const wide = resolvePeriod({ from: '0001-01-01', to: '9998-12-31' }, now);
    expect([wide.fromLabel, wide.toLabel]).toEqual(['2018-01-01', '2027-12-31']);
    expect(wide.notice).toMatch(/at most 10 years/);
    expect(await pdHoursByMonth({ actor: leader, districtId: district.id, period: wide })).toHaveLength(120);

    const unbounded = { from: new Date('0001-01-01T00:00:00Z'), to: new Date('9999-01-01T00:00:00Z'), fromLabel: '0001-01-01', toLabel: '9998-12-31' };
    await expect(pdHoursByMonth({ actor: leader, districtId: district.id, period: unbounded })).rejects.toMatchObject({ code: 'VALIDATION' });

    const { issuer, admin } = await createPublishedCredential();
    await expect(issuerActivitySeries({ actor: admin, issuerId: issuer.id, period: unbounded, bucket: 'month' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Weeks only up to two years: the dashboard switches to months (resolveBucket), and a caller that does not is refused.
    const threeYears = resolvePeriod({ from: '2023-01-01', to: '2025-12-31' }, now);
    await expect(issuerActivitySeries({ actor: admin, issuerId: issuer.id, period: threeYears, bucket: 'week' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const { bucket } = resolveBucket('week', threeYears);
    expect(await issuerActivitySeries({ actor: admin, issuerId: issuer.id, period: threeYears, bucket })).toHaveLength(36);
  });
});

describe('issuer dashboard: reviewer workload', () => {
  it('counts only reviews submitted in the period, names the busiest 25 and how many there are, and lists every open claim apart', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    const teacher = await createActor();
    const sub = await db.submission.create({ data: { userId: teacher.id, microCredentialId: mc.id, versionId: mc.currentVersionId! } });
    let number = 0;
    const attempt = () => db.attempt.create({ data: { submissionId: sub.id, number: ++number, status: 'SUBMITTED', submittedAt: new Date('2025-10-01T09:00:00Z'), dueAt: new Date('2025-10-20T09:00:00Z') } });
    const reviewer = (name: string) => createActor({ name, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    const submitted = async (reviewerId: string, at: string) => {
      const a = await attempt();
      await db.review.create({ data: { attemptId: a.id, reviewerId, status: 'SUBMITTED', claimExpiresAt: new Date(at), submittedAt: new Date(at), decision: 'PASS' } });
    };
    const claimed = async (reviewerId: string, expires: Date) => {
      const a = await attempt();
      await db.review.create({ data: { attemptId: a.id, reviewerId, status: 'CLAIMED', claimExpiresAt: expires } });
    };
    const now = new Date('2025-11-20T12:00:00Z');

    // 26 reviewers who submitted in the period: the first has three, the rest one each.
    const busy = [];
    for (let i = 0; i < WORKLOAD_SHOWN + 1; i++) busy.push(await reviewer(`Busy ${String(i).padStart(2, '0')}`));
    for (let k = 0; k < 3; k++) await submitted(busy[0].id, '2025-10-10T09:00:00Z');
    for (const r of busy.slice(1)) await submitted(r.id, '2025-10-11T09:00:00Z');
    // Busy 00 also reviewed long before the period: not counted.
    await submitted(busy[0].id, '2024-01-10T09:00:00Z');
    // Zed's only work is an open claim; Old's claim ran out (not swept yet, still CLAIMED).
    const zed = await reviewer('Zed Claimant');
    const old = await reviewer('Old Claimant');
    await claimed(zed.id, new Date(now.getTime() + 3_600_000));
    await claimed(busy[1].id, new Date(now.getTime() + 3_600_000));
    await claimed(old.id, new Date(now.getTime() - 3_600_000));

    const w = await reviewerWorkload({ actor: admin, issuerId: issuer.id, period: resolvePeriod({ from: '2025-10-01', to: '2025-11-30' }, now), now });
    expect(w.submitted).toHaveLength(WORKLOAD_SHOWN);
    expect(w.submitted[0]).toEqual({ reviewerId: busy[0].id, name: 'Busy 00', count: 3 });
    expect(w.submittedReviewers).toBe(WORKLOAD_SHOWN + 1);
    expect(w.submitted.some((r) => r.reviewerId === zed.id)).toBe(false);
    // Zed is listed though 26 others were busier; Old's lapsed claim is not open.
    expect(w.open).toEqual([{ reviewerId: busy[1].id, name: 'Busy 01', count: 1 }, { reviewerId: zed.id, name: 'Zed Claimant', count: 1 }]);
    expect([w.openReviewers, w.openClaims]).toEqual([2, 2]);

    // One credential narrows both; another issuer's admin is refused.
    const other = await createPublishedCredential({ issuerId: issuer.id, admin });
    expect(await reviewerWorkload({ actor: admin, issuerId: issuer.id, microCredentialId: other.mc.id, period: resolvePeriod({ from: '2025-10-01', to: '2025-11-30' }, now), now }))
      .toEqual({ submitted: [], submittedReviewers: 0, open: [], openReviewers: 0, openClaims: 0 });
    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    await expect(reviewerWorkload({ actor: outsider, issuerId: issuer.id, period: resolvePeriod({}, now), now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('salary steps on a past day', () => {
  it('count a badge suspended only after that day, never one revoked', async () => {
    const { district, leader, teacher } = await districtWithTeacher();
    await db.salaryStepRule.create({ data: { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000 } });
    const { mc } = await createPublishedCredential({ def: { level: 2 } });
    const { mc: mc2 } = await createPublishedCredential({ def: { level: 2 } });
    // Both issued in October 2025; suspended and revoked on 5 March 2026 (the factory's date).
    await createEarnedAward(teacher, mc, { level: 2, issuedAt: '2025-10-01T10:00:00Z', suspended: true });
    await createEarnedAward(teacher, mc2, { level: 2, issuedAt: '2025-10-01T10:00:00Z', revoked: true });
    const on = async (day: string) => (await salaryStepEligibility({ actor: leader, districtId: district.id, asOf: new Date(day) })).rows[0];
    // On 1 January 2026 the suspended badge was held: it counts; the revoked one never does.
    expect(await on('2026-01-01T00:00:00Z')).toMatchObject({ qualifyingCount: 1, amountCents: 10_000 });
    // After the suspension it does not.
    expect(await on('2026-06-01T00:00:00Z')).toMatchObject({ qualifyingCount: 0, amountCents: 0 });
  });
});

describe('a teacher’s own PD hours', () => {
  it('add up to one decimal across school years (not 3.3000000000000003)', async () => {
    const teacher = await createActor();
    const { mc } = await createPublishedCredential();
    const { mc: mc2 } = await createPublishedCredential();
    await createEarnedAward(teacher, mc, { level: 1, hours: 1.1, issuedAt: '2024-10-01T10:00:00Z' });
    await createEarnedAward(teacher, mc2, { level: 1, hours: 2.2, issuedAt: '2025-10-01T10:00:00Z' });
    const record = await getTeacherRecord(teacher, new Date('2026-11-25T12:00:00Z'));
    expect(record.years.map((y) => y.hours)).toEqual([1.1, 2.2]);
    expect(record.totalHours).toBe(3.3);
  });
});
