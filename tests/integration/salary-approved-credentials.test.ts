// A district that counts only approved issuers' badges can also accept one micro-credential from an
// issuer it has not approved as a whole ("we accept this one course from X", ADR 022): saved with
// the policy (refused for other districts, unpublished or unknown credentials, past the cap),
// audited in words, and counted alike on the teacher's own record, in the district's report and its
// CSV, and on the micro-credential's page. Real Postgres, real pages; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf } from '../setup/actions';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, retireMicroCredential } from '@/lib/authoring/mutations';
import { APPROVED_CREDENTIALS_MAX, DistrictPolicyInput, getDistrictPolicy, NOT_IN_CATALOGUE_FIELD, POLICY_CHANGED, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { getIssuerSalaryStanding, searchApprovableCredentials } from '@/lib/district/salary-approval';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv } from '@/lib/reporting/exports';
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
const { saveDistrictPolicyAction, searchApprovableCredentialsAction } = await import('@/app/district/policy/actions');
const { default: ReportsPage } = await import('@/app/district/reports/page');
const { default: BadgesPage } = await import('@/app/badges/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });
const NOW = new Date('2026-06-01T12:00:00Z');


const FORMATIVE = 'Formative Assessment in Practice';

/**
 * Kettle Moraine ($100 for one level-2 credential, $300 for three), which approves Approved Academy.
 * Acme Learning is not approved; it offers “Formative Assessment in Practice” (the one the district
 * wants to accept), “Acme Seating Charts” and a draft. Ann holds Approved Academy's Exit Tickets and
 * both of Acme's; Bo holds only Acme's formative one.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
      { districtId: district.id, label: 'Three classroom credentials', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
    ],
  });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id });

  const approved = await createOrg({ kind: 'ISSUER', name: 'Approved Academy' });
  const acme = await createOrg({ kind: 'ISSUER', name: 'Acme Learning' });
  const { mc: exit } = await createPublishedCredential({ issuerId: approved.id, def: { title: 'Exit Tickets', level: 2 } });
  const f = await createPublishedCredential({ issuerId: acme.id, def: { title: FORMATIVE, level: 2 } });
  const { mc: seating } = await createPublishedCredential({ issuerId: acme.id, admin: f.admin, def: { title: 'Acme Seating Charts', level: 2 } });
  const draft = await createMicroCredential({ actor: f.admin, issuerId: acme.id, def: sampleDefinition({ title: 'Acme Unpublished Draft' }) });

  await createEarnedAward(ann, exit, { title: 'Exit Tickets', level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  await createEarnedAward(ann, f.mc, { title: FORMATIVE, level: 2, issuedAt: '2025-11-01T10:00:00Z' });
  await createEarnedAward(ann, seating, { title: 'Acme Seating Charts', level: 2, issuedAt: '2025-12-01T10:00:00Z' });
  await createEarnedAward(bo, f.mc, { title: FORMATIVE, level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  return { district, other, leader, otherLeader, ann, bo, approved, acme, acmeAdmin: f.admin, exit, formative: f.mc, seating, draft };
}
type World = Awaited<ReturnType<typeof world>>;

const RULES = [
  { label: 'One classroom credential', minLevel: '2', credentialsRequired: '1', amountDollars: '100' },
  { label: 'Three classroom credentials', minLevel: '2', credentialsRequired: '3', amountDollars: '300' },
];

/** The policy form's input: Kettle Moraine's two steps as they are, only approved issuers' badges counting. */
const input = (w: World, opts: { issuers?: string[]; credentials: string[]; onlyApproved?: boolean }) => ({
  districtId: w.district.id, salaryCountsExpired: 'on', salaryApprovedIssuersOnly: opts.onlyApproved === false ? undefined : 'on',
  approvedIssuerIds: opts.issuers ?? [w.approved.id], approvedCredentialIds: opts.credentials, rules: RULES,
});
const save = (w: World, actor: Actor, opts: Parameters<typeof input>[1]) => saveDistrictPolicy({ actor, input: DistrictPolicyInput.parse(input(w, opts)) });

const auditEntries = (districtId: string) =>
  db.auditLog.findMany({ where: { action: 'district.policy', entityId: districtId }, orderBy: { id: 'asc' }, select: { action: true, entityType: true, entityId: true, actorId: true, data: true } });

const stepsOf = async (w: World) => {
  const steps = await salaryStepEligibility({ actor: w.leader, districtId: w.district.id, asOf: period.to });
  return { issuers: steps.issuers, rows: Object.fromEntries(steps.rows.map((r) => [r.name, r])) };
};

const mcNote = async (slug: string) => {
  const html = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
  const m = /<p[^>]*data-salary-issuer-note[^>]*>([\s\S]*?)<\/p>/.exec(html);
  return m ? textOf(m[1]) : null;
};

describe('a micro-credential approved on its own', () => {
  it('counts once approved, on the teacher’s record and in the district’s report alike, and stops counting once removed', async () => {
    const w = await world();
    await save(w, w.leader, { credentials: [] });
    // Only Approved Academy: Ann's Exit Tickets counts, Acme's two do not; Bo has nothing.
    expect((await getTeacherRecord(w.ann, NOW)).salary).toMatchObject({ notApproved: { count: 2, issuers: ['Acme Learning'] }, approvedAlone: [], result: { qualifyingCount: 1, amountCents: 10_000 } });
    expect((await getTeacherRecord(w.bo, NOW)).salary).toMatchObject({ notApproved: { count: 1 }, result: { qualifyingCount: 0, rule: null } });
    let steps = await stepsOf(w);
    expect(steps.rows['Ann Avery']).toMatchObject({ qualifyingCount: 1, notApproved: 2 });
    expect(steps.rows['Bo Brown']).toMatchObject({ qualifyingCount: 0, notApproved: 1, rule: null });

    await save(w, w.leader, { credentials: [w.formative.id] });
    // The formative one now counts for both; Acme's seating charts still do not.
    expect((await getTeacherRecord(w.ann, NOW)).salary).toMatchObject({
      notApproved: { count: 1, issuers: ['Acme Learning'] },
      approvedAlone: [{ title: FORMATIVE, issuer: 'Acme Learning' }],
      result: { qualifyingCount: 2, amountCents: 10_000, next: { missing: 1 } },
    });
    expect((await getTeacherRecord(w.bo, NOW)).salary).toMatchObject({ notApproved: { count: 0 }, result: { qualifyingCount: 1, amountCents: 10_000 } });
    steps = await stepsOf(w);
    expect(steps.rows['Ann Avery']).toMatchObject({ qualifyingCount: 2, notApproved: 1 });
    expect(steps.rows['Ann Avery'].counted.map((c) => c.title)).toEqual([FORMATIVE, 'Exit Tickets']);
    expect(steps.rows['Bo Brown']).toMatchObject({ qualifyingCount: 1, notApproved: 0, rule: { label: 'One classroom credential' } });
    expect(steps.issuers).toEqual({
      onlyApproved: true, approved: [{ id: w.approved.id, name: 'Approved Academy' }], credentials: [{ id: w.formative.id, title: FORMATIVE, issuer: 'Acme Learning' }],
    });
    const table = parseCsv((await districtReportCsv({ actor: w.leader, districtId: w.district.id, report: 'salary-steps', period })).csv);
    expect(table.find((r) => r[0] === 'Bo Brown')![table[0].indexOf('Qualifying credentials')]).toBe('1');
    expect(table.find((r) => r[0] === 'Ann Avery')![table[0].indexOf('Awards counted')]).toContain(FORMATIVE);

    // What each reader is told.
    session.actor = w.ann;
    const badges = textOf(renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(badges).toContain(`Also counted: “${FORMATIVE}” from Acme Learning, a micro-credential Kettle Moraine has approved on its own.`);
    expect(badges).toContain('1 of your badges comes from Acme Learning, which Kettle Moraine has not approved');
    expect(await mcNote(w.formative.slug)).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this micro-credential, though not every micro-credential from Acme Learning.');
    expect(await mcNote(w.seating.slug)).toBe('Badges from Acme Learning do not count toward Kettle Moraine’s salary steps: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential; their PD hours still count.');
    expect(await mcNote(w.exit.slug)).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this issuer.');
    session.actor = w.leader;
    const report = renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel }) }));
    expect(textOf(report.slice(report.indexOf('id="sal-h"')))).toContain(`Only badges from the issuers the district has approved count: Approved Academy. Also counted, approved on its own: “${FORMATIVE}” from Acme Learning.`);

    // Removed again: back to where it was, for both readers.
    await save(w, w.leader, { credentials: [] });
    expect((await getTeacherRecord(w.ann, NOW)).salary).toMatchObject({ notApproved: { count: 2 }, approvedAlone: [], result: { qualifyingCount: 1 } });
    expect((await getTeacherRecord(w.bo, NOW)).salary).toMatchObject({ result: { qualifyingCount: 0, rule: null } });
    steps = await stepsOf(w);
    expect(steps.rows['Ann Avery']).toMatchObject({ qualifyingCount: 1, notApproved: 2 });
    expect(steps.rows['Bo Brown']).toMatchObject({ qualifyingCount: 0, notApproved: 1 });
    expect(steps.issuers.credentials).toEqual([]);
    session.actor = w.bo;
    expect(await mcNote(w.formative.slug)).toMatch(/do not count/);
  });

  it('can be all a district approves, counts with its issuer when both are approved, and means nothing while every issuer counts', async () => {
    const w = await world();
    // No issuer as a whole, one credential: accepted (something counts), and only it counts.
    await save(w, w.leader, { issuers: [], credentials: [w.formative.id] });
    let steps = await stepsOf(w);
    expect(steps.rows['Ann Avery']).toMatchObject({ qualifyingCount: 1, notApproved: 2 });
    expect(steps.rows['Bo Brown']).toMatchObject({ qualifyingCount: 1, notApproved: 0 });
    session.actor = w.leader;
    const report = textOf(renderToStaticMarkup(await ReportsPage({ searchParams: Promise.resolve({ from: period.fromLabel, to: period.toLabel }) })));
    expect(report).toContain(`Only badges of the micro-credentials the district has approved one by one count: “${FORMATIVE}” from Acme Learning.`);

    // Its issuer approved too: it counts once, and the report does not name it twice.
    await save(w, w.leader, { issuers: [w.approved.id, w.acme.id], credentials: [w.formative.id] });
    steps = await stepsOf(w);
    expect(steps.rows['Ann Avery']).toMatchObject({ qualifyingCount: 3, notApproved: 0, amountCents: 30_000 });
    expect(steps.issuers.credentials).toEqual([]);
    expect((await getTeacherRecord(w.ann, NOW)).salary).toMatchObject({ approvedAlone: [], result: { qualifyingCount: 3 } });

    // Every issuer counts: the list is kept, and the policy page says so without offering it.
    await save(w, w.leader, { onlyApproved: false, issuers: [w.approved.id], credentials: [w.formative.id] });
    expect((await getDistrictPolicy({ actor: w.leader, districtId: w.district.id })).approvedCredentials.map((c) => c.id)).toEqual([w.formative.id]);
    expect(await getIssuerSalaryStanding(w.ann, { issuerId: w.acme.id, microCredentialId: w.formative.id, level: 2 })).toMatchObject({ salaryApprovedOnly: false, credentialApproved: true });
    const page = textOf(renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) })));
    expect(page).toContain('Your list of 1 approved issuer and 1 micro-credential approved on its own is kept for when you count only approved ones again.');
    expect(page).not.toContain('Single micro-credentials that also count');
  });
});

