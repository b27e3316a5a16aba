// Districts that accept only some providers' credentials for licence renewal count only what they
// approve (ADR 024): the same approved issuers and single micro-credentials as salary steps, a
// switch of its own. The renewal report, its CSV and a micro-credential's page say what counts; a
// save needs something approved; the audit log says it in words. And a policy form is checked
// against the policy's own last save, so a rename of the district does not refuse it.
// Real Postgres, real pages; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { DistrictPolicyInput, getDistrictPolicy, POLICY_CHANGED, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { getIssuerSalaryStanding } from '@/lib/district/salary-approval';
import { renewalCredentials, renewalRule } from '@/lib/reporting/district';
import { districtReportCsv, schoolReportCsv } from '@/lib/reporting/exports';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { describeAuditEntry } from '@/lib/audit/describe';
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
const { default: SchoolReportsPage } = await import('@/app/school/reports/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });

/**
 * Kettle Moraine (no salary steps) with a school, Lakeside. Approved Academy offers Exit Tickets;
 * Acme Learning offers Formative Assessment (to be approved on its own) and Seating Charts (never
 * approved). Ann (at Lakeside) holds all three, earned in the period.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Lakeside', parentId: district.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const approved = await createOrg({ kind: 'ISSUER', name: 'Approved Academy' });
  const acme = await createOrg({ kind: 'ISSUER', name: 'Acme Learning' });
  const { mc: exit } = await createPublishedCredential({ issuerId: approved.id, def: { title: 'Exit Tickets', level: 2 } });
  const f = await createPublishedCredential({ issuerId: acme.id, def: { title: 'Formative Assessment', level: 2 } });
  const { mc: seating } = await createPublishedCredential({ issuerId: acme.id, admin: f.admin, def: { title: 'Seating Charts', level: 1 } });
  await createEarnedAward(ann, exit, { title: 'Exit Tickets', level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  await createEarnedAward(ann, f.mc, { title: 'Formative Assessment', level: 2, issuedAt: '2025-11-01T10:00:00Z' });
  await createEarnedAward(ann, seating, { title: 'Seating Charts', level: 1, issuedAt: '2025-12-01T10:00:00Z' });
  return { district, school, leader, principal, ann, approved, acme, exit, formative: f.mc, seating };
}
type World = Awaited<ReturnType<typeof world>>;

/** The policy form's input: no salary steps, every issuer counting toward them; renewal as asked. */
const input = (w: World, opts: { renewal: boolean; issuers?: string[]; credentials?: string[]; seenAt?: string }) => ({
  districtId: w.district.id, salaryCountsExpired: 'on', renewalApprovedOnly: opts.renewal ? 'on' : undefined,
  approvedIssuerIds: opts.issuers ?? [w.approved.id], approvedCredentialIds: opts.credentials ?? [w.formative.id], rules: [], seenAt: opts.seenAt,
});
const save = (w: World, actor: Actor, opts: Parameters<typeof input>[1]) => saveDistrictPolicy({ actor, input: DistrictPolicyInput.parse(input(w, opts)) });
const approvedByTitle = async (w: World, actor: Actor = w.leader, schoolId: string | null = null) =>
  Object.fromEntries((await renewalCredentials({ actor, districtId: w.district.id, schoolId, period })).map((r) => [r.title, r.approved]));

describe('counting only approved credentials toward licence renewal', () => {
  it('marks each credential in the report by its issuer or its own approval, and counts every one while the switch is off', async () => {
    const w = await world();
    await save(w, w.leader, { renewal: false });
    // Lists saved but not used for renewal: everything counts.
    expect(await approvedByTitle(w)).toEqual({ 'Exit Tickets': true, 'Formative Assessment': true, 'Seating Charts': true });
    expect(await renewalRule({ actor: w.leader, districtId: w.district.id })).toEqual({ onlyApproved: false, issuers: 1, credentials: 1 });

    const { seenAt } = await getDistrictPolicy({ actor: w.leader, districtId: w.district.id });
    await save(w, w.leader, { renewal: true, seenAt: seenAt.toISOString() });
    expect(await approvedByTitle(w)).toEqual({ 'Exit Tickets': true, 'Formative Assessment': true, 'Seating Charts': false });
    expect(await renewalRule({ actor: w.leader, districtId: w.district.id })).toEqual({ onlyApproved: true, issuers: 1, credentials: 1 });
    // A school's leader sees the same marks for their school.
    expect(await approvedByTitle(w, w.principal, w.school.id)).toEqual({ 'Exit Tickets': true, 'Formative Assessment': true, 'Seating Charts': false });
  });

  it('counts as approved on its own only a micro-credential whose issuer is not approved, as the salary steps do', async () => {
    const w = await world();
    // Exit Tickets is on the list too, but Approved Academy is approved: it counts with its issuer.
    await save(w, w.leader, { renewal: true, credentials: [w.formative.id, w.exit.id] });
    expect(await renewalRule({ actor: w.leader, districtId: w.district.id })).toEqual({ onlyApproved: true, issuers: 1, credentials: 1 });
  });

  it('says so in the report, the school report and both CSVs', async () => {
    const w = await world();
    await save(w, w.leader, { renewal: true });
    session.actor = w.leader;
    const text = textOf(renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: '2025-09-01', to: '2026-08-31' }) })));
    expect(text).toContain('Your district counts only credentials from its 1 approved issuer and 1 micro-credential approved on its own toward licence renewal');
    expect(renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({}) }))).toContain('href="/district/policy#renewal-rule"');
    expect(text).toContain('2 of the 3 credentials earned in the period are approved');
    expect(text).toMatch(/Seating Charts .*Not approved/);
    session.actor = w.principal;
    const schoolText = textOf(renderToStaticMarkup(await SchoolReportsPage({ searchParams: Promise.resolve({ from: '2025-09-01', to: '2026-08-31' }) })));
    expect(schoolText).toContain('2 of the 3 credentials earned in the period are approved');
    // A school's leader cannot open the policy page: told who sets it, not sent there.
    expect(schoolText).toContain('Your district’s leaders set this.');
    expect(schoolText).not.toContain('Change what counts toward licence renewal');

    const csv = parseCsv((await districtReportCsv({ actor: w.leader, report: 'renewal', period })).csv);
    const col = csv[0].indexOf('Approved by the district');
    expect(col).toBeGreaterThan(0);
    expect(Object.fromEntries(csv.slice(1).map((r) => [r[3], r[col]]))).toEqual({ 'Exit Tickets': 'Yes', 'Formative Assessment': 'Yes', 'Seating Charts': 'No' });
    const schoolCsv = parseCsv((await schoolReportCsv({ actor: w.principal, schoolId: w.school.id, report: 'renewal', period })).csv);
    expect(schoolCsv.slice(1).map((r) => r[col])).toEqual(['Yes', 'Yes', 'No']);
  });

  it('leaves the report as it was while every credential counts: no column, no note', async () => {
    const w = await world();
    session.actor = w.leader;
    const text = textOf(renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: '2025-09-01', to: '2026-08-31' }) })));
    expect(text).not.toContain('Approved by the district');
    expect(text).not.toContain('Not approved');
    const csv = parseCsv((await districtReportCsv({ actor: w.leader, report: 'renewal', period })).csv);
    expect(csv.slice(1).map((r) => r[csv[0].indexOf('Approved by the district')])).toEqual(['Yes', 'Yes', 'Yes']);
  });

  it('tells a teacher on a micro-credential’s page whether it counts toward renewal, even in a district without salary steps', async () => {
    const w = await world();
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.acme.id, microCredentialId: w.seating.id, level: 1 })).toBeNull();
    await save(w, w.leader, { renewal: true });
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.acme.id, microCredentialId: w.seating.id, level: 1 }))
      .toEqual({ districtName: 'Kettle Moraine', level: 1, stepLevels: [], salaryApprovedOnly: false, renewalApprovedOnly: true, issuerApproved: false, credentialApproved: false });
    session.actor = w.ann;
    const note = async (slug: string) => {
      const m = /<p[^>]*data-salary-issuer-note[^>]*>([\s\S]*?)<\/p>/.exec(renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) })));
      return m ? textOf(m[1]) : null;
    };
    expect(await note(w.seating.slug)).toBe('Badges from Acme Learning do not count toward Kettle Moraine’s licence renewal: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential.');
    expect(await note(w.formative.slug)).toBe('Badges for this micro-credential count toward Kettle Moraine’s licence renewal: your district has approved it, though not every micro-credential from Acme Learning.');
    // With steps that count only approved issuers too, both are named.
    await db.salaryStepRule.create({ data: { districtId: w.district.id, label: 'Step', minLevel: 1, credentialsRequired: 1, amountCents: 100, sortOrder: 0 } });
    await db.organization.update({ where: { id: w.district.id }, data: { salaryApprovedIssuersOnly: true } });
    expect(await note(w.exit.slug)).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps and licence renewal: your district has approved this issuer.');
  });

  it('refuses counting only approved credentials with nothing approved, naming licence renewal, and saves nothing', async () => {
    const w = await world();
    session.actor = w.leader;
    const r = await saveDistrictPolicyAction(input(w, { renewal: true, issuers: [], credentials: [] }));
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.fieldErrors?.approvedIssuerIds?.[0]).toMatch(/^Choose at least one issuer whose badges count, or add a single micro-credential below\. With neither chosen, no badge would count toward licence renewal\./);
    expect((await db.organization.findUniqueOrThrow({ where: { id: w.district.id } })).renewalApprovedOnly).toBe(false);
  });

  it('records the switch in the audit log, in words', async () => {
    const w = await world();
    await save(w, w.leader, { renewal: true });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'district.policy', entityId: w.district.id } });
    expect(entry.data).toMatchObject({ renewalApprovedOnly: { from: false, to: true } });
    expect(describeAuditEntry(entry)).toContain('Only credentials from approved issuers, and micro-credentials approved one by one, now count toward licence renewal');
  });

  it('shows the switch and the lists on the policy page', async () => {
    const w = await world();
    session.actor = w.leader;
    const off = textOf(renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) })));
    expect(off).toContain('Every credential teachers earn');
    expect(off).toContain('Not used now: every issuer’s badges count toward salary steps and licence renewal.');
    await save(w, w.leader, { renewal: true });
    const on = textOf(renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) })));
    expect(on).toContain('Used for licence renewal: only badges from the issuers and micro-credentials chosen here count toward it.');
    expect(on).toContain('Formative Assessment');
  });
});

