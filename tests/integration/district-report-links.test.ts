// District reports name the badges behind their figures: which badges a salary step counts (on the
// page and in the CSV) and each badge's public verification page in the licence-renewal and
// ending-soon CSVs, as the teacher's own PD record links them. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv } from '@/lib/reporting/exports';
import { getTeacherRecord, teacherRecordCsv } from '@/lib/reporting/teacher';
import { credentialUrl } from '@/lib/awards/issue';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { parseCsv } from '@/lib/csv';
import { redirectOf } from '../setup/actions';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ReportsPage } = await import('@/app/district/reports/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });

const award = createEarnedAward;

async function dataset() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: district.id, label: 'Three classroom credentials', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
    ],
  });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id });
  const xavier = await createActor({ name: 'Xavier Other', districtId: other.id });
  const { issuer, admin, mc: m1 } = await createPublishedCredential({ def: { level: 1 } });
  const [m2, m3, m4] = await Promise.all([0, 1, 2].map(async () => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2 } })).mc));
  const a = {
    annM1: await award(ann, m1, { title: 'Understanding feedback', level: 1, issuedAt: '2025-10-01T10:00:00Z' }),
    // M2 earned, then renewed: the renewal is the badge that counts, once.
    annM2: await award(ann, m2, { title: 'Peer feedback', level: 2, issuedAt: '2024-11-15T10:00:00Z' }),
    annM2Renewed: await award(ann, m2, { title: 'Peer feedback (renewed)', level: 2, issuedAt: '2026-01-15T10:00:00Z', cycle: 2 }),
    annM3: await award(ann, m3, { title: '=HYPERLINK("http://evil.test","Feedback loops")', level: 2, issuedAt: '2026-02-01T10:00:00Z' }),
    annM4: await award(ann, m4, { title: 'Revoked one', level: 2, issuedAt: '2026-03-01T10:00:00Z', revoked: true }),
    boM2: await award(bo, m2, { title: 'Peer feedback', level: 2, issuedAt: '2025-09-10T10:00:00Z' }),
    boM4: await award(bo, m4, { title: 'Suspended one', level: 2, issuedAt: '2025-09-12T10:00:00Z', suspended: true }),
    xM2: await award(xavier, m2, { title: 'Peer feedback', level: 2, issuedAt: '2025-10-01T10:00:00Z' }),
  };
  return { district, other, leader, otherLeader, ann, bo, xavier, m2, a };
}

