// A district can count only badges from the issuers it has approved toward its salary steps ("not
// all micro-credentials are created equal"): the leader's policy (saved, refused, audited), the
// counting on the teacher's own record and in the district's report and CSV, and what teachers and
// leaders are told, on their pages and on a micro-credential's page. Real Postgres, real pages; only
// who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, nextStatusIndex, sampleDefinition } from '../factories';
import { createMicroCredential } from '@/lib/authoring/mutations';
import { DistrictPolicyInput, NO_APPROVED_ISSUERS, getDistrictPolicy, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { getIssuerSalaryStanding, listSalaryIssuerChoices } from '@/lib/district/salary-approval';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv } from '@/lib/reporting/exports';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { parseCsv } from '@/lib/csv';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: PolicyPage } = await import('@/app/district/policy/page');
const { saveDistrictPolicyAction } = await import('@/app/district/policy/actions');
const { default: ReportsPage } = await import('@/app/district/reports/page');
const { default: BadgesPage } = await import('@/app/badges/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });
const NOW = new Date('2026-06-01T12:00:00Z');


const award = createEarnedAward;

/**
 * Kettle Moraine ($100 for one level-2 credential, $300 for three) and three issuers: Approved
 * Academy (two published credentials and a draft), Backyard Badges (two) and Quiet Issuer (none
 * published). Ann holds two of Approved Academy's (and its stack badge) and two of Backyard Badges'.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: district.id, label: 'Three classroom credentials', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
    ],
  });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id });

  const approved = await createOrg({ kind: 'ISSUER', name: 'Approved Academy' });
  const backyard = await createOrg({ kind: 'ISSUER', name: 'Backyard Badges' });
  const quiet = await createOrg({ kind: 'ISSUER', name: 'Quiet Issuer' });
  const a1 = await createPublishedCredential({ issuerId: approved.id, def: { title: 'Exit Tickets', level: 2 } });
  const { mc: a2 } = await createPublishedCredential({ issuerId: approved.id, admin: a1.admin, def: { title: 'Peer Feedback', level: 2 } });
  await createMicroCredential({ actor: a1.admin, issuerId: approved.id, def: sampleDefinition({ title: 'Unpublished Draft' }) });
  const b1 = await createPublishedCredential({ issuerId: backyard.id, def: { title: 'Backyard Classroom', level: 2 } });
  const { mc: b2 } = await createPublishedCredential({ issuerId: backyard.id, admin: b1.admin, def: { title: 'Backyard Basics', level: 1 } });

  await award(ann, a1.mc, { title: 'Exit Tickets', level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  await award(ann, a2, { title: 'Peer Feedback', level: 2, issuedAt: '2025-11-01T10:00:00Z' });
  await award(ann, b1.mc, { title: 'Backyard Classroom', level: 2, issuedAt: '2025-12-01T10:00:00Z' });
  await award(ann, b2, { title: 'Backyard Basics', level: 1, issuedAt: '2026-01-05T10:00:00Z' });
  await award(bo, b1.mc, { title: 'Backyard Classroom', level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  // A stack badge from the approved issuer, at level 2: stack badges never count toward steps.
  const stack = await db.stack.create({ data: { issuerId: approved.id, slug: 'approved-stack', title: 'Approved Stack', summary: 'Parts.', status: 'PUBLISHED' } });
  const list = await db.statusList.findFirstOrThrow({ where: { issuerId: approved.id } });
  await db.award.create({
    data: {
      userId: ann.id, issuerId: approved.id, stackId: stack.id, title: 'Approved Stack', pdHours: new Prisma.Decimal(0), level: 2, recipientName: ann.name,
      issuedAt: new Date('2026-01-10T10:00:00Z'), credential: {}, statusListId: list.id, statusListIndex: nextStatusIndex(),
    },
  });
  return { district, school, other, leader, otherLeader, ann, bo, approved, backyard, quiet, a1: a1.mc, a2, b1: b1.mc, b2 };
}
type World = Awaited<ReturnType<typeof world>>;

/** Saves the policy with Kettle Moraine's two steps as they are, and these issuer settings. */
async function saveIssuers(w: World, actor: Actor, opts: { onlyApproved: boolean; ids: string[] }) {
  const rules = [
    { label: 'One classroom credential', minLevel: '2', credentialsRequired: '1', amountDollars: '100' },
    { label: 'Three classroom credentials', minLevel: '2', credentialsRequired: '3', amountDollars: '300' },
  ];
  return saveDistrictPolicy({
    actor,
    input: DistrictPolicyInput.parse({ districtId: w.district.id, salaryCountsExpired: 'on', salaryApprovedIssuersOnly: opts.onlyApproved ? 'on' : undefined, approvedIssuerIds: opts.ids, rules }),
  });
}

const auditEntries = async (districtId: string) =>
  (await db.auditLog.findMany({ where: { action: 'district.policy', entityId: districtId }, orderBy: { id: 'asc' }, select: { actorId: true, data: true } }));

describe('the district’s choice of issuers', () => {
  it('offers every issuing organisation by name with its published micro-credentials, to this district’s leaders only', async () => {
    const w = await world();
    expect(await listSalaryIssuerChoices({ actor: w.leader, districtId: w.district.id })).toEqual([
      { id: w.approved.id, name: 'Approved Academy', published: 2 },
      { id: w.backyard.id, name: 'Backyard Badges', published: 2 },
      { id: w.quiet.id, name: 'Quiet Issuer', published: 0 },
    ]);
    await expect(listSalaryIssuerChoices({ actor: w.otherLeader, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listSalaryIssuerChoices({ actor: w.ann, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    session.actor = w.leader;
    const html = renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) }));
    const text = textOf(html);
    expect(text).toContain('Which issuers’ badges count toward salary steps');
    expect(html).toMatch(/<input[^>]*id="issuers-approved"[^>]*checked=""/);
    expect(text).toMatch(/Approved Academy · 2 published micro-credentials.*Backyard Badges · 2 published micro-credentials.*Quiet Issuer · no published micro-credentials yet/);
    expect(html).toMatch(new RegExp(`<input[^>]*id="issuer-${w.approved.id}"[^>]*checked=""`));
    expect(html).not.toMatch(new RegExp(`<input[^>]*id="issuer-${w.backyard.id}"[^>]*checked=""`));
    expect(text).toContain('1 of 3 chosen');
  });

  it('saves the mode and the list, replacing the list, and audit-logs the mode and the issuers added and removed', async () => {
    const w = await world();
    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.backyard.id, w.approved.id, w.approved.id] });
    let policy = await getDistrictPolicy({ actor: w.leader, districtId: w.district.id });
    expect(policy.salaryApprovedIssuersOnly).toBe(true);
    expect(policy.approvedIssuers.map((a) => a.issuerId).sort()).toEqual([w.approved.id, w.backyard.id].sort());
    const kept = await db.districtApprovedIssuer.findUniqueOrThrow({ where: { districtId_issuerId: { districtId: w.district.id, issuerId: w.approved.id } } });
    expect(kept.approvedById).toBe(w.leader.id);

    // Backyard Badges out, Quiet Issuer in; Approved Academy stays as it was approved.
    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id, w.quiet.id] });
    policy = await getDistrictPolicy({ actor: w.leader, districtId: w.district.id });
    expect(policy.approvedIssuers.map((a) => a.issuerId).sort()).toEqual([w.approved.id, w.quiet.id].sort());
    expect((await db.districtApprovedIssuer.findUniqueOrThrow({ where: { districtId_issuerId: { districtId: w.district.id, issuerId: w.approved.id } } })).createdAt).toEqual(kept.createdAt);

    // Back to every issuer: the list is kept for later.
    await saveIssuers(w, w.leader, { onlyApproved: false, ids: [w.approved.id, w.quiet.id] });
    policy = await getDistrictPolicy({ actor: w.leader, districtId: w.district.id });
    expect(policy.salaryApprovedIssuersOnly).toBe(false);
    expect(policy.approvedIssuers).toHaveLength(2);

    const entries = await auditEntries(w.district.id);
    expect(entries.map((e) => e.actorId)).toEqual([w.leader.id, w.leader.id, w.leader.id]);
    expect(entries.map((e) => (e.data as Record<string, unknown>).salaryApprovedIssuersOnly)).toEqual([{ from: false, to: true }, { from: true, to: true }, { from: true, to: false }]);
    expect(entries.map((e) => (e.data as Record<string, unknown>).approvedIssuers)).toEqual([
      { added: [{ id: w.approved.id, name: 'Approved Academy' }, { id: w.backyard.id, name: 'Backyard Badges' }], removed: [], count: { from: 0, to: 2 } },
      { added: [{ id: w.quiet.id, name: 'Quiet Issuer' }], removed: [{ id: w.backyard.id, name: 'Backyard Badges' }], count: { from: 2, to: 2 } },
      { added: [], removed: [], count: { from: 2, to: 2 } },
    ]);
  });

  it('refuses “only approved” with no issuer chosen, an id that is not an issuer, and anyone who does not lead the district, changing nothing', async () => {
    const w = await world();
    await saveIssuers(w, w.leader, { onlyApproved: false, ids: [] });
    const before = await auditEntries(w.district.id);

    // An empty list: nothing would count.
    const empty = DistrictPolicyInput.safeParse({ districtId: w.district.id, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [], rules: [] });
    expect(empty.success).toBe(false);
    expect(empty.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['approvedIssuerIds', NO_APPROVED_ISSUERS]]);
    session.actor = w.leader;
    const refused = await saveDistrictPolicyAction({ districtId: w.district.id, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [], rules: [] });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { approvedIssuerIds: [NO_APPROVED_ISSUERS] } });
    expect(NO_APPROVED_ISSUERS).toMatch(/no badge would count/);

    // A district, a school and an unknown id are not issuers.
    for (const id of [w.other.id, w.school.id, 'cunknownissuer000000000']) {
      const e = await errorOf(saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id, id] }));
      expect(e.code).toBe('VALIDATION');
      expect(e.fieldErrors?.approvedIssuerIds?.[0]).toMatch(/Choose issuers from the list/);
    }
    const viaAction = await saveDistrictPolicyAction({ districtId: w.district.id, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [w.other.id], rules: [] });
    expect(viaAction).toMatchObject({ ok: false, fieldErrors: { approvedIssuerIds: [expect.stringMatching(/Choose issuers from the list/)] } });
    // Not an id at all: refused before any query.
    expect(DistrictPolicyInput.safeParse({ districtId: w.district.id, approvedIssuerIds: ["x' OR 1=1 --"], rules: [] }).success).toBe(false);

    // Another district's leader, a teacher of this district.
    for (const actor of [w.otherLeader, w.ann]) {
      await expect(saveIssuers(w, actor, { onlyApproved: true, ids: [w.approved.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      session.actor = actor;
      expect(await saveDistrictPolicyAction({ districtId: w.district.id, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [w.approved.id], rules: [] })).toMatchObject({ ok: false });
    }

    const after = await db.organization.findUniqueOrThrow({ where: { id: w.district.id }, select: { salaryApprovedIssuersOnly: true, _count: { select: { approvedIssuers: true, salaryStepRules: true } } } });
    expect(after).toEqual({ salaryApprovedIssuersOnly: false, _count: { approvedIssuers: 0, salaryStepRules: 2 } });
    expect(await auditEntries(w.district.id)).toEqual(before);
  });
});

