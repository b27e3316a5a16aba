// Licence renewal in hours: a district says how many PD hours each renewal needs and how long a
// cycle lasts (the policy page, audited like the rest of the policy); a teacher keeps the date their
// licence is next due, and its number, on their account page (their own row only, the number shown
// to nobody else); My badges shows their hours toward that renewal, counted over the cycle before the
// date with the district's rule for what counts toward renewal. Real Postgres, real pages and
// actions; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { RENEWAL_CYCLE_RULE, RENEWAL_HOURS_RULE } from '@/lib/district/policy-settings';
import { getLicenceRenewalProgress, getTeacherRecord } from '@/lib/reporting/teacher';
import { renewalCredentials } from '@/lib/reporting/district';
import { LicenceRenewalCard } from '@/components/awards/record-panel';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { saveDistrictPolicyAction } = await import('@/app/district/policy/actions');
const { setTeachingLicenceAction } = await import('@/app/account/actions');
const { default: PolicyPage } = await import('@/app/district/policy/page');
const { default: AccountPage } = await import('@/app/account/page');
const { default: BadgesPage } = await import('@/app/badges/page');
const { default: PortfolioPage } = await import('@/app/u/[handle]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};
const as = <T,>(actor: Actor | null, run: () => Promise<T>) => {
  session.actor = actor;
  return run();
};

/**
 * Kettle Moraine with a school, Lakeside; its leader Lee, Lakeside's principal Pat, and another
 * district's leader Olga. Ann and Bob teach in Kettle Moraine. Approved Academy offers Exit
 * Tickets; Acme Learning offers Formative Assessment and Seating Charts.
 */
async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Lakeside', parentId: district.id });
  const otherDistrict = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: otherDistrict.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const bob = await createActor({ name: 'Bob Brown', districtId: district.id });
  const approved = await createOrg({ kind: 'ISSUER', name: 'Approved Academy' });
  const acme = await createOrg({ kind: 'ISSUER', name: 'Acme Learning' });
  const { mc: exit } = await createPublishedCredential({ issuerId: approved.id, def: { title: 'Exit Tickets', level: 2 } });
  const f = await createPublishedCredential({ issuerId: acme.id, def: { title: 'Formative Assessment', level: 2 } });
  const { mc: seating } = await createPublishedCredential({ issuerId: acme.id, admin: f.admin, def: { title: 'Seating Charts', level: 1 } });
  return { district, school, otherDistrict, leader, principal, otherLeader, ann, bob, approved, acme, exit, formative: f.mc, seating };
}
type World = Awaited<ReturnType<typeof world>>;

/** The policy form as it posts: no salary steps, every credential counting; the renewal fields as given. */
const policyInput = (w: World, fields: Record<string, string | undefined>) => ({ districtId: w.district.id, salaryCountsExpired: 'on', approvedIssuerIds: [], approvedCredentialIds: [], rules: [], ...fields });
const savedRenewal = (w: World) => db.organization.findUniqueOrThrow({ where: { id: w.district.id }, select: { renewalHoursRequired: true, renewalCycleYears: true } });
const policyEntries = async (w: World) => (await db.auditLog.findMany({ where: { action: 'district.policy', entityId: w.district.id }, orderBy: { id: 'asc' }, select: { data: true, actorId: true } }));