describe('which badges a salary step counts', () => {
  it('a school that is not the district’s (a stale link) gives every school’s reports with a note, not a “no access” page', async () => {
    const d = await dataset();
    session.actor = d.leader;
    const to = await redirectOf(ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel, school: 'cnotaschool000000000000000' }) }));
    expect(to).toBe(`/district/reports?from=${period.fromLabel}&to=${period.toLabel}&unknownSchool=1`);
    const html = renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel, unknownSchool: '1' }) }));
    expect(html).toContain('That school is not one of Kettle Moraine’s schools');
    expect(html).toContain('Ann Avery');
  });

  it('lists the badges behind each teacher’s count, newest first, and only those that count', async () => {
    const d = await dataset();
    const { rows } = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: period.to });
    const ann = rows.find((r) => r.name === 'Ann Avery')!;
    // Level 1 does not reach the rules' level, the revoked one never counts, and M2 counts once (its renewal).
    expect(ann.qualifyingCount).toBe(2);
    expect(ann.counted).toEqual([
      { id: d.a.annM3.id, title: d.a.annM3.title, level: 2, issuedAt: d.a.annM3.issuedAt },
      { id: d.a.annM2Renewed.id, title: 'Peer feedback (renewed)', level: 2, issuedAt: d.a.annM2Renewed.issuedAt },
    ]);
    // Bo's suspended badge does not count.
    expect(rows.find((r) => r.name === 'Bo Brown')!.counted.map((c) => c.id)).toEqual([d.a.boM2.id]);
    // Another district's teacher is not in the report at all.
    expect(rows.flatMap((r) => r.counted.map((c) => c.id))).not.toContain(d.a.xM2.id);
    // As of an earlier day, only what was held then.
    const earlier = await salaryStepEligibility({ actor: d.leader, districtId: d.district.id, asOf: new Date('2025-12-01') });
    expect(earlier.rows.find((r) => r.name === 'Ann Avery')!.counted.map((c) => c.id)).toEqual([d.a.annM2.id]);
  });

  it('adds an “Awards counted” column to the salary-steps CSV with each badge’s verify URL', async () => {
    const d = await dataset();
    const table = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'salary-steps', period })).csv);
    expect(table[0]).toEqual(['Teacher', 'Email', 'School', 'Qualifying credentials', 'Step reached', 'Amount (USD)', 'Next step', 'Credentials still needed', 'Awards counted']);
    const cell = (name: string) => table.find((r) => r[0] === name)![8];
    // A title that reads as a formula is neutralised, as every cell is.
    expect(cell('Ann Avery')).toBe(`'=HYPERLINK("http://evil.test","Feedback loops") (${credentialUrl(d.a.annM3.id)}); Peer feedback (renewed) (${credentialUrl(d.a.annM2Renewed.id)})`);
    expect(cell('Bo Brown')).toBe(`Peer feedback (${credentialUrl(d.a.boM2.id)})`);
    expect(credentialUrl(d.a.boM2.id)).toBe(new URL(`/credentials/${d.a.boM2.id}`, env().APP_URL).toString());
  });

  it('shows the counted badges in an expandable cell, linked to their public pages, in a scrollable region a keyboard can reach', async () => {
    const d = await dataset();
    session.actor = d.leader;
    const html = renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel }) }));
    const salary = html.slice(html.indexOf('id="sal-h"'));
    expect(salary).toContain('<details>');
    expect(salary).toContain('credentials counted for Ann Avery');
    for (const id of [d.a.annM3.id, d.a.annM2Renewed.id, d.a.boM2.id]) expect(salary).toContain(`href="/credentials/${id}"`);
    for (const id of [d.a.annM1.id, d.a.annM2.id, d.a.annM4.id, d.a.boM4.id, d.a.xM2.id]) expect(salary).not.toContain(id);
    // Every report table scrolls inside a named, focusable region.
    const regions = html.match(/<div[^>]*role="region"[^>]*>/g) ?? [];
    expect(regions.length).toBeGreaterThanOrEqual(4);
    for (const r of regions) {
      expect(r).toContain('tabindex="0"');
      expect(r).toMatch(/aria-label="[^"]+"/);
    }
    expect(regions.some((r) => r.includes('aria-label="Salary-step eligibility per teacher'))).toBe(true);
  });
});

describe('verify URLs in the district’s badge CSVs', () => {
  it('gives each credential’s public page in the licence-renewal and ending-soon CSVs, as the teacher’s own record does', async () => {
    const d = await dataset();
    const now = new Date('2026-03-20T12:00:00Z');
    await db.award.update({ where: { id: d.a.annM3.id }, data: { validUntil: new Date('2026-04-30T00:00:00Z') } });

    const renewal = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'renewal', period, now })).csv);
    expect(renewal[0].slice(-2)).toEqual(['Credential ID', 'Verify at']);
    expect(renewal.length).toBeGreaterThan(1);
    for (const row of renewal.slice(1)) expect(row[13]).toBe(credentialUrl(row[12]));
    expect(renewal.slice(1).map((r) => r[13])).toContain(new URL(`/credentials/${d.a.annM3.id}`, env().APP_URL).toString());

    const ending = parseCsv((await districtReportCsv({ actor: d.leader, districtId: d.district.id, report: 'expiring', period, now })).csv);
    expect(ending[0].slice(-2)).toEqual(['Credential ID', 'Verify at']);
    expect(ending.slice(1).map((r) => [r[0], r[10], r[11]])).toEqual([['Ann Avery', d.a.annM3.id, credentialUrl(d.a.annM3.id)]]);

    // The same link the teacher's own PD record gives for that badge.
    const mine = parseCsv(teacherRecordCsv(await getTeacherRecord(d.ann, now), { name: d.ann.name, email: d.ann.email }));
    expect(mine.find((r) => r[2].includes('HYPERLINK'))![11]).toBe(credentialUrl(d.a.annM3.id));

    await expect(districtReportCsv({ actor: d.otherLeader, districtId: d.district.id, report: 'renewal', period })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
