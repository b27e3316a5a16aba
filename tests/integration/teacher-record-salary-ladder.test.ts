// What a teacher is told on My badges about their district's salary steps (lib/reporting/teacher.ts,
// components/awards/record-panel.tsx): the whole ladder with what each step pays and needs and what
// the district wrote about it, their own step and their next one marked in words, a way into the
// catalogue at the level the next step needs, and which issuers count where the district counts
// approved issuers only. Shown with no badge yet too; without a district, or when the district has
// no steps, said in a sentence. And what the two downloads of My badges are for. Real Postgres, the
// real page; only who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { getDistrictRulesForTeacher, getTeacherRecord } from '@/lib/reporting/teacher';
import { salaryStepEligibility } from '@/lib/reporting/district';
import { APPROVED_ISSUERS_MAX } from '@/lib/district/policy-settings';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: BadgesPage } = await import('@/app/badges/page');

const NOW = new Date('2026-06-01T12:00:00Z');
const badgesPage = async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
/** The list items of the salary-step ladder, in order. */
const ladderItems = (html: string) => {
  const start = html.indexOf('<ol aria-labelledby="salary-steps-heading"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</ol>', start)).split('<li').slice(1);
};

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/**
 * Kettle Moraine's ladder, in the district's order: $100 for one classroom badge, $300 for three,
 * $600 for one at level 3 (each with the district's own words, one with none). Ann holds one
 * level-2 badge from Approved Academy; Zoe holds none.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'First step', description: 'For one micro-credential with evidence from your own classroom.\nPaid from the next school year.', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: district.id, label: 'Second step', description: 'Three classroom micro-credentials that benefited your students.', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
      { districtId: district.id, label: 'Top step', minLevel: 3, credentialsRequired: 1, amountCents: 60_000, sortOrder: 2 },
    ],
  });
  const approved = await createOrg({ kind: 'ISSUER', name: 'Approved Academy' });
  const backyard = await createOrg({ kind: 'ISSUER', name: 'Backyard Badges' });
  const { mc } = await createPublishedCredential({ issuerId: approved.id, def: { title: 'Exit Tickets', level: 2 } });
  const { mc: alone } = await createPublishedCredential({ issuerId: backyard.id, def: { title: 'Backyard Classroom', level: 2 } });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id });
  const zoe = await createActor({ name: 'Zoe Zero', districtId: district.id });
  await createEarnedAward(ann, mc, { title: 'Exit Tickets', level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  return { district, approved, backyard, mc, alone, ann, zoe };
}

describe('the district’s salary ladder on a teacher’s record', () => {
  it('loads every step with the district’s description, in the district’s order, and marks where the teacher stands', async () => {
    const w = await world();
    const rules = await getDistrictRulesForTeacher(w.ann);
    expect(rules).toMatchObject({ districtName: 'Kettle Moraine', approvedIssuersOnly: false, approved: null });
    expect(rules!.rules.map((r) => [r.label, r.description])).toEqual([
      ['First step', 'For one micro-credential with evidence from your own classroom.\nPaid from the next school year.'],
      ['Second step', 'Three classroom micro-credentials that benefited your students.'],
      ['Top step', ''],
    ]);
    const salary = (await getTeacherRecord(w.ann, NOW, { rows: false })).salary!;
    expect(salary.ladder.map((s) => ({ label: s.label, have: s.have, mark: s.mark }))).toEqual([
      { label: 'First step', have: 1, mark: 'reached' },
      { label: 'Second step', have: 1, mark: 'next' },
      { label: 'Top step', have: 0, mark: 'ahead' },
    ]);
    expect(salary.ladder[0].description).toContain('Paid from the next school year.');
    // The district's report reads the same rules (now with their descriptions) and counts as before.
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    const report = await salaryStepEligibility({ actor: leader, districtId: w.district.id, asOf: NOW });
    expect(report.rules.map((r) => r.label)).toEqual(['First step', 'Second step', 'Top step']);
    expect(report.rows.find((r) => r.userId === w.ann.id)).toMatchObject({ qualifyingCount: 1, amountCents: 10_000, next: { rule: { label: 'Second step' }, missing: 2 } });
  });

  it('shows the whole ladder on My badges as a list, the teacher’s step and next one marked in words, with a catalogue link at the level needed', async () => {
    const w = await world();
    session.actor = w.ann;
    const html = await badgesPage();
    const text = textOf(html);
    expect(text).toContain('You reach First step ($100). Next: Second step ($300) needs 2 more badges at level 2 or above.');
    // Beside "Next:", the catalogue's micro-credentials at the level the next step needs (its real parameters).
    expect(html).toMatch(/Next: .*?<a href="\/catalog\?kind=MICRO_CREDENTIAL&amp;level=2">Find level 2 micro-credentials in the catalogue<\/a>/);

    const items = ladderItems(html);
    expect(items).toHaveLength(3);
    // The step reached: announced as the current step, and said in words (not by its colour).
    expect(items[0]).toContain('aria-current="step"');
    expect(textOf(`<li${items[0]}`)).toContain('First step: $100 ✓ Your step Needs 1 badge at level 2 or above (in your classroom). You are at this step.');
    expect(textOf(`<li${items[0]}`)).toContain('For one micro-credential with evidence from your own classroom. Paid from the next school year.');
    expect(items[1]).not.toContain('aria-current');
    expect(textOf(`<li${items[1]}`)).toContain('Second step: $300 → Your next step Needs 3 badges at level 2 or above (in your classroom). You have 1 so far: 2 more to go.');
    expect(textOf(`<li${items[1]}`)).toContain('Three classroom micro-credentials that benefited your students.');
    expect(textOf(`<li${items[2]}`)).toContain('Top step: $600 Needs 1 badge at level 3 or above (in your classroom). You have 0 so far: 1 more to go.');
    expect(textOf(`<li${items[2]}`)).not.toMatch(/Your step|Your next step|Reached/);
    // The signs are not read out; the words are.
    expect(html).toContain('<span aria-hidden="true">✓\u00a0</span>Your step');
  });

  it('marks a step met but paid over by a higher one, and links the next step’s own level', async () => {
    const w = await world();
    // Two more classroom badges: the second step is reached, the first met, and the top step (level 3) is next.
    for (const [title, issuedAt] of [['Peer Feedback', '2025-11-01T10:00:00Z'], ['Wait Time', '2025-12-01T10:00:00Z']] as const) {
      const { mc } = await createPublishedCredential({ issuerId: w.approved.id, def: { title, level: 2 } });
      await createEarnedAward(w.ann, mc, { title, level: 2, issuedAt });
    }
    expect((await getTeacherRecord(w.ann, NOW, { rows: false })).salary!.ladder.map((s) => s.mark)).toEqual(['met', 'reached', 'next']);
    session.actor = w.ann;
    const html = await badgesPage();
    expect(textOf(html)).toContain('You reach Second step ($300). Next: Top step ($600) needs 1 more badge at level 3 or above.');
    expect(html).toContain('href="/catalog?kind=MICRO_CREDENTIAL&amp;level=3"');
    const items = ladderItems(html);
    expect(textOf(`<li${items[0]}`)).toContain('Reached Needs 1 badge at level 2 or above (in your classroom). You meet it, and a higher step pays you instead.');
    expect(items[1]).toContain('aria-current="step"');
  });

  it('shows the salary steps to a teacher with no badge yet, without the rest of the record', async () => {
    const w = await world();
    expect((await getTeacherRecord(w.zoe, NOW, { rows: false })).salary!.ladder.map((s) => s.mark)).toEqual(['next', 'ahead', 'ahead']);
    session.actor = w.zoe;
    const html = await badgesPage();
    const text = textOf(html);
    expect(text).toContain('No badges yet');
    expect(text).toContain('What your badges can count toward');
    expect(text).toContain('Salary steps in Kettle Moraine');
    expect(text).toContain('You have not reached a salary step yet. Next: First step ($100) needs 1 more badge at level 2 or above.');
    expect(html).toContain('href="/catalog?kind=MICRO_CREDENTIAL&amp;level=2"');
    expect(ladderItems(html)).toHaveLength(3);
    expect(html).not.toContain('aria-current="step"');
    // The record's totals wait for a first badge.
    expect(text).not.toContain('PD hours, all time');
    expect(text).not.toContain('Download my PD record');
  });

  it('says plainly when the teacher has no district, or their district has no salary steps', async () => {
    await world();
    const loner = await createActor({ name: 'Lou Loner' });
    expect(await getDistrictRulesForTeacher(loner)).toBeNull();
    expect(await getTeacherRecord(loner, NOW, { rows: false })).toMatchObject({ salary: null, districtName: null });
    session.actor = loner;
    let html = await badgesPage();
    expect(textOf(html)).toContain('You are not linked to a school district, so there are no salary steps to show.');
    expect(html).toContain('<a href="/account">Ask to join your district on your account page</a>');
    expect(html).not.toContain('<ol aria-labelledby="salary-steps-heading"');

    const plain = await createOrg({ kind: 'DISTRICT', name: 'Plainfield' });
    const teacher = await createActor({ name: 'Pat Plain', districtId: plain.id });
    expect(await getDistrictRulesForTeacher(teacher)).toMatchObject({ districtName: 'Plainfield', rules: [], approved: null });
    expect(await getTeacherRecord(teacher, NOW, { rows: false })).toMatchObject({ salary: null, districtName: 'Plainfield' });
    session.actor = teacher;
    html = await badgesPage();
    expect(textOf(html)).toContain('Plainfield has not set any salary steps here, so your badges do not count toward a salary increase on this site.');
    expect(html).not.toContain('<ol aria-labelledby="salary-steps-heading"');
    expect(textOf(html)).not.toContain('You are not linked to a school district');
  });

  it('names the issuers whose badges count where the district counts approved issuers only', async () => {
    const w = await world();
    await db.organization.update({ where: { id: w.district.id }, data: { salaryApprovedIssuersOnly: true } });
    await db.districtApprovedIssuer.create({ data: { districtId: w.district.id, issuerId: w.approved.id } });
    const bright = await createOrg({ kind: 'ISSUER', name: 'Bright Badges' });
    await db.districtApprovedIssuer.create({ data: { districtId: w.district.id, issuerId: bright.id } });
    // One of Backyard Badges' micro-credentials approved on its own; one of Approved Academy's too,
    // which counts with its issuer anyway and is not counted again.
    await db.districtApprovedCredential.createMany({ data: [{ districtId: w.district.id, microCredentialId: w.alone.id }, { districtId: w.district.id, microCredentialId: w.mc.id }] });
    // Another district's list is not this one's.
    const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
    await db.districtApprovedIssuer.create({ data: { districtId: other.id, issuerId: w.backyard.id } });

    expect((await getDistrictRulesForTeacher(w.zoe))!.approved).toEqual({ issuers: ['Approved Academy', 'Bright Badges'], more: false, credentials: 1 });
    session.actor = w.zoe;
    const text = textOf(await badgesPage());
    expect(text).toContain('Kettle Moraine counts only badges from issuers it has approved. Approved issuers: Approved Academy and Bright Badges. It also counts 1 micro-credential it has approved on its own: a micro-credential’s page says whether its badges count.');
    expect(text).not.toContain('Backyard Badges');
  });

  it('lists many approved issuers in a list the teacher opens, never more than APPROVED_ISSUERS_MAX of them', async () => {
    const w = await world();
    await db.organization.update({ where: { id: w.district.id }, data: { salaryApprovedIssuersOnly: true } });
    // One more than the most a district can approve (data from before the limit, say), in one INSERT.
    await db.$executeRaw`
      INSERT INTO "Organization" ("id", "kind", "name", "slug", "updatedAt")
      SELECT 'bulk-issuer-' || g, 'ISSUER'::"OrgKind", 'Issuer ' || lpad(g::text, 4, '0'), 'bulk-issuer-' || g, now() FROM generate_series(1, ${APPROVED_ISSUERS_MAX + 1}) AS g`;
    await db.$executeRaw`
      INSERT INTO "DistrictApprovedIssuer" ("districtId", "issuerId")
      SELECT ${w.district.id}, 'bulk-issuer-' || g FROM generate_series(1, ${APPROVED_ISSUERS_MAX + 1}) AS g`;
    const approved = (await getDistrictRulesForTeacher(w.ann))!.approved!;
    expect(approved.issuers).toHaveLength(APPROVED_ISSUERS_MAX);
    expect(approved.issuers.slice(0, 2)).toEqual(['Issuer 0001', 'Issuer 0002']);
    expect(approved.more).toBe(true);

    session.actor = w.ann;
    const html = await badgesPage();
    expect(html).toMatch(/<details><summary[^>]*>The first 500 issuers Kettle Moraine has approved<\/summary><ul[^>]*><li>Issuer 0001<\/li>/);
    expect(html).not.toContain('Issuer 0501');
    expect(textOf(html)).toContain('It has approved more issuers than can be listed here: ask your district office for the full list.');
    // Ann's badge is from an issuer not on the list now.
    expect(textOf(html)).toContain('1 of your badges comes from Approved Academy, which Kettle Moraine has not approved');
  });
});

describe('the downloads of My badges', () => {
  it('says the badge file is JSON for another badge site, and points to the transcript for a PDF record', async () => {
    const w = await world();
    session.actor = w.ann;
    const html = await badgesPage();
    expect(html).toMatch(/<a[^>]*href="\/badges\/export\.json"[^>]*>Download my badges as a file for another badge site \(JSON\)<\/a>/);
    expect(html).not.toContain('Download all my badges (to move them to another badge site)');
    expect(textOf(html)).toContain('Need a PDF of your badges? Open your PD transcript and print it or save it as a PDF.');
    expect(html).toMatch(/data-download-help[^>]*>Need a PDF of your badges\? Open your <a href="\/badges\/transcript">PD transcript<\/a>/);
    // Nothing to download before a first badge.
    session.actor = w.zoe;
    const none = await badgesPage();
    expect(none).not.toContain('/badges/export.json');
    expect(none).not.toContain('data-download-help');
  });
});