describe('the district policy: PD hours and cycle for licence renewal', () => {
  it('saves the hours and the cycle for a leader of the district, shows them on the form, and audits each change before and after', async () => {
    const w = await world();
    const saved = await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '30', renewalCycleYears: ' 3 ' })));
    expect(saved).toMatchObject({ ok: true, message: 'Saved. Reports now use these steps.' });
    expect(await savedRenewal(w)).toEqual({ renewalHoursRequired: 30, renewalCycleYears: 3 });

    const html = await as(w.leader, async () => renderToStaticMarkup(await PolicyPage({ searchParams: Promise.resolve({}) })));
    expect(html).toMatch(/<input[^>]*name="renewalHoursRequired"[^>]*value="30"/);
    expect(html).toMatch(/<input[^>]*name="renewalCycleYears"[^>]*value="3"/);
    // Labelled, with the hint read with the box.
    expect(html).toContain('<label for="renewalHoursRequired"');
    expect(html).toMatch(/<input[^>]*aria-describedby="renewalHoursRequired-hint"/);
    expect(textOf(html)).toContain('Leave empty if your licensing office does not count PD hours.');

    // Emptied boxes clear both settings.
    await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '', renewalCycleYears: '' })));
    expect(await savedRenewal(w)).toEqual({ renewalHoursRequired: null, renewalCycleYears: null });
    // Hours alone; then a caller that does not send the fields at all leaves them as they are.
    await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '1000', renewalCycleYears: '' })));
    await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { requiresProposal: 'on' })));
    expect(await savedRenewal(w)).toEqual({ renewalHoursRequired: 1000, renewalCycleYears: null });

    // Each setting is kept before and after while it is set on either side (a cycle never set is left out).
    const entries = await policyEntries(w);
    expect(entries.map((e) => e.actorId)).toEqual([w.leader.id, w.leader.id, w.leader.id, w.leader.id]);
    expect(entries.map((e) => {
      const d = e.data as Record<string, unknown>;
      return [d.renewalHoursRequired, d.renewalCycleYears];
    })).toEqual([
      [{ from: null, to: 30 }, { from: null, to: 3 }],
      [{ from: 30, to: null }, { from: 3, to: null }],
      [{ from: null, to: 1000 }, undefined],
      [{ from: 1000, to: 1000 }, undefined],
    ]);
  });

  it('refuses hours or years out of range, not whole or not a number, beside the field, and saves nothing', async () => {
    const w = await world();
    await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '20', renewalCycleYears: '4' })));
    for (const hours of ['0', '1001', '7.5', 'thirty', '-5']) {
      const r = await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: hours, renewalCycleYears: '4' })));
      expect(r, hours).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { renewalHoursRequired: [RENEWAL_HOURS_RULE] } });
    }
    for (const years of ['0', '11', '2.5', 'five']) {
      const r = await as(w.leader, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '20', renewalCycleYears: years })));
      expect(r, years).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors: { renewalCycleYears: [RENEWAL_CYCLE_RULE] } });
    }
    expect(RENEWAL_HOURS_RULE).toBe('Enter a whole number of PD hours from 1 to 1,000, or leave it empty.');
    expect(await savedRenewal(w)).toEqual({ renewalHoursRequired: 20, renewalCycleYears: 4 });
    expect(await policyEntries(w)).toHaveLength(1);
  });

  it('lets only that district’s leaders change them: another district’s leader, a school’s leader and a teacher are refused', async () => {
    const w = await world();
    for (const actor of [w.otherLeader, w.principal, w.ann]) {
      const r = await as(actor, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '30', renewalCycleYears: '5' })));
      expect(r, actor.name).toEqual({ ok: false, formError: 'You do not lead that district.' });
    }
    expect(await as(null, () => saveDistrictPolicyAction(policyInput(w, { renewalHoursRequired: '30' })))).toMatchObject({ ok: false });
    expect(await savedRenewal(w)).toEqual({ renewalHoursRequired: null, renewalCycleYears: null });
    expect(await policyEntries(w)).toHaveLength(0);
  });
});

const licenceOf = (a: Actor) => db.user.findUniqueOrThrow({ where: { id: a.id }, select: { licenceRenewsOn: true, licenceNumber: true } });

