// Deciding several requests to join a district at once (decideDistrictRequests in
// lib/district/requests.ts, "Confirm selected" / "Decline selected" on /district/people): each person
// is decided on their own, by the single decision's rules, and the answer says who was skipped and
// why. Real Postgres.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { clearInsertFault, injectInsertFault } from '../setup/insert-fault';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';
import { decideDistrictRequest, decideDistrictRequests, MAX_DECIDED_AT_ONCE, requestDistrict, SKIP_REASONS } from '@/lib/district/requests';
import { initialActionState, type ActionResult } from '@/lib/action-result';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The header's Sign out form imports a server action; the page does not need it.
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { decideDistrictRequestsAction } = await import('@/app/district/people/actions');
const { default: DistrictPeoplePage } = await import('@/app/district/people/page');

// One person's notification insert fails (the database refused it), to show that person's decision
// rolls back whole while the others go through.
const NOTIFY_FAULT = { name: 'bulk_requests_notify_fault', table: 'Notification', message: 'notification insert failed (injected)' };
const clearFault = () => clearInsertFault(NOTIFY_FAULT);

beforeEach(async () => {
  await clearFault();
  await resetDatabase();
  session.actor = null;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearFault();
});

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const second = await createActor({ name: 'Sam Second', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  return { district, north, other, otherSchool, leader, second, otherLeader };
}
type World = Awaited<ReturnType<typeof world>>;

let asked = 0;
/** Someone asking to join the district, one second after the one before (the list is oldest first). */
async function asks(w: World, name: string, opts: { emailVerified?: boolean; districtId?: string; schoolId?: string } = {}) {
  const teacher = await createActor({ name, ...opts });
  await requestDistrict({ actor: teacher, districtId: w.district.id, now: new Date(Date.UTC(2025, 7, 20, 8, 0, asked++)) });
  return teacher;
}
const ids = (people: Actor[]) => people.map((p) => p.id);
const decisionAudits = (userIds: string[]) => db.auditLog.findMany({ where: { entityId: { in: userIds }, action: { in: ['people.confirm_district_request', 'people.decline_district_request'] } }, select: { entityId: true, action: true, actorId: true, organizationId: true, data: true } });
const decisionNotices = (userIds: string[]) => db.notification.findMany({ where: { userId: { in: userIds }, kind: { in: ['district.join_confirmed', 'district.join_declined'] } }, select: { userId: true, kind: true } });
/** Every row the decisions could write, to show a refused call wrote none. */
const footprint = async () => ({
  users: await db.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, districtId: true, schoolId: true, requestedDistrictId: true } }),
  memberships: await db.membership.count(),
  notifications: await db.notification.count(),
  audit: await db.auditLog.count(),
  jobs: await db.job.count(),
});
const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe('deciding several requests to join at once', () => {
  it('confirms several at a school, each with their own audit entry and notification, oldest first', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    // Moving from another district: she leaves it as she joins, exactly as with a single decision.
    const ben = await asks(w, 'Ben Brooks', { districtId: w.other.id, schoolId: w.otherSchool.id });
    await db.membership.create({ data: { userId: ben.id, organizationId: w.otherSchool.id, role: 'TEACHER' } });
    const cy = await asks(w, 'Cy Cole');

    const outcome = await decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: [cy.id, ana.id, ben.id], decision: 'confirm', schoolId: w.north.id });
    expect(outcome).toEqual({
      decision: 'confirm',
      decided: [{ id: ana.id, name: 'Ana Avery' }, { id: ben.id, name: 'Ben Brooks' }, { id: cy.id, name: 'Cy Cole' }],
      skipped: [],
    });
    const placed = await db.user.findMany({ where: { id: { in: ids([ana, ben, cy]) } }, orderBy: { name: 'asc' }, select: { districtId: true, schoolId: true, requestedDistrictId: true, memberships: { select: { organizationId: true, role: true } } } });
    expect(placed).toEqual([ana, ben, cy].map(() => ({ districtId: w.district.id, schoolId: w.north.id, requestedDistrictId: null, memberships: [{ organizationId: w.north.id, role: 'TEACHER' }] })));

    const audits = await decisionAudits(ids([ana, ben, cy]));
    expect(audits.map((a) => a.entityId).sort()).toEqual(ids([ana, ben, cy]).sort());
    for (const a of audits) expect(a).toMatchObject({ action: 'people.confirm_district_request', actorId: w.leader.id, organizationId: w.district.id, data: { schoolId: w.north.id } });
    expect(audits.find((a) => a.entityId === ben.id)?.data).toEqual({ schoolId: w.north.id, previousDistrictId: w.other.id });
    expect((await decisionNotices(ids([ana, ben, cy]))).map((n) => `${n.userId}:${n.kind}`).sort()).toEqual(ids([ana, ben, cy]).map((id) => `${id}:district.join_confirmed`).sort());
    // Ben's old district recorded and heard of his leaving.
    expect(await db.auditLog.count({ where: { action: 'people.move_out', entityId: ben.id, organizationId: w.other.id } })).toBe(1);
  });

  it('skips whoever cannot be decided, with the reason, and decides the rest; declining needs no confirmed address', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    const una = await asks(w, 'Una Unconfirmed', { emailVerified: false });
    const dee = await asks(w, 'Dee Decided');
    const wes = await asks(w, 'Wes Withdrawn');
    // Decided one at a time before the bulk call; Wes withdrew his request.
    await decideDistrictRequest({ actor: w.second, districtId: w.district.id, userId: dee.id, decision: 'decline' });
    await db.user.update({ where: { id: wes.id }, data: { requestedDistrictId: null, districtRequestedAt: null } });
    // Someone who never asked this district: skipped too, and not named (nothing is told about people outside the list).
    const stranger = await createActor({ name: 'Stranger Danger' });

    const outcome = await decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: ids([ana, una, dee, wes, stranger]), decision: 'confirm' });
    expect(outcome.decided).toEqual([{ id: ana.id, name: 'Ana Avery' }]);
    expect(outcome.skipped).toEqual([
      { id: una.id, name: 'Una Unconfirmed', reason: 'has not confirmed their email address yet' },
      { id: dee.id, name: null, reason: 'request withdrawn or already decided' },
      { id: wes.id, name: null, reason: 'request withdrawn or already decided' },
      { id: stranger.id, name: null, reason: 'request withdrawn or already decided' },
    ]);
    expect(await db.user.findUniqueOrThrow({ where: { id: una.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: w.district.id });
    expect((await decisionAudits(ids([una, wes, stranger])))).toEqual([]);
    // Dee was decided once, by the single decision.
    expect(await decisionAudits([dee.id])).toHaveLength(1);

    // Declining works for someone who has not confirmed their address.
    const declined = await decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: [una.id], decision: 'decline', schoolId: w.north.id });
    expect(declined).toEqual({ decision: 'decline', decided: [{ id: una.id, name: 'Una Unconfirmed' }], skipped: [] });
    expect(await db.user.findUniqueOrThrow({ where: { id: una.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true } })).toEqual({ districtId: null, schoolId: null, requestedDistrictId: null });
    expect(await decisionNotices([una.id])).toEqual([{ userId: una.id, kind: 'district.join_declined' }]);
    expect(await decisionAudits([una.id])).toMatchObject([{ action: 'people.decline_district_request', actorId: w.leader.id }]);
  });

  it('refuses a leader of another district, a school of another district and an over-long list, with nothing written', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    const ben = await asks(w, 'Ben Brooks');
    const before = await footprint();
    await expect(decideDistrictRequests({ actor: w.otherLeader, districtId: w.district.id, userIds: ids([ana, ben]), decision: 'confirm' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideDistrictRequests({ actor: w.otherLeader, districtId: w.district.id, userIds: ids([ana, ben]), decision: 'decline' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Their own district's id does not reach requests to join another.
    expect(await decideDistrictRequests({ actor: w.otherLeader, districtId: w.other.id, userIds: ids([ana, ben]), decision: 'decline' })).toMatchObject({ decided: [], skipped: [{ name: null }, { name: null }] });
    await expect(decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: ids([ana, ben]), decision: 'confirm', schoolId: w.otherSchool.id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { schoolId: ['Choose one of your district’s schools.'] } });
    await expect(decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: [], decision: 'decline' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const tooMany = [...ids([ana, ben]), ...Array.from({ length: MAX_DECIDED_AT_ONCE - 1 }, (_, i) => `nobody-${i}`)];
    await expect(decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: tooMany, decision: 'decline' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await footprint()).toEqual(before);
  });

  it('two leaders deciding the same people at once decide each exactly once; a second submit decides nobody again', async () => {
    const w = await world();
    const people: Actor[] = [];
    for (let i = 0; i < 8; i++) people.push(await asks(w, `Teacher ${String.fromCharCode(65 + i)}`));
    const all = ids(people);
    const [a, b] = await Promise.all([
      decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: all, decision: 'confirm' }),
      decideDistrictRequests({ actor: w.second, districtId: w.district.id, userIds: [...all].reverse(), decision: 'decline' }),
    ]);
    // Everyone decided by exactly one of the two; the other reports them as skipped, not as an error.
    const decidedIds = [...a.decided, ...b.decided].map((p) => p.id);
    expect([...decidedIds].sort()).toEqual([...all].sort());
    for (const id of all) {
      const skippedBy = [a, b].filter((o) => o.skipped.some((s) => s.id === id));
      expect(skippedBy).toHaveLength(1);
      expect(skippedBy[0].skipped.find((s) => s.id === id)?.reason).toBe(SKIP_REASONS.gone);
    }
    const audits = await decisionAudits(all);
    expect(audits.map((x) => x.entityId).sort()).toEqual([...all].sort());
    expect((await decisionNotices(all)).map((n) => n.userId).sort()).toEqual([...all].sort());
    // Where each one stands matches the decision recorded for them.
    const after = await db.user.findMany({ where: { id: { in: all } }, select: { id: true, districtId: true, requestedDistrictId: true } });
    for (const u of after) {
      expect(u.requestedDistrictId).toBeNull();
      const confirmed = a.decided.some((p) => p.id === u.id);
      expect(u.districtId).toBe(confirmed ? w.district.id : null);
      expect(audits.find((x) => x.entityId === u.id)?.action).toBe(confirmed ? 'people.confirm_district_request' : 'people.decline_district_request');
    }

    // The same form sent again (a double click, a reload): nobody is decided twice.
    const before = await footprint();
    const again = await decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: all, decision: 'confirm' });
    expect(again.decided).toEqual([]);
    expect(again.skipped).toHaveLength(all.length);
    expect(await footprint()).toEqual(before);
  });

  it('one person’s decision failing rolls back only theirs: the others are decided, they stay in the list', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    const ben = await asks(w, 'Ben Brooks');
    const cy = await asks(w, 'Cy Cole');
    await injectInsertFault({ ...NOTIFY_FAULT, when: `NEW."userId" = '${ben.id}'` });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const outcome = await decideDistrictRequests({ actor: w.leader, districtId: w.district.id, userIds: ids([ana, ben, cy]), decision: 'confirm' });
    expect(outcome.decided.map((p) => p.name)).toEqual(['Ana Avery', 'Cy Cole']);
    expect(outcome.skipped).toEqual([{ id: ben.id, name: 'Ben Brooks', reason: 'could not be decided because of a problem on our side; try again' }]);
    expect(logged).toHaveBeenCalled();
    // Nothing of Ben's decision was kept: still asking, no membership, no audit entry.
    expect(await db.user.findUniqueOrThrow({ where: { id: ben.id }, select: { districtId: true, requestedDistrictId: true, memberships: true } })).toEqual({ districtId: null, requestedDistrictId: w.district.id, memberships: [] });
    expect(await decisionAudits([ben.id])).toEqual([]);
    expect(await decisionAudits(ids([ana, cy]))).toHaveLength(2);
  });
});