describe('which save a policy form is checked against', () => {
  it('is the policy’s own last save: renaming the district does not refuse a form opened before it; another leader’s save does', async () => {
    const w = await world();
    const opened = (await getDistrictPolicy({ actor: w.leader, districtId: w.district.id })).seenAt.toISOString();
    await db.organization.update({ where: { id: w.district.id }, data: { name: 'Kettle Moraine Area' } });
    session.actor = w.leader;
    const r = await saveDistrictPolicyAction(input(w, { renewal: true, seenAt: opened }));
    expect(r.ok).toBe(true);
    // Saving again from the same page carries on from what the save returned.
    const again = await saveDistrictPolicyAction(input(w, { renewal: false, seenAt: r.ok ? r.data?.seenAt : undefined }));
    expect(again.ok).toBe(true);
    // A page opened before those two saves is refused.
    expect(await saveDistrictPolicyAction(input(w, { renewal: true, seenAt: opened }))).toEqual({ ok: false, formError: POLICY_CHANGED });
    expect((await db.organization.findUniqueOrThrow({ where: { id: w.district.id } })).renewalApprovedOnly).toBe(false);
  });
});

describe('the Renewal column', () => {
  it('says Yes only when an earlier badge for it still stands: one the issuer revoked was never a badge to renew', async () => {
    const w = await world();
    const bo = await createActor({ name: 'Bo Brown', districtId: w.district.id, schoolId: w.school.id });
    const cy = await createActor({ name: 'Cy Clark', districtId: w.district.id, schoolId: w.school.id });
    // Bo's first Exit Tickets badge was revoked; Cy's first one stands. Each earned it again in the period.
    await createEarnedAward(bo, w.exit, { title: 'Exit Tickets', level: 2, issuedAt: '2024-05-01T10:00:00Z', revoked: true });
    await createEarnedAward(bo, w.exit, { title: 'Exit Tickets', level: 2, issuedAt: '2026-01-10T10:00:00Z', cycle: 2 });
    await createEarnedAward(cy, w.exit, { title: 'Exit Tickets', level: 2, issuedAt: '2024-05-01T10:00:00Z' });
    await createEarnedAward(cy, w.exit, { title: 'Exit Tickets', level: 2, issuedAt: '2026-01-10T10:00:00Z', cycle: 2 });
    const rows = await renewalCredentials({ actor: w.leader, districtId: w.district.id, schoolId: null, period });
    const renewal = (name: string) => rows.filter((r) => r.name === name && r.title === 'Exit Tickets').map((r) => r.renewal);
    expect(renewal('Bo Brown')).toEqual([false]);
    expect(renewal('Cy Clark')).toEqual([true]);
    expect(renewal('Ann Avery')).toEqual([false]);
  });
});