describe('the teacher’s licence on the account page', () => {
  it('saves the renewal date and the number on one line, refuses dates and numbers it cannot keep, and clears both', async () => {
    const w = await world();
    const ok = await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '2028-06-30', licenceNumber: '  TX-123\n456  ' })));
    expect(ok).toEqual({ ok: true, message: 'Saved. Your licence is next due for renewal on 30 June 2028.' });
    expect(await licenceOf(w.ann)).toEqual({ licenceRenewsOn: new Date('2028-06-30T00:00:00Z'), licenceNumber: 'TX-123 456' });

    const refused: [Record<string, string>, Record<string, string[]>][] = [
      [{ licenceRenewsOn: '2027-02-30' }, { licenceRenewsOn: ['That is not a real date. Enter it as year-month-day, like 2028-06-30.'] }],
      [{ licenceRenewsOn: '30/06/2028' }, { licenceRenewsOn: ['That is not a real date. Enter it as year-month-day, like 2028-06-30.'] }],
      [{ licenceRenewsOn: '1999-12-31' }, { licenceRenewsOn: ['Enter a date from the year 2000 to 2099.'] }],
      [{ licenceRenewsOn: '2100-01-01' }, { licenceRenewsOn: ['Enter a date from the year 2000 to 2099.'] }],
      [{ licenceRenewsOn: '2028-06-30', licenceNumber: 'X'.repeat(41) }, { licenceNumber: ['Use at most 40 characters.'] }],
    ];
    for (const [fields, fieldErrors] of refused) {
      expect(await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form(fields))), JSON.stringify(fields)).toEqual({ ok: false, formError: 'Some fields need attention.', fieldErrors });
    }
    expect(await licenceOf(w.ann)).toEqual({ licenceRenewsOn: new Date('2028-06-30T00:00:00Z'), licenceNumber: 'TX-123 456' });
    // Forty characters are kept.
    await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '2028-06-30', licenceNumber: 'Y'.repeat(40) })));
    expect((await licenceOf(w.ann)).licenceNumber).toBe('Y'.repeat(40));

    expect(await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '', licenceNumber: '   ' })))).toEqual({ ok: true, message: 'Saved. No renewal date is kept for your licence.' });
    expect(await licenceOf(w.ann)).toEqual({ licenceRenewsOn: null, licenceNumber: null });
  });

  it('changes only the signed-in person’s own licence, whatever the form says, and nothing when signed out', async () => {
    const w = await world();
    await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '2028-06-30', licenceNumber: 'ANN-1' })));
    // Bob's form naming Ann changes Bob's licence, not Ann's.
    await as(w.bob, () => setTeachingLicenceAction({ ok: true }, form({ userId: w.ann.id, id: w.ann.id, licenceRenewsOn: '2030-01-01', licenceNumber: 'BOB-2' })));
    expect(await licenceOf(w.ann)).toEqual({ licenceRenewsOn: new Date('2028-06-30T00:00:00Z'), licenceNumber: 'ANN-1' });
    expect(await licenceOf(w.bob)).toEqual({ licenceRenewsOn: new Date('2030-01-01T00:00:00Z'), licenceNumber: 'BOB-2' });
    expect(await as(null, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '2031-01-01', licenceNumber: 'NOBODY' })))).toMatchObject({ ok: false });
    expect(await db.user.count({ where: { licenceNumber: 'NOBODY' } })).toBe(0);
  });

  it('shows the number to the teacher on their account page only: not to another teacher, not on their public portfolio or My badges', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.ann.id }, data: { handle: 'ann-avery', portfolioPublic: true } });
    await createEarnedAward(w.ann, w.exit, { title: 'Exit Tickets', level: 2, hours: 5, issuedAt: '2026-03-01T10:00:00Z' });
    await as(w.ann, () => setTeachingLicenceAction({ ok: true }, form({ licenceRenewsOn: '2028-06-30', licenceNumber: 'WI-LIC-90210' })));

    const own = await as(w.ann, async () => renderToStaticMarkup(await AccountPage()));
    expect(textOf(own)).toContain('Teaching licence');
    expect(own).toMatch(/<input[^>]*name="licenceNumber"[^>]*value="WI-LIC-90210"/);
    expect(own).toMatch(/<input[^>]*type="date"[^>]*name="licenceRenewsOn"[^>]*value="2028-06-30"/);
    expect(own).toContain('<label for="licenceRenewsOn"');

    const bobs = await as(w.bob, async () => renderToStaticMarkup(await AccountPage()));
    expect(bobs).not.toContain('WI-LIC-90210');
    const publicPage = await as(null, async () => renderToStaticMarkup(await PortfolioPage({ params: Promise.resolve({ handle: 'ann-avery' }), searchParams: Promise.resolve({}) })));
    expect(textOf(publicPage)).toContain('Exit Tickets');
    expect(publicPage).not.toContain('WI-LIC-90210');
    const badges = await as(w.ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(badges).not.toContain('WI-LIC-90210');
  });

  it('says on the account page what the date is for when the district counts hours', async () => {
    const w = await world();
    await db.organization.update({ where: { id: w.district.id }, data: { renewalHoursRequired: 30 } });
    expect(textOf(await as(w.ann, async () => renderToStaticMarkup(await AccountPage())))).toContain('Kettle Moraine asks for 30 PD hours for each licence renewal: with your renewal date here, My badges shows how many you have toward it.');
  });
});