describe('counting toward salary steps', () => {
  it('counts every issuer’s badges by default, and only approved issuers’ on the teacher’s own record once the district says so', async () => {
    const w = await world();
    // Every issuer: Exit Tickets, Peer Feedback and Backyard Classroom reach the second step; the
    // level-1 badge and the stack badge do not count.
    let salary = (await getTeacherRecord(w.ann, NOW)).salary!;
    expect(salary).toMatchObject({ approvedIssuersOnly: false, notApproved: { count: 0, issuers: [] }, result: { qualifyingCount: 3, amountCents: 30_000 } });

    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    salary = (await getTeacherRecord(w.ann, NOW)).salary!;
    // Backyard Badges' two badges are set aside: one step down, one credential from the next.
    expect(salary).toMatchObject({
      approvedIssuersOnly: true,
      notApproved: { count: 2, issuers: ['Backyard Badges'] },
      result: { qualifyingCount: 2, amountCents: 10_000, rule: { label: 'One classroom credential' }, next: { missing: 1 } },
    });
    // Bo holds only Backyard Badges': no step.
    expect((await getTeacherRecord(w.bo, NOW)).salary).toMatchObject({ notApproved: { count: 1 }, result: { qualifyingCount: 0, amountCents: 0, rule: null } });

    // Both approved: all count again, nothing set aside.
    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id, w.backyard.id] });
    expect((await getTeacherRecord(w.ann, NOW)).salary).toMatchObject({ notApproved: { count: 0 }, result: { qualifyingCount: 3, amountCents: 30_000 } });
  });

  it('tells the teacher on My badges that only approved issuers count, and how many of theirs do not and why', async () => {
    const w = await world();
    session.actor = w.ann;
    const before = textOf(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(before).toContain('Salary steps in Kettle Moraine');
    expect(before).not.toContain('counts only badges from issuers it has approved');

    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    const after = textOf(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(after).toContain('Kettle Moraine counts only badges from issuers it has approved.');
    expect(after).toContain('2 of your badges come from Backyard Badges, which Kettle Moraine has not approved, so they do not count toward salary steps.');
    expect(after).toContain('their PD hours still count');

    // Nothing set aside: told the rule, with no count.
    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id, w.backyard.id] });
    const none = textOf(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(none).toContain('Kettle Moraine counts only badges from issuers it has approved.');
    expect(none).not.toContain('has not approved');
  });

  it('counts only approved issuers’ badges in the district’s salary report and its CSV, for the district and one school, and says so', async () => {
    const w = await world();
    const steps = (opts: { schoolId?: string } = {}) => salaryStepEligibility({ actor: w.leader, districtId: w.district.id, asOf: period.to, ...opts });
    const byName = async (opts?: { schoolId?: string }) => Object.fromEntries((await steps(opts)).rows.map((r) => [r.name, r]));

    let rows = await byName();
    expect(rows['Ann Avery']).toMatchObject({ qualifyingCount: 3, amountCents: 30_000, notApproved: 0 });
    expect(rows['Bo Brown']).toMatchObject({ qualifyingCount: 1, amountCents: 10_000, notApproved: 0 });
    expect((await steps()).issuers).toEqual({ onlyApproved: false, approved: [], credentials: [] });

    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    rows = await byName();
    // The same count each teacher sees on their own record.
    expect(rows['Ann Avery']).toMatchObject({ qualifyingCount: 2, amountCents: 10_000, notApproved: 2 });
    expect(rows['Ann Avery'].counted.map((c) => c.title)).toEqual(['Peer Feedback', 'Exit Tickets']);
    expect(rows['Bo Brown']).toMatchObject({ qualifyingCount: 0, amountCents: 0, rule: null, notApproved: 1 });
    expect((await steps()).issuers).toEqual({ onlyApproved: true, approved: [{ id: w.approved.id, name: 'Approved Academy' }], credentials: [] });
    // One school: Ann only.
    expect(Object.keys(await byName({ schoolId: w.school.id }))).toEqual(['Ann Avery']);
    expect((await byName({ schoolId: w.school.id }))['Ann Avery']).toMatchObject({ qualifyingCount: 2, notApproved: 2 });

    const table = parseCsv((await districtReportCsv({ actor: w.leader, districtId: w.district.id, report: 'salary-steps', period })).csv);
    const ann = table.find((r) => r[0] === 'Ann Avery')!;
    expect(ann[table[0].indexOf('Qualifying credentials')]).toBe('2');
    expect(ann[table[0].indexOf('Awards counted')]).not.toContain('Backyard');
    expect(table.find((r) => r[0] === 'Bo Brown')![table[0].indexOf('Step reached')]).toBe('');

    session.actor = w.leader;
    const html = renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel }) }));
    const salary = textOf(html.slice(html.indexOf('id="sal-h"')));
    expect(salary).toContain('Only badges from the issuers the district has approved count: Approved Academy.');
    expect(salary).toContain('3 credentials held by 2 teachers come from other issuers and are not counted');
    expect(salary).toContain('Not counted: 2 from issuers the district has not approved');
    expect(salary).toContain('Not counted: 1 from an issuer the district has not approved');
    expect(html).toContain('href="/district/policy#approved-lists"');
  });

  it('says nothing about issuers in the report while every issuer counts', async () => {
    const w = await world();
    session.actor = w.leader;
    const html = renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel }) }));
    expect(html).not.toContain('data-approved-issuers');
    expect(textOf(html)).not.toContain('Not counted:');
  });
});

