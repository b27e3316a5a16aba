import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { expiringBadges, pdHoursByMonth, pdHoursByTeacher, renewalCredentials, salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv } from '@/lib/reporting/exports';
import { issuerActivitySeries, reviewerWorkload, summarise } from '@/lib/reporting/issuer';
import { resolvePeriod, salaryAsOf } from '@/lib/reporting/schemas';
import { listDistrictTeachers, getDistrictHome } from '@/lib/district/queries';
import { listDistrictProposals } from '@/lib/proposals/queries';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { parseCsv } from '@/lib/csv';
import { credentialUrl } from '@/lib/awards/issue';
import { getTeacherRecord, teacherRecordCsv, teacherRecordFilename } from '@/lib/reporting/teacher';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });
let statusIndex = 0;

async function award(opts: { user: Actor; mc: { id: string; issuerId: string; currentVersionId: string | null }; title: string; hours: number; level: number | null; issuedAt: string; revoked?: boolean; suspended?: boolean; validUntil?: Date; cycle?: number }) {
  const list = (await db.statusList.findFirst({ where: { issuerId: opts.mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: opts.mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const submission = await db.submission.create({ data: { userId: opts.user.id, microCredentialId: opts.mc.id, versionId: opts.mc.currentVersionId!, status: 'EARNED', cycle: opts.cycle ?? 1 } });
  return db.award.create({
    data: {
      userId: opts.user.id, issuerId: opts.mc.issuerId, microCredentialId: opts.mc.id, submissionId: submission.id, title: opts.title, pdHours: new Prisma.Decimal(opts.hours),
      level: opts.level, recipientName: opts.user.name, issuedAt: new Date(opts.issuedAt), credential: {}, statusListId: list.id, statusListIndex: statusIndex++,
      revokedAt: opts.revoked ? new Date('2026-03-05') : null, suspendedAt: opts.suspended ? new Date('2026-03-05') : null, validUntil: opts.validUntil ?? null,
    },
  });
}

/** Kettle Moraine-like district: $100 for one level-2 credential, $300 for three. */
async function dataset() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const otherDistrict = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: district.id, label: 'Three classroom credentials', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
    ],
  });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: otherDistrict.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id });
  const cy = await createActor({ name: "=cmd|' /C calc'!A0", districtId: district.id });
  const xavier = await createActor({ name: 'Xavier Other', districtId: otherDistrict.id });
  const { issuer, admin, mc: m1 } = await createPublishedCredential({ def: { level: 1, pdHours: 5, title: 'Understanding feedback' } });
  const { mc: m2 } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2, pdHours: 10 } });
  const { mc: m3 } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2, pdHours: 7.5 } });
  const { mc: m4 } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2, pdHours: 4 } });
  await award({ user: ann, mc: m1, title: 'Understanding feedback', hours: 5, level: 1, issuedAt: '2025-10-01T10:00:00Z' });
  await award({ user: ann, mc: m2, title: 'M2', hours: 10, level: 2, issuedAt: '2025-11-15T10:00:00Z' });
  await award({ user: ann, mc: m3, title: 'M3', hours: 7.5, level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  await award({ user: ann, mc: m4, title: 'M4 (revoked)', hours: 4, level: 2, issuedAt: '2026-03-01T10:00:00Z', revoked: true });
  await award({ user: bo, mc: m2, title: 'M2', hours: 10, level: 2, issuedAt: '2024-12-01T10:00:00Z' });
  await award({ user: bo, mc: m3, title: 'M3', hours: 7.5, level: 2, issuedAt: '2025-09-10T10:00:00Z' });
  await award({ user: bo, mc: m4, title: 'M4 (suspended)', hours: 4, level: 2, issuedAt: '2025-09-12T10:00:00Z', suspended: true });
  await award({ user: xavier, mc: m2, title: 'M2', hours: 10, level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  return { district, otherDistrict, school, leader, otherLeader, ann, bo, cy, xavier, issuer, admin, m1, m2, m3, m4 };
}

describe('a teacher’s own record', () => {
  it('shows the teacher what their badges count toward, as the district counts it, and exports it', async () => {
    const d = await dataset();
    await db.award.updateMany({ where: { userId: d.ann.id, title: 'M3' }, data: { validUntil: new Date('2027-01-10T00:00:00Z') } });
    const now = new Date('2026-11-24T12:00:00Z');
    const record = await getTeacherRecord(d.ann, now);
    // Her own four badges only, newest first.
    expect(record.rows.map((r) => [r.title, r.state])).toEqual([['M4 (revoked)', 'revoked'], ['M3', 'valid'], ['M2', 'valid'], ['Understanding feedback', 'valid']]);
    // 5 + 10 + 7.5, all in 2025–26; the revoked badge's hours do not count.
    expect(record.years.map((y) => [y.label, y.hours])).toEqual([['2025–26', 22.5]]);
    expect([record.totalHours, record.thisYear, record.hoursThisYear]).toEqual([22.5, '2026–27', 0]);
    // The same step the district's report gives her.
    expect(record.salary).toMatchObject({ districtName: 'Kettle Moraine', result: { qualifyingCount: 2, amountCents: 10_000, next: { missing: 1, rule: { label: 'Three classroom credentials' } } } });
    // M3 expires within 90 days.
    expect(record.renewals.map((r) => r.title)).toEqual(['M3']);

    const csv = parseCsv(teacherRecordCsv(record, { name: d.ann.name, email: d.ann.email }));
    expect(csv[0]).toEqual(['Holder', 'Email', 'Credential', 'Issuer', 'Level', 'Kind', 'Issued', 'Valid until', 'School year', 'PD hours', 'Status', 'Verify at']);
    const m3 = csv.find((r) => r[2] === 'M3')!;
    expect(m3.slice(0, 2)).toEqual(['Ann Avery', d.ann.email]);
    expect(m3.slice(4, 11)).toEqual(['2', 'Micro-credential', '2026-02-01', '2027-01-10', '2025–26', '7.5', 'Valid']);
    expect(m3[11]).toMatch(/\/credentials\/[0-9a-f-]{36}$/);
    expect(csv.find((r) => r[2] === 'M4 (revoked)')!.slice(9, 11)).toEqual(['0', 'Revoked']);
    expect(teacherRecordFilename('Zoë O’Brien-Núñez', now)).toBe('pd-record-zoe-o-brien-nunez-2026-11-24.csv');
    expect(teacherRecordFilename('=cmd|', now)).toBe('pd-record-cmd-2026-11-24.csv');

    // No district, no salary steps; another teacher's badges never appear.
    const loner = await createActor();
    expect(await getTeacherRecord(loner, now)).toMatchObject({ rows: [], salary: null, totalHours: 0 });
  });
});

describe('district reports on a known dataset', () => {
  it('sums PD hours per teacher and month, excluding revoked credentials and other periods and districts', async () => {
    const d = await dataset();
    const rows = await pdHoursByTeacher({ actor: d.leader, districtId: d.district.id, period });
    expect(rows.map((r) => [r.name, r.hours, r.credentials, r.school])).toEqual([
      ['Ann Avery', 22.5, 3, 'Cushing Elementary'],
      // Suspended is still held for hours already earned; only revocation removes them.
      ['Bo Brown', 11.5, 2, null],
      ["=cmd|' /C calc'!A0", 0, 0, null],
    ]);
    const months = await pdHoursByMonth({ actor: d.leader, districtId: d.district.id, period });
    expect(months).toHaveLength(12);
    const byMonth = Object.fromEntries(months.map((m) => [m.month.toISOString().slice(0, 7), m.hours]));
    expect(byMonth).toMatchObject({ '2025-09': 11.5, '2025-10': 5, '2025-11': 10, '2025-12': 0, '2026-02': 7.5, '2026-03': 0 });

    const renewal = await renewalCredentials({ actor: d.leader, districtId: d.district.id, period });
    expect(renewal.map((r) => `${r.name}:${r.title}`)).toEqual(['Ann Avery:Understanding feedback', 'Ann Avery:M2', 'Ann Avery:M3', 'Bo Brown:M3', 'Bo Brown:M4 (suspended)']);
    // A suspended badge is marked, so it is not filed as valid; none of these renews an earlier one.
    expect(renewal.filter((r) => r.suspended).map((r) => r.title)).toEqual(['M4 (suspended)']);
    expect(renewal.some((r) => r.renewal)).toBe(false);
    const csvRows = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'renewal', period })).csv);
    expect(csvRows[0]).toContain('Status');
    expect(csvRows.find((r) => r[3] === 'M4 (suspended)')?.[csvRows[0].indexOf('Status')]).toBe('Suspended');

    const home = await getDistrictHome({ actor: d.leader, districtId: d.district.id, since: period.from });
    expect(home).toMatchObject({ teachers: 3, earned: 5, pdHours: 34 });
    // Bo earns M3 again (a renewal) within the period: it is marked as one.
    const list = await db.statusList.findFirstOrThrow({ where: { issuerId: d.m3.issuerId } });
    await db.award.create({
      data: {
        userId: d.bo.id, issuerId: d.m3.issuerId, microCredentialId: d.m3.id, title: 'M3 renewed', pdHours: new Prisma.Decimal(7.5), level: 2, recipientName: d.bo.name,
        issuedAt: new Date('2026-05-01T10:00:00Z'), credential: {}, statusListId: list.id, statusListIndex: statusIndex++,
      },
    });
    const again = await renewalCredentials({ actor: d.leader, districtId: d.district.id, period });
    expect(again.find((r) => r.title === 'M3 renewed')?.renewal).toBe(true);
    expect(again.find((r) => r.title === 'M3')?.renewal).toBe(false);
  });

  it('computes salary steps from evidence-backed level-2 credentials held at the end of the period', async () => {
    const d = await dataset();
    const { rows } = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: period.to });
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    // Ann: m2 and m3 count (m1 is level 1, m4 revoked) → first step, one short of the second.
    expect(byName['Ann Avery']).toMatchObject({ qualifyingCount: 2, amountCents: 10_000, rule: { label: 'One classroom credential' }, next: { missing: 1 } });
    // Bo: m2 (earned before the period still counts) and m3; the suspended m4 does not.
    expect(byName['Bo Brown']).toMatchObject({ qualifyingCount: 2, amountCents: 10_000 });
    expect(byName["=cmd|' /C calc'!A0"]).toMatchObject({ qualifyingCount: 0, amountCents: 0, rule: null });
    expect(rows.find((r) => r.name === 'Xavier Other')).toBeUndefined();

    // As of an earlier date, Ann held only m1 and m2.
    const earlier = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: new Date('2025-12-01') });
    expect(earlier.rows.find((r) => r.name === 'Ann Avery')).toMatchObject({ qualifyingCount: 1, amountCents: 10_000 });
  });

  it('exports CSV with formula cells neutralised and re-checks the district on export', async () => {
    const d = await dataset();
    const { csv, filename } = await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'pd-hours', period });
    expect(filename).toBe('pd-hours_2025-09-01_2026-08-31.csv');
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Teacher', 'Email', 'School', 'Credentials earned', 'PD hours', 'Period start', 'Period end']);
    expect(rows[1].slice(0, 5)).toEqual(['Ann Avery', d.ann.email, 'Cushing Elementary', '3', '22.5']);
    expect(rows[3][0]).toBe("'=cmd|' /C calc'!A0");
    const steps = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'salary-steps', period })).csv);
    expect(steps.find((r) => r[0] === 'Ann Avery')?.slice(3, 6)).toEqual(['2', 'One classroom credential', '100.00']);

    await expect(districtReportCsv({ actor: d.otherLeader, districtId: d.district.id, report: 'pd-hours', period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(districtReportCsv({ actor: d.ann, districtId: d.district.id, report: 'renewal', period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('denies another district’s leader, a teacher and an issuer admin', async () => {
    const d = await dataset();
    for (const actor of [d.otherLeader, d.ann, d.admin]) {
      await expect(pdHoursByTeacher({ actor, districtId: d.district.id, period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(salaryStepEligibility({ actor, districtId: d.district.id, asOf: period.to })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listDistrictTeachers({ actor, districtId: d.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('district teachers and proposals', () => {
  it('lists and searches the district’s teachers only', async () => {
    const d = await dataset();
    const all = await listDistrictTeachers({ actor: d.leader, districtId: d.district.id });
    expect(all.items.map((t) => t.name).sort()).toEqual(['=cmd|\' /C calc\'!A0', 'Ann Avery', 'Bo Brown'].sort());
    const ann = (await listDistrictTeachers({ actor: d.leader, districtId: d.district.id, q: 'avery' })).items;
    expect(ann).toHaveLength(1);
    expect(ann[0].awards.map((a) => a.title).sort()).toEqual(['M2', 'M3', 'Understanding feedback']);
    // Totals over every badge held (the lists are the latest 20), revoked ones excluded.
    expect(ann[0]._count.awards).toBe(3);
    expect(ann[0].pdHours).toBe(22.5);
    const bo = (await listDistrictTeachers({ actor: d.leader, districtId: d.district.id, q: 'brown' })).items[0];
    expect(bo.pdHours).toBe(21.5);
    // Each badge carries what the list shows as its status: Bo's M4 is suspended.
    expect(bo.awards.filter((a) => a.suspendedAt).map((a) => a.title)).toEqual(['M4 (suspended)']);
  });

  it('approves or returns a proposal once; a stale second decision and another district are refused', async () => {
    const d = await dataset();
    const { mc } = await createPublishedCredential({ issuerId: d.issuer.id, admin: d.admin });
    const p = await saveProposal({ actor: d.ann, microCredentialId: mc.id, studentGoals: 'My grade 4 readers need feedback they can act on.', plan: '', submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { version: true } });
    await expect(decideProposal({ actor: d.otherLeader, proposalId: p.id, decision: 'APPROVED', comment: '', version })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decideProposal({ actor: d.leader, proposalId: p.id, decision: 'RETURNED', comment: 'Name the students and the goal.', version });
    await expect(decideProposal({ actor: d.leader, proposalId: p.id, decision: 'APPROVED', comment: '', version })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const after = await db.proposal.findUniqueOrThrow({ where: { id: p.id } });
    expect(after).toMatchObject({ status: 'RETURNED', decisionComment: 'Name the students and the goal.', decidedById: d.leader.id });

    // Sent again and approved with a comment: the teacher reads the comment, and the leader saw
    // the earlier return and what the credential counts for.
    await saveProposal({ actor: d.ann, microCredentialId: mc.id, studentGoals: 'My grade 4 readers in Ms Lee’s class need feedback they can act on.', plan: '', submit: true, version: after.version });
    const waiting = (await listDistrictProposals([d.district.id], { status: 'SUBMITTED' })).find((x) => x.id === p.id)!;
    expect(waiting).toMatchObject({ decisionComment: 'Name the students and the goal.', microCredential: { level: 2, issuer: { name: d.issuer.name } } });
    await decideProposal({ actor: d.leader, proposalId: p.id, decision: 'APPROVED', comment: 'Thanks, that is clear.', version: waiting.version });
    const notice = await db.notification.findFirstOrThrow({ where: { userId: d.ann.id, kind: 'proposal.approved' } });
    expect(notice.body).toBe('Thanks, that is clear.\n\nYou can submit your evidence when it is ready.');
  });
});

describe('issuer dashboard', () => {
  it('buckets enrolments, submissions, first-attempt pass rate, turnaround and workload by month', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    const reviewer = await createActor({ name: 'Rita Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    const teachers = await Promise.all([1, 2, 3].map(() => createActor()));
    const at = (s: string) => new Date(s);
    for (const [i, t] of teachers.entries()) {
      await db.enrollment.create({ data: { userId: t.id, microCredentialId: mc.id, createdAt: at(i < 2 ? '2025-10-01T09:00:00Z' : '2025-11-02T09:00:00Z') } });
    }
    const mk = async (t: Actor, attempts: { number: number; status: 'PASSED' | 'RETURNED' | 'SUBMITTED'; submittedAt: string; decidedAt?: string; dueAt: string }[]) => {
      const s = await db.submission.create({ data: { userId: t.id, microCredentialId: mc.id, versionId: mc.currentVersionId! } });
      for (const a of attempts) {
        const row = await db.attempt.create({ data: { submissionId: s.id, number: a.number, status: a.status, submittedAt: at(a.submittedAt), decidedAt: a.decidedAt ? at(a.decidedAt) : null, dueAt: at(a.dueAt) } });
        if (a.decidedAt) await db.review.create({ data: { attemptId: row.id, reviewerId: reviewer.id, status: 'SUBMITTED', claimExpiresAt: at(a.decidedAt), submittedAt: at(a.decidedAt), decision: a.status === 'PASSED' ? 'PASS' : 'REVISE' } });
      }
    };
    // Passed first time in 4 days (within SLA).
    await mk(teachers[0], [{ number: 1, status: 'PASSED', submittedAt: '2025-10-02T09:00:00Z', decidedAt: '2025-10-06T09:00:00Z', dueAt: '2025-10-20T09:00:00Z' }]);
    // Returned after 8 days (late), then passed on the second attempt in November.
    await mk(teachers[1], [
      { number: 1, status: 'RETURNED', submittedAt: '2025-10-02T09:00:00Z', decidedAt: '2025-10-10T09:00:00Z', dueAt: '2025-10-08T09:00:00Z' },
      { number: 2, status: 'PASSED', submittedAt: '2025-11-01T09:00:00Z', decidedAt: '2025-11-03T09:00:00Z', dueAt: '2025-11-19T09:00:00Z' },
    ]);
    // Waiting, with an open claim.
    await mk(teachers[2], [{ number: 1, status: 'SUBMITTED', submittedAt: '2025-11-05T09:00:00Z', dueAt: '2025-11-25T09:00:00Z' }]);
    const open = await db.attempt.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
    await db.review.create({ data: { attemptId: open.id, reviewerId: reviewer.id, status: 'CLAIMED', claimExpiresAt: at('2030-01-01') } });

    const p = resolvePeriod({ from: '2025-10-01', to: '2025-11-30' });
    const rows = await issuerActivitySeries({ actor: admin, issuerId: issuer.id, period: p, bucket: 'month' });
    expect(rows.map((r) => r.bucket.toISOString().slice(0, 7))).toEqual(['2025-10', '2025-11']);
    expect(rows[0]).toMatchObject({ enrolments: 2, submissions: 2, firstDecided: 2, firstPassed: 1, decided: 2, onTime: 1, reviews: 2, reviewers: 1 });
    expect(rows[0].avgDays).toBeCloseTo(6, 5);
    expect(rows[1]).toMatchObject({ enrolments: 1, submissions: 2, firstDecided: 0, decided: 1, onTime: 1, reviews: 1 });
    expect(summarise(rows)).toMatchObject({ enrolments: 3, submissions: 4, firstPassRate: 0.5, onTimeRate: 2 / 3 });

    const weeks = await issuerActivitySeries({ actor: admin, issuerId: issuer.id, microCredentialId: mc.id, period: p, bucket: 'week' });
    expect(weeks.length).toBeGreaterThanOrEqual(9);
    expect(weeks.reduce((s, w) => s + w.submissions, 0)).toBe(4);

    expect(await reviewerWorkload({ actor: admin, issuerId: issuer.id, period: p, now: at('2025-11-20T12:00:00Z') })).toEqual({
      submitted: [{ reviewerId: reviewer.id, name: 'Rita Reviewer', count: 3 }], submittedReviewers: 1,
      open: [{ reviewerId: reviewer.id, name: 'Rita Reviewer', count: 1 }], openReviewers: 1, openClaims: 1,
    });

    const outsider = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    await expect(issuerActivitySeries({ actor: outsider, issuerId: issuer.id, period: p, bucket: 'month' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(issuerActivitySeries({ actor: reviewer, issuerId: issuer.id, period: p, bucket: 'month' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('district reports: today, what is about to change, and one school', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

  it('counts salary steps as of today while the period runs, as the teacher’s own page does', async () => {
    const d = await dataset();
    // The district counts only badges still valid; Ann's M3 ends in January, before the school year does.
    await db.organization.update({ where: { id: d.district.id }, data: { salaryCountsExpired: false } });
    await db.award.updateMany({ where: { userId: d.ann.id, title: 'M3' }, data: { validUntil: new Date('2027-01-10T00:00:00Z') } });
    const schoolYear = resolvePeriod({}, now);
    expect([schoolYear.fromLabel, schoolYear.toLabel]).toEqual(['2026-07-01', '2027-06-30']);

    const at = salaryAsOf(schoolYear, now);
    expect(at).toMatchObject({ asOf: now, label: '2026-11-24', today: true });
    const mine = (await getTeacherRecord(d.ann, now)).salary!.result;
    expect(mine).toMatchObject({ qualifyingCount: 2, next: { missing: 1 } });
    const { rows } = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: at.asOf });
    // The district sees what Ann sees: she holds M2 and M3 today.
    expect(rows.find((r) => r.name === 'Ann Avery')).toMatchObject({ qualifyingCount: mine.qualifyingCount, amountCents: mine.amountCents, next: { missing: mine.next!.missing } });

    const { filename, csv } = await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'salary-steps', period: schoolYear, now });
    expect(filename).toBe('salary-steps_as-of_2026-11-24.csv');
    const ann = parseCsv(csv).find((r) => r[0] === 'Ann Avery')!;
    expect(ann.slice(3, 8)).toEqual(['2', 'One classroom credential', '100.00', 'Three classroom credentials', '1']);

    // A period that has ended is counted on its last day (M3 has not ended by then either).
    const past = salaryAsOf(period, now);
    expect(past).toMatchObject({ asOf: period.to, label: '2026-08-31', today: false });
    expect((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'salary-steps', period, now })).filename).toBe('salary-steps_as-of_2026-08-31.csv');
  });

  it('sorts salary steps by amount, then by who is closest to their next step, and counts those one away', async () => {
    const d = await dataset();
    // Abe holds one level-2 credential: the first step, two short of the second. His name sorts first.
    const abe = await createActor({ name: 'Abe Adams', districtId: d.district.id });
    await award({ user: abe, mc: d.m2, title: 'M2', hours: 10, level: 2, issuedAt: '2025-10-01T10:00:00Z' });
    const steps = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: period.to });
    expect(steps.rows.map((r) => [r.name, r.amountCents, r.next?.missing])).toEqual([
      ['Ann Avery', 10_000, 1],
      ['Bo Brown', 10_000, 1],
      ['Abe Adams', 10_000, 2],
      ["=cmd|' /C calc'!A0", 0, 1],
    ]);
    // Ann and Bo are one from the second step, the third teacher one from the first.
    expect(steps.oneAway).toBe(3);
    const csv = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'salary-steps', period, now })).csv);
    expect(csv.slice(1).map((r) => r[0])).toEqual(['Ann Avery', 'Bo Brown', 'Abe Adams', "'=cmd|' /C calc'!A0"]);
  });

  it('lists each teacher’s newest badge ending in the next 90 days or ended in the last 30, with renewals started', async () => {
    const d = await dataset();
    const ends = (userId: string, title: string, validUntil: Date) => db.award.updateMany({ where: { userId, title }, data: { validUntil } });
    await ends(d.ann.id, 'M3', days(47));
    await ends(d.ann.id, 'M2', days(-40)); // ended too long ago
    await ends(d.ann.id, 'M4 (revoked)', days(5)); // revoked: never listed
    await ends(d.bo.id, 'M3', days(-10)); // ended, and Bo has started renewing it
    await ends(d.bo.id, 'M2', days(120)); // not yet
    await ends(d.bo.id, 'M4 (suspended)', days(30));
    await ends(d.xavier.id, 'M2', days(5)); // another district
    await db.submission.create({ data: { userId: d.bo.id, microCredentialId: d.m3.id, versionId: d.m3.currentVersionId!, cycle: 2 } });
    // Ann's first badge ends in 10 days, but she has already earned its renewal: nothing to do.
    await ends(d.ann.id, 'Understanding feedback', days(10));
    await award({ user: d.ann, mc: d.m1, title: 'Understanding feedback (renewed)', hours: 5, level: 1, issuedAt: '2026-11-01T10:00:00Z', validUntil: days(700), cycle: 2 });
    // A hostile name ends in 60 days (the CSV must neutralise it).
    await award({ user: d.cy, mc: d.m2, title: 'M2', hours: 10, level: 2, issuedAt: '2024-11-20T10:00:00Z', validUntil: days(60) });

    const rows = await expiringBadges({ actor: d.leader, districtId: d.district.id, now });
    expect(rows.map((r) => [r.name, r.title, r.ended, r.suspended, r.renewalStarted])).toEqual([
      ['Bo Brown', 'M3', true, false, true],
      ['Bo Brown', 'M4 (suspended)', false, true, false],
      ['Ann Avery', 'M3', false, false, false],
      ["=cmd|' /C calc'!A0", 'M2', false, false, false],
    ]);
    expect(rows[2]).toMatchObject({ school: 'Cushing Elementary', level: 2, validUntil: days(47) });

    const { filename, csv } = await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'expiring', period, now });
    expect(filename).toBe('badges-ending-soon_as-of_2026-11-24.csv');
    const table = parseCsv(csv);
    expect(table[0]).toEqual(['Teacher', 'Email', 'School', 'Credential', 'Issuer', 'Level', 'Valid until', 'Status', 'Renewal started', 'Renewal opens', 'Credential ID', 'Verify at']);
    // Every badge here was valid long enough for renewal to open 90 days before its end.
    expect(table.slice(1).map((r) => [r[0], r[3], r[6], r[7], r[8], r[9]])).toEqual([
      ['Bo Brown', 'M3', '2026-11-14', 'Ended', 'Yes', '2026-08-16'],
      ['Bo Brown', 'M4 (suspended)', '2026-12-24', 'Suspended', 'No', '2026-09-25'],
      ['Ann Avery', 'M3', '2027-01-10', 'Ending soon', 'No', '2026-10-12'],
      ["'=cmd|' /C calc'!A0", 'M2', '2027-01-23', 'Ending soon', 'No', '2026-10-25'],
    ]);
    expect(table[3][10]).toBe(rows[2].awardId);
    // Each badge's public page, built as the teacher's own PD record builds it.
    expect(table[3][11]).toBe(credentialUrl(rows[2].awardId));

    for (const actor of [d.otherLeader, d.ann, d.admin]) {
      await expect(expiringBadges({ actor, districtId: d.district.id, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(districtReportCsv({ actor: d.otherLeader, districtId: d.district.id, report: 'expiring', period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('narrows every report, the CSVs and the teacher list to one of the district’s schools, and refuses anyone else’s', async () => {
    const d = await dataset();
    const scope = { actor: d.leader, districtId: d.district.id, schoolId: d.school.id };
    // Only Ann is placed at Cushing Elementary.
    expect((await pdHoursByTeacher({ ...scope, period })).map((r) => [r.name, r.hours])).toEqual([['Ann Avery', 22.5]]);
    const months = Object.fromEntries((await pdHoursByMonth({ ...scope, period })).map((m) => [m.month.toISOString().slice(0, 7), m.hours]));
    // Bo's 11.5 hours of September 2025 are not Cushing's.
    expect(months).toMatchObject({ '2025-09': 0, '2025-10': 5, '2025-11': 10, '2026-02': 7.5 });
    expect((await renewalCredentials({ ...scope, period })).map((r) => r.name)).toEqual(['Ann Avery', 'Ann Avery', 'Ann Avery']);
    const steps = await salaryStepEligibility({ ...scope, asOf: period.to });
    expect(steps.rows.map((r) => r.name)).toEqual(['Ann Avery']);
    expect(steps.oneAway).toBe(1);
    await db.award.updateMany({ where: { title: 'M3' }, data: { validUntil: days(20) } });
    expect((await expiringBadges({ ...scope, now })).map((r) => r.name)).toEqual(['Ann Avery']);
    expect((await expiringBadges({ actor: d.leader, districtId: d.district.id, now })).map((r) => r.name).sort()).toEqual(['Ann Avery', 'Bo Brown']);

    const pd = await districtReportCsv({ ...scope, report: 'pd-hours', period, now });
    expect(pd.filename).toBe('pd-hours_cushing-elementary_2025-09-01_2026-08-31.csv');
    expect(parseCsv(pd.csv).slice(1).map((r) => r[0])).toEqual(['Ann Avery']);
    expect((await districtReportCsv({ ...scope, report: 'salary-steps', period, now })).filename).toBe('salary-steps_cushing-elementary_as-of_2026-08-31.csv');
    expect(parseCsv((await districtReportCsv({ ...scope, report: 'expiring', period, now })).csv).slice(1).map((r) => r[0])).toEqual(['Ann Avery']);

    const listed = await listDistrictTeachers({ actor: d.leader, districtId: d.district.id, schoolId: d.school.id });
    expect(listed.items.map((t) => t.name)).toEqual(['Ann Avery']);
    expect((await listDistrictTeachers({ actor: d.leader, districtId: d.district.id, schoolId: d.school.id, q: 'brown' })).items).toEqual([]);
    // No school means every school.
    expect((await listDistrictTeachers({ actor: d.leader, districtId: d.district.id, schoolId: '' })).items).toHaveLength(3);

    // Another district's school (with a teacher of its own), a district's id, an unknown id and a
    // malformed one are all refused, not read as "every school".
    const foreign = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: d.otherDistrict.id });
    await db.user.update({ where: { id: d.xavier.id }, data: { schoolId: foreign.id } });
    for (const schoolId of [foreign.id, d.district.id, 'cnotaschool000000000000000', "x' OR 1=1 --\u0000"]) {
      const bad = { actor: d.leader, districtId: d.district.id, schoolId };
      await expect(pdHoursByTeacher({ ...bad, period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(pdHoursByMonth({ ...bad, period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(renewalCredentials({ ...bad, period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(salaryStepEligibility({ ...bad, asOf: period.to })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(expiringBadges({ ...bad, now })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listDistrictTeachers(bad)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(districtReportCsv({ ...bad, report: 'pd-hours', period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The other district's leader cannot use their own school to read this district either.
    const otherLeaderScope = { actor: d.otherLeader, districtId: d.district.id, schoolId: foreign.id };
    await expect(pdHoursByTeacher({ ...otherLeaderScope, period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