/**
 * Ann's licence is due on 30 June 2028; with a five-year cycle her badges from 1 July 2023 to 30
 * June 2028 count: 30 June 2023, the previous renewal day, ended the cycle before and counts toward
 * that one only. One badge just outside each edge (the last instant of the previous renewal day, the
 * first of the day after the renewal) and one just inside; one revoked; one suspended.
 */
async function badges(w: World) {
  await db.user.update({ where: { id: w.ann.id }, data: { licenceRenewsOn: new Date('2028-06-30T00:00:00Z') } });
  await createEarnedAward(w.ann, w.exit, { title: 'Exit Tickets', level: 2, hours: 4, issuedAt: '2023-06-30T23:59:59.999Z' });
  await createEarnedAward(w.ann, w.exit, { title: 'Exit Tickets', level: 2, hours: 7.5, issuedAt: '2023-07-01T00:00:00.000Z', cycle: 2 });
  await createEarnedAward(w.ann, w.formative, { title: 'Formative Assessment', level: 2, hours: 2.5, issuedAt: '2028-06-30T23:59:59.999Z' });
  await createEarnedAward(w.ann, w.formative, { title: 'Formative Assessment', level: 2, hours: 6, issuedAt: '2028-07-01T00:00:00.000Z', cycle: 2 });
  await createEarnedAward(w.ann, w.seating, { title: 'Seating Charts', level: 1, hours: 3, issuedAt: '2025-01-01T10:00:00Z', revoked: true });
  await createEarnedAward(w.ann, w.seating, { title: 'Seating Charts', level: 1, hours: 1.5, issuedAt: '2025-02-01T10:00:00Z', cycle: 2, suspended: true });
  // Bob's badge in the same window is his, not Ann's.
  await createEarnedAward(w.bob, w.exit, { title: 'Exit Tickets', level: 2, hours: 9, issuedAt: '2025-03-01T10:00:00Z' });
}
const setPolicy = (w: World, data: { renewalHoursRequired?: number | null; renewalCycleYears?: number | null; renewalApprovedOnly?: boolean }) =>
  db.organization.update({ where: { id: w.district.id }, data });
const badgesText = async (a: Actor) => textOf(await as(a, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }))));