describe('the note on a micro-credential’s page', () => {
  const page = async (slug: string) => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
  const note = (html: string) => {
    const m = /<p[^>]*data-salary-issuer-note[^>]*>([\s\S]*?)<\/p>/.exec(html);
    return m ? textOf(m[1]) : null;
  };

  it('tells a teacher of a district that counts only approved issuers whether this issuer’s badges count there', async () => {
    const w = await world();
    session.actor = w.ann;
    // Every issuer counts: only the level decides (both steps ask for level 2).
    expect(note(await page(w.b1.slug))).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps.');
    expect(note(await page(w.b2.slug))).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.');

    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    expect(note(await page(w.a1.slug))).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this issuer.');
    expect(note(await page(w.b1.slug))).toBe('Badges from Backyard Badges do not count toward Kettle Moraine’s salary steps: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential; their PD hours still count.');

    // Signed out (the cached, shared page), another district's teacher, a teacher with no district: no note.
    session.actor = null;
    expect(note(await page(w.b1.slug))).toBeNull();
    session.actor = await createActor({ districtId: w.other.id });
    expect(note(await page(w.b1.slug))).toBeNull();
    session.actor = await createActor();
    expect(note(await page(w.b1.slug))).toBeNull();
  });

  it('says nothing where the district has no salary steps', async () => {
    const w = await world();
    await saveIssuers(w, w.leader, { onlyApproved: true, ids: [w.approved.id] });
    const standing = { districtName: 'Kettle Moraine', level: 2, stepLevels: [2], salaryApprovedOnly: true, renewalApprovedOnly: false };
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.backyard.id, microCredentialId: w.b1.id, level: 2 })).toEqual({ ...standing, issuerApproved: false, credentialApproved: false });
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.approved.id, microCredentialId: w.a1.id, level: 2 })).toEqual({ ...standing, issuerApproved: true, credentialApproved: false });
    expect(await getIssuerSalaryStanding({ districtId: null }, { issuerId: w.approved.id, microCredentialId: w.a1.id, level: 2 })).toBeNull();
    await db.salaryStepRule.deleteMany({ where: { districtId: w.district.id } });
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.backyard.id, microCredentialId: w.b1.id, level: 2 })).toBeNull();
    session.actor = w.ann;
    expect(note(await page(w.b1.slug))).toBeNull();
  });
});