describe('"Confirm selected" / "Decline selected" on the People page', () => {
  const act = (fields: Record<string, string | string[]>) => decideDistrictRequestsAction(initialActionState as ActionResult<never>, form(fields));

  it('the action checks its form and answers who was decided and who was skipped', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    const una = await asks(w, 'Una Unconfirmed', { emailVerified: false });
    session.actor = w.leader;
    expect(await act({ districtId: w.district.id, decision: 'confirm' })).toEqual({ ok: false, formError: 'Tick at least one request.' });
    expect(await act({ districtId: w.district.id, userIds: ana.id })).toEqual({ ok: false, formError: 'Choose confirm or decline.' });
    expect(await act({ districtId: w.district.id, userIds: Array.from({ length: MAX_DECIDED_AT_ONCE + 1 }, (_, i) => `id-${i}`), decision: 'decline' })).toEqual({ ok: false, formError: 'Tick at most 200 requests at a time.' });
    expect(await act({ districtId: w.district.id, userIds: ids([ana, una]), decision: 'confirm', schoolId: w.otherSchool.id })).toMatchObject({ ok: false, formError: 'Choose one of your district’s schools.' });

    // One ticked box posts a single value.
    expect(await act({ districtId: w.district.id, userIds: ana.id, decision: 'confirm', schoolId: w.north.id })).toEqual({
      ok: true, message: 'Confirmed 1 teacher.', data: { decision: 'confirm', decided: [{ id: ana.id, name: 'Ana Avery' }], skipped: [] },
    });
    expect(await act({ districtId: w.district.id, userIds: ids([ana, una]), decision: 'confirm', schoolId: '' })).toEqual({
      ok: true,
      message: 'Nobody was confirmed. 2 requests were skipped.',
      data: { decision: 'confirm', decided: [], skipped: [{ id: una.id, name: 'Una Unconfirmed', reason: SKIP_REASONS.email }, { id: ana.id, name: null, reason: SKIP_REASONS.gone }] },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: ana.id }, select: { schoolId: true } })).toEqual({ schoolId: w.north.id });

    // Authorization is the lib's, against the district itself.
    session.actor = w.otherLeader;
    expect(await act({ districtId: w.district.id, userIds: [una.id], decision: 'decline' })).toEqual({ ok: false, formError: 'You do not lead that district.' });
    expect(await db.user.findUniqueOrThrow({ where: { id: una.id }, select: { requestedDistrictId: true } })).toEqual({ requestedDistrictId: w.district.id });

    session.actor = w.leader;
    expect(await act({ districtId: w.district.id, userIds: [una.id], decision: 'decline' })).toMatchObject({ ok: true, message: 'Declined 1 request.' });
  });

  it('the list offers a checkbox per request, labelled with the name, in one form that posts without scripts', async () => {
    const w = await world();
    const ana = await asks(w, 'Ana Avery');
    session.actor = w.leader;
    const render = async () => renderToStaticMarkup(await DistrictPeoplePage({ searchParams: Promise.resolve({}) }));
    // A single request keeps its own buttons only.
    let html = await render();
    expect(html).not.toContain('name="userIds"');
    expect(html).not.toContain('Confirm selected');

    const ben = await asks(w, 'Ben Brooks', { emailVerified: false });
    html = await render();
    for (const p of [ana, ben]) {
      const box = html.match(new RegExp(`<input [^>]*id="pick-${p.id}"[^>]*>`))?.[0] ?? '';
      for (const attr of ['type="checkbox"', 'name="userIds"', `value="${p.id}"`, 'form="decide-requests"']) expect(box).toContain(attr);
      expect(html).toContain(`<label for="pick-${p.id}"><span class="sr-only">Select </span><strong>${p.name}</strong></label>`);
    }
    expect(html).toMatch(/<form id="decide-requests"[^>]*>/);
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Decide several at once<\/legend>/);
    // The same places as a single confirm offers.
    expect(html).toMatch(new RegExp(`<select id="decide-requests-school" name="schoolId"[^>]*><option value=""[^>]*>District-wide</option><option value="${w.north.id}">North Elementary</option></select>`));
    // "Select all" needs scripts, so the page as first sent (and without scripts) does not offer it.
    expect(html).not.toContain('Select all');
    expect(html).toMatch(/<button type="submit" value="confirm"[^>]* name="decision">Confirm selected<\/button>/);
    expect(html).toMatch(/<button type="submit" value="decline"[^>]* name="decision">Decline selected<\/button>/);
    // Each row's own buttons stay as they were.
    expect(html).toContain('Confirm<span class="sr-only"> Ana Avery</span>');
    expect(html).toContain('Decline<span class="sr-only"> Ben Brooks</span>');
  });
});