describe('My badges: PD hours toward the licence renewal', () => {
  it('counts the hours of unrevoked badges issued from the day after the previous renewal (cycle-years back) to the renewal day, both days whole, in decimals', async () => {
    const w = await world();
    await badges(w);
    await setPolicy(w, { renewalHoursRequired: 30, renewalCycleYears: 5 });
    expect(await getLicenceRenewalProgress(w.ann)).toEqual({
      districtName: 'Kettle Moraine', hoursRequired: 30, cycleYears: 5, cycleAssumed: false, onlyApproved: false,
      due: {
        renewsOn: new Date('2028-06-30T00:00:00Z'), fromLabel: '2023-07-01', toLabel: '2028-06-30',
        // 7.5 (first day) + 2.5 (last day) + 1.5 (suspended); not 4 (the previous renewal day), 6 (the day after) or 3 (revoked).
        hours: 11.5, badges: 3, suspendedHours: 1.5, notApproved: { hours: 0, badges: 0 },
      },
    });
    // The record My badges reads carries it.
    expect((await getTeacherRecord(w.ann, new Date(), { rows: false })).licenceRenewal?.due?.hours).toBe(11.5);
    // A three-year cycle starts on 1 July 2025: the 2023 badges and the February 2025 one are out.
    await setPolicy(w, { renewalCycleYears: 3 });
    expect((await getLicenceRenewalProgress(w.ann))?.due).toMatchObject({ fromLabel: '2025-07-01', toLabel: '2028-06-30', hours: 2.5, badges: 1, suspendedHours: 0 });
  });

  it('does not count a badge issued on the previous renewal day: that day ended the cycle before', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.ann.id }, data: { licenceRenewsOn: new Date('2028-06-30T00:00:00Z') } });
    await setPolicy(w, { renewalHoursRequired: 30, renewalCycleYears: 5 });
    // The first instant of 30 June 2023 (badges() has one at its last): the old cycle, both ends included, counted it here too.
    await createEarnedAward(w.ann, w.exit, { title: 'Exit Tickets', level: 2, hours: 4, issuedAt: '2023-06-30T00:00:00.000Z' });
    expect((await getLicenceRenewalProgress(w.ann))?.due).toMatchObject({ hours: 0, badges: 0, notApproved: { hours: 0, badges: 0 } });
  });

  it('counts five years when the district sets the hours but not the cycle, and says so', async () => {
    const w = await world();
    await badges(w);
    await setPolicy(w, { renewalHoursRequired: 30 });
    expect(await getLicenceRenewalProgress(w.ann)).toMatchObject({ cycleYears: 5, cycleAssumed: true, due: { fromLabel: '2023-07-01', hours: 11.5 } });
    const text = await badgesText(w.ann);
    expect(text).toMatch(/Licence renewal: 11\.5 of 30 PD hours toward your renewal (that was )?due 30 Jun 2028\. 18\.5 PD hours to go\./);
    expect(text).toContain('Counted: the PD hours of your badges issued from 1 Jul 2023 to 30 Jun 2028, the 5 years before your renewal date (Kettle Moraine has not set how long its renewal cycle is, so 5 years are counted). Revoked badges do not count.');
    expect(text).toContain('The count includes 1.5 PD hours from suspended badges');
  });

  it('counts only approved issuers’ and micro-credentials’ hours when the district counts only those toward renewal, as its renewal report marks them', async () => {
    const w = await world();
    await badges(w);
    await setPolicy(w, { renewalHoursRequired: 30, renewalCycleYears: 5, renewalApprovedOnly: true });
    await db.districtApprovedIssuer.create({ data: { districtId: w.district.id, issuerId: w.approved.id, approvedById: w.leader.id } });
    await db.districtApprovedCredential.create({ data: { districtId: w.district.id, microCredentialId: w.formative.id, approvedById: w.leader.id } });
    // Exit Tickets (its issuer approved) and Formative Assessment (approved on its own) count; Seating Charts does not.
    expect((await getLicenceRenewalProgress(w.ann))?.due).toMatchObject({ hours: 10, badges: 2, suspendedHours: 0, notApproved: { hours: 1.5, badges: 1 } });
    // The same verdicts as the district's licence-renewal report on the badges in the cycle.
    // The cycle as the report takes a period, [from, to): built here, as a report's own period stops at the end of next year.
    const period = { from: new Date('2023-07-01T00:00:00Z'), to: new Date('2028-07-01T00:00:00Z'), fromLabel: '2023-07-01', toLabel: '2028-06-30' };
    const rows = await renewalCredentials({ actor: w.leader, districtId: w.district.id, period });
    const annRows = rows.filter((r) => r.userId === w.ann.id);
    expect(annRows.filter((r) => r.approved).reduce((s, r) => s + r.hours, 0)).toBe(10);
    expect(annRows.filter((r) => !r.approved).map((r) => r.title)).toEqual(['Seating Charts']);

    const text = await badgesText(w.ann);
    expect(text).toMatch(/Licence renewal: 10 of 30 PD hours toward your renewal/);
    expect(text).toContain('Only badges from issuers and micro-credentials Kettle Moraine has approved count. Not counted: 1 badge in the cycle (1.5 PD hours) that Kettle Moraine has not approved.');
    // Switched off again, every credential counts.
    await setPolicy(w, { renewalApprovedOnly: false });
    expect((await getLicenceRenewalProgress(w.ann))?.due?.hours).toBe(11.5);
  });

  it('shows a bar with its count in words and a link to the cycle’s PD transcript', async () => {
    const w = await world();
    await badges(w);
    await setPolicy(w, { renewalHoursRequired: 30, renewalCycleYears: 5 });
    const html = await as(w.ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(html).toMatch(/role="progressbar" aria-label="PD hours toward your licence renewal"[^>]*aria-valuenow="38" aria-valuetext="11.5 of 30 PD hours"/);
    expect(html).toContain('href="/badges/transcript?from=2023-07-01&amp;to=2028-06-30"');
    expect(html).toContain('href="/account#licence"');
  });

  it('says when the hours are met, and when the renewal date has passed', async () => {
    const w = await world();
    await badges(w);
    await setPolicy(w, { renewalHoursRequired: 10, renewalCycleYears: 5 });
    const progress = await getLicenceRenewalProgress(w.ann);
    const before = textOf(renderToStaticMarkup(LicenceRenewalCard({ renewal: progress, now: new Date('2027-01-01T12:00:00Z') })));
    expect(before).toContain('Licence renewal: 11.5 of 10 PD hours toward your renewal due 30 Jun 2028. You have the hours Kettle Moraine asks for.');
    expect(before).toContain('Change your renewal date');
    const after = textOf(renderToStaticMarkup(LicenceRenewalCard({ renewal: progress, now: new Date('2028-07-01T00:00:00Z') })));
    expect(after).toContain('toward your renewal that was due 30 Jun 2028.');
    expect(after).toContain('Renewed already? Add your next renewal date');
  });

  it('asks for the renewal date when there is none, and says nothing when the district sets no hours or there is no district', async () => {
    const w = await world();
    await badges(w);
    await db.user.update({ where: { id: w.ann.id }, data: { licenceRenewsOn: null } });
    await setPolicy(w, { renewalHoursRequired: 30 });
    expect(await getLicenceRenewalProgress(w.ann)).toMatchObject({ hoursRequired: 30, due: null });
    const html = await as(w.ann, async () => renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) })));
    expect(textOf(html)).toContain('Kettle Moraine asks for 30 PD hours for each licence renewal. Add the date your licence is next due on your account page to see how many you have toward it.');
    expect(html).toContain('<a href="/account#licence">Add the date your licence is next due on your account page</a>');

    await db.user.update({ where: { id: w.ann.id }, data: { licenceRenewsOn: new Date('2028-06-30T00:00:00Z') } });
    await setPolicy(w, { renewalHoursRequired: null, renewalCycleYears: 5 });
    expect(await getLicenceRenewalProgress(w.ann)).toBeNull();
    expect(await badgesText(w.ann)).not.toContain('Licence renewal');

    // Without a district nothing counts toward a district's renewal hours.
    await setPolicy(w, { renewalHoursRequired: 30 });
    const loner = await createActor({ name: 'Lone Teacher' });
    await db.user.update({ where: { id: loner.id }, data: { licenceRenewsOn: new Date('2028-06-30T00:00:00Z') } });
    await createEarnedAward(loner, w.exit, { title: 'Exit Tickets', level: 2, hours: 5, issuedAt: '2026-03-01T10:00:00Z' });
    expect(await getLicenceRenewalProgress(loner)).toBeNull();
    expect(await badgesText(loner)).not.toContain('Licence renewal');
  });
});