describe('the leader’s list', () => {
  it('shows the approved micro-credentials with title, issuer and level next to the issuers, and a labelled search', async () => {
    const w = await world();
    await save(w, w.leader, { credentials: [w.formative.id, w.seating.id] });
    session.actor = w.leader;
    const html = renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) }));
    const text = textOf(html);
    expect(text).toContain('Single micro-credentials that also count');
    expect(text).toContain('2 chosen, at most 200.');
    // By title, each with its issuer and level, and a remove button that names it.
    expect(text).toMatch(/Acme Seating Charts Acme Learning · Level 2 Remove “Acme Seating Charts” from Acme Learning .*Formative Assessment in Practice Acme Learning · Level 2 Remove “Formative Assessment in Practice” from Acme Learning/);
    expect(html).toMatch(/<label for="credential-find"[^>]*>Find a published micro-credential by title<\/label>/);
    expect(html).toMatch(/<form[^>]*novalidate=""/i);
    expect(html).toContain(`id="approved-credential-remove-${w.formative.id}"`);
    // The picker's outcome regions (ADR 021) are mounted empty, so a search's or an add's outcome is
    // read when it arrives; none is nested, and the list itself is in none of them.
    const picker = html.slice(html.indexOf('id="salary-credentials"'));
    expect(picker).toMatch(/role="status" aria-live="polite"/);
    expect(picker).toMatch(/role="alert"/);
    expect(nestedLiveRegions(html)).toEqual([]);
    expect(liveRegionsAround(html, FORMATIVE)).toEqual([]);
  });

  it('finds published micro-credentials by words of their title, for this district’s leaders only', async () => {
    const w = await world();
    const found = await searchApprovableCredentials({ actor: w.leader, districtId: w.district.id, q: 'formative assessment' });
    expect(found).toEqual({ items: [{ id: w.formative.id, title: FORMATIVE, issuer: 'Acme Learning', issuerId: w.acme.id, level: 2 }], more: false });
    // Drafts are not in the catalogue.
    expect((await searchApprovableCredentials({ actor: w.leader, districtId: w.district.id, q: 'unpublished draft' })).items).toEqual([]);
    await expect(searchApprovableCredentials({ actor: w.otherLeader, districtId: w.district.id, q: 'formative' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(searchApprovableCredentials({ actor: w.ann, districtId: w.district.id, q: 'formative' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    session.actor = w.leader;
    expect(await searchApprovableCredentialsAction({ districtId: w.district.id, q: 'seating' })).toMatchObject({ ok: true, data: { items: [{ id: w.seating.id }] } });
    expect(await searchApprovableCredentialsAction({ districtId: w.district.id, q: '   ' })).toMatchObject({ ok: false, fieldErrors: { q: [expect.stringMatching(/Type a word or two/)] } });
    session.actor = w.otherLeader;
    expect(await searchApprovableCredentialsAction({ districtId: w.district.id, q: 'formative' })).toMatchObject({ ok: false });
  });

  it('refuses another district’s leader, a teacher, an unpublished or unknown micro-credential, and more than the cap, changing nothing', async () => {
    const w = await world();
    await save(w, w.leader, { credentials: [] });
    const before = await auditEntries(w.district.id);
    const listed = () => db.districtApprovedCredential.count({ where: { districtId: w.district.id } });

    for (const actor of [w.otherLeader, w.ann]) {
      await expect(save(w, actor, { credentials: [w.formative.id] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      session.actor = actor;
      expect(await saveDistrictPolicyAction(input(w, { credentials: [w.formative.id] }))).toMatchObject({ ok: false });
    }

    // A never-published draft is not in the catalogue: refused on the list's field, exactly as an id
    // that names nothing is, so a leader who came by a draft's id learns neither its title nor that it exists.
    const draft = await errorOf(save(w, w.leader, { credentials: [w.formative.id, w.draft.id] }));
    expect(draft.code).toBe('VALIDATION');
    expect(draft.fieldErrors?.approvedCredentialIds).toEqual([NOT_IN_CATALOGUE_FIELD]);
    session.actor = w.leader;
    const viaAction = await saveDistrictPolicyAction(input(w, { credentials: [w.draft.id] }));
    expect(viaAction).toMatchObject({ ok: false, fieldErrors: { approvedCredentialIds: [NOT_IN_CATALOGUE_FIELD] } });
    expect(JSON.stringify(viaAction)).not.toMatch(/Unpublished|Acme/);
    // An unknown id, an issuer's id: the same answer.
    for (const id of ['cunknowncredential00000', w.acme.id]) {
      const e = await errorOf(save(w, w.leader, { credentials: [id] }));
      expect({ message: e.message, fieldErrors: e.fieldErrors }).toEqual({ message: draft.message, fieldErrors: draft.fieldErrors });
    }
    expect(DistrictPolicyInput.safeParse(input(w, { credentials: ["x' OR 1=1 --"] })).success).toBe(false);

    // The cap: checked when the form is saved.
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(24, '0')}`);
    expect(DistrictPolicyInput.safeParse(input(w, { credentials: ids(APPROVED_CREDENTIALS_MAX) })).success).toBe(true);
    const over = await saveDistrictPolicyAction(input(w, { credentials: ids(APPROVED_CREDENTIALS_MAX + 1) }));
    expect(over).toMatchObject({ ok: false, fieldErrors: { approvedCredentialIds: [expect.stringMatching(/^At most 200 single micro-credentials/)] } });

    expect(await listed()).toBe(0);
    expect(await auditEntries(w.district.id)).toEqual(before);
  });

  it('keeps a credential its issuer has since retired, but refuses adding a retired one', async () => {
    const w = await world();
    await save(w, w.leader, { credentials: [w.formative.id] });
    await retireMicroCredential({ actor: w.acmeAdmin, microCredentialId: w.formative.id });
    await retireMicroCredential({ actor: w.acmeAdmin, microCredentialId: w.seating.id });
    // Saved again as it was: kept, and still counted (badges earned with it stay valid).
    await save(w, w.leader, { credentials: [w.formative.id] });
    expect((await getDistrictPolicy({ actor: w.leader, districtId: w.district.id })).approvedCredentials).toEqual([
      { id: w.formative.id, title: FORMATIVE, issuer: 'Acme Learning', issuerId: w.acme.id, level: 2, published: false, wasPublished: true },
    ]);
    expect((await stepsOf(w)).rows['Bo Brown']).toMatchObject({ qualifyingCount: 1 });
    const e = await errorOf(save(w, w.leader, { credentials: [w.formative.id, w.seating.id] }));
    // Once in the catalogue, its title was public: named.
    expect(e.fieldErrors?.approvedCredentialIds?.[0]).toMatch(/^“Acme Seating Charts” from Acme Learning is no longer in the catalogue/);
    session.actor = w.leader;
    expect(textOf(renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) })))).toContain('No longer in the catalogue: badges already earned still count');
  });
});

describe('two leaders saving the policy', () => {
  it('refuses a save from a page loaded before another leader’s save, changing nothing; saving twice from the same page works', async () => {
    const w = await world();
    const second = await createActor({ name: 'Sam Second', roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    const loaded = (await getDistrictPolicy({ actor: w.leader, districtId: w.district.id })).seenAt.toISOString();
    // Lee adds the formative credential, then saves again from the same page (the seenAt the save returned).
    const first = await saveDistrictPolicy({ actor: w.leader, input: DistrictPolicyInput.parse({ ...input(w, { credentials: [w.formative.id] }), seenAt: loaded }) });
    await saveDistrictPolicy({ actor: w.leader, input: DistrictPolicyInput.parse({ ...input(w, { credentials: [w.formative.id, w.seating.id] }), seenAt: first.seenAt.toISOString() }) });
    const audits = await auditEntries(w.district.id);
    // Sam's page still shows the list as it was before both: refused, nothing put back.
    session.actor = second;
    expect(await saveDistrictPolicyAction({ ...input(w, { credentials: [] , issuers: [w.approved.id] }), seenAt: loaded })).toEqual({ ok: false, formError: POLICY_CHANGED });
    expect((await db.districtApprovedCredential.findMany({ where: { districtId: w.district.id }, select: { microCredentialId: true } })).map((r) => r.microCredentialId).sort()).toEqual([w.formative.id, w.seating.id].sort());
    expect(await auditEntries(w.district.id)).toEqual(audits);
  });
});

describe('a salary step’s amount', () => {
  it('left empty is asked for, not saved as $0', () => {
    for (const amountDollars of ['', '   ']) {
      const r = DistrictPolicyInput.safeParse({ districtId: 'd1', rules: [{ label: 'Step', minLevel: '2', credentialsRequired: '1', amountDollars }] });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['rules.0.amountDollars', 'Enter an amount in dollars (0 for none).']]);
    }
    expect(DistrictPolicyInput.parse({ districtId: 'd1', rules: [{ label: 'Step', minLevel: '2', credentialsRequired: '1', amountDollars: '0' }] }).rules[0].amountDollars).toBe(0);
  });
});

describe('the audit log', () => {
  it('records each micro-credential added and removed, by title and issuer, and says so in words', async () => {
    const w = await world();
    await save(w, w.leader, { credentials: [w.formative.id] });
    await save(w, w.leader, { credentials: [w.seating.id] });
    await save(w, w.leader, { credentials: [w.seating.id] });
    const entries = await auditEntries(w.district.id);
    expect(entries.map((e) => e.actorId)).toEqual([w.leader.id, w.leader.id, w.leader.id]);
    const formative = { id: w.formative.id, title: FORMATIVE, issuer: 'Acme Learning' };
    const seating = { id: w.seating.id, title: 'Acme Seating Charts', issuer: 'Acme Learning' };
    expect(entries.map((e) => (e.data as Record<string, unknown>).approvedCredentials)).toEqual([
      { added: [formative], removed: [], count: { from: 0, to: 1 } },
      { added: [seating], removed: [formative], count: { from: 1, to: 1 } },
      { added: [], removed: [], count: { from: 1, to: 1 } },
    ]);
    // Who approved it, and when, is kept with the row.
    expect(await db.districtApprovedCredential.findUniqueOrThrow({ where: { districtId_microCredentialId: { districtId: w.district.id, microCredentialId: w.seating.id } } })).toMatchObject({ approvedById: w.leader.id });

    const words = entries.map((e) => describeAuditEntry({ ...e, subject: null }));
    expect(words[0]).toBe(`Changed the district policy. Only badges from approved issuers, and of micro-credentials approved one by one, now count toward salary steps. Approved issuers added: “Approved Academy”. Micro-credentials approved on their own: “${FORMATIVE}” from Acme Learning`);
    expect(words[1]).toBe(`Changed the district policy. Micro-credentials approved on their own: “Acme Seating Charts” from Acme Learning. Micro-credentials no longer approved on their own: “${FORMATIVE}” from Acme Learning`);
    expect(words[2]).toBe('Saved the district policy without changes');
  });
});
