// District recommendations ("our priorities"): leaders add, edit and remove them (audited, capped,
// one per item and audience, their own district only) and see their uptake; teachers of the
// confirmed district see theirs on the dashboard, in the catalogue and on the item's page, and are
// told once through a job. Against Postgres, through the real domain code and pages; only who is
// signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { decodeEntities, textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, createStack, createTrack, retireMicroCredential } from '@/lib/authoring/mutations';
import { loadActor } from '@/lib/auth/load-actor';
import {
  addRecommendation, listDistrictRecommendations, recommendedCatalogKeys, listRecommendationsForTeacher, recommendationUptake, removeRecommendation, updateRecommendation,
} from '@/lib/district/recommendations';
import { notifyRecommendationAudience, RECOMMENDATION_NOTICE_JOB } from '@/lib/district/recommendation-notices';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { listAuditLog } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { correctCatalogSearch, invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { RECOMMENDATIONS_PER_DISTRICT } from '@/lib/district/recommendation-schemas';
import type { RecommendationKind } from '@/lib/district/recommendation-schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: DashboardPage } = await import('@/app/dashboard/page');
const { default: CatalogPage } = await import('@/app/catalog/page');
const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: TrackPage } = await import('@/app/tracks/[slug]/page');
const { default: LeaderPage } = await import('@/app/district/recommendations/page');
const { addRecommendationAction } = await import('@/app/district/recommendations/actions');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
  session.actor = null;
});

const cardTitles = (html: string) => [...html.matchAll(/<h3[^>]*><a[^>]*>([^<]+)<\/a><\/h3>/g)].map((m) => decodeEntities(m[1]));

/** A small world: one issuer's catalogue (three micro-credentials, a two-level track, a stack, a draft), two districts. */
async function world() {
  const a = await createPublishedCredential({ def: { title: 'Reading Conferences' } });
  const { issuer, admin } = a;
  const more = async (title: string) => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title } })).mc;
  const b = await more('Peer Feedback');
  const c = await more('Exit Tickets');
  const t1 = await more('Assessment Cycle');
  const t2 = await more('Contextual Assessment');
  const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'Two levels.', topic: 'Assessment', levels: [t1.slug, t2.slug] } });
  const stack = await createStack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Parts.', microCredentials: [a.mc.slug, b.slug] } });
  const draft = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition({ title: 'Unfinished Draft' }) });

  const d1 = await createOrg({ kind: 'DISTRICT', name: 'District One' });
  const s1 = await createOrg({ kind: 'SCHOOL', name: 'North School', parentId: d1.id });
  const s2 = await createOrg({ kind: 'SCHOOL', name: 'South School', parentId: d1.id });
  const d2 = await createOrg({ kind: 'DISTRICT', name: 'District Two' });
  const s3 = await createOrg({ kind: 'SCHOOL', name: 'Far School', parentId: d2.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d1.id }], districtId: d1.id });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: d2.id }], districtId: d2.id });
  const whole = await createActor({ name: 'Wendy Whole', districtId: d1.id });
  const north = await createActor({ name: 'Nadia North', districtId: d1.id, schoolId: s1.id });
  const south = await createActor({ name: 'Sam South', districtId: d1.id, schoolId: s2.id });
  const elsewhere = await createActor({ name: 'Eli Elsewhere', districtId: d2.id, schoolId: s3.id });
  // Asked to join District One; not confirmed, so not one of its teachers.
  const requester = await createActor({ name: 'Rae Requested' });
  await db.user.update({ where: { id: requester.id }, data: { requestedDistrictId: d1.id, districtRequestedAt: new Date() } });
  return {
    issuer, admin, a: a.mc, b, c, t1, t2, track, stack, draft, d1, d2, s1, s2, s3, leader, otherLeader, whole, north, south, elsewhere,
    requester: (await loadActor(requester.id))!,
  };
}
type World = Awaited<ReturnType<typeof world>>;

const add = (w: World, actor: Actor, kind: RecommendationKind, targetId: string, extra: { schoolId?: string | null; note?: string; districtId?: string } = {}) =>
  addRecommendation({ actor, input: { districtId: extra.districtId ?? w.d1.id, kind, targetId, schoolId: extra.schoolId ?? null, note: extra.note ?? '' } });

let statusListIndex = 0;
/** A badge as the issuing code leaves it (the review flow is tested elsewhere). */
async function award(w: World, userId: string, target: { mcId?: string; stackId?: string }, opts: { revokedAt?: Date; suspendedAt?: Date; validUntil?: Date } = {}) {
  const list = (await db.statusList.findFirst({ where: { issuerId: w.issuer.id } })) ?? (await db.statusList.create({ data: { issuerId: w.issuer.id, purpose: 'revocation', bits: new Uint8Array(16) } }));
  await db.award.create({
    data: {
      userId, issuerId: w.issuer.id, microCredentialId: target.mcId ?? null, stackId: target.stackId ?? null, title: 'Badge', pdHours: new Prisma.Decimal(1),
      recipientName: 'R', credential: {}, statusListId: list.id, statusListIndex: statusListIndex++, revokedAt: opts.revokedAt ?? null, suspendedAt: opts.suspendedAt ?? null, validUntil: opts.validUntil ?? null,
    },
  });
}

async function submission(userId: string, mc: { id: string; currentVersionId: string | null }, status: 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'EARNED', submitted = status !== 'DRAFT') {
  await db.submission.create({ data: { userId, microCredentialId: mc.id, versionId: mc.currentVersionId!, status, lastSubmittedAt: submitted ? new Date() : null } });
}

describe('leaders manage their district’s recommendations', () => {
  it('adds, edits and removes one, each recorded in the district’s audit log in plain words', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Part of our 2026-27 literacy priority.' });
    const stored = await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } });
    expect(stored).toMatchObject({ districtId: w.d1.id, microCredentialId: w.a.id, trackId: null, stackId: null, schoolId: null, note: 'Part of our 2026-27 literacy priority.', createdById: w.leader.id });

    await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s1.id, note: 'North first.' } });
    expect(await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ schoolId: w.s1.id, note: 'North first.' });
    // Saving without a change records nothing.
    expect((await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s1.id, note: 'North first.' } })).changed).toBe(false);

    await removeRecommendation({ actor: w.leader, input: { recommendationId: rec.id } });
    expect(await db.districtRecommendation.count()).toBe(0);

    const entries = await db.auditLog.findMany({ where: { organizationId: w.d1.id, action: { startsWith: 'district.recommendation' } }, orderBy: { id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actorId, e.entityType, e.entityId])).toEqual([
      ['district.recommendation_add', w.leader.id, 'MicroCredential', w.a.id],
      ['district.recommendation_edit', w.leader.id, 'MicroCredential', w.a.id],
      ['district.recommendation_remove', w.leader.id, 'MicroCredential', w.a.id],
    ]);
    const log = await listAuditLog({ actor: w.leader, organizationId: w.d1.id, filter: AuditFilterInput.parse({ group: 'all' }) });
    expect(log.items.map((r) => r.description).slice(0, 3)).toEqual([
      'Stopped recommending the micro-credential “Reading Conferences” to teachers at “North School”',
      'Changed the recommendation of the micro-credential “Reading Conferences”: its audience from the whole district to teachers at “North School”; its note to: North first.',
      'Recommended the micro-credential “Reading Conferences” to the whole district. Note: Part of our 2026-27 literacy priority.',
    ]);
  });

  it('refuses a second one for the same item and audience (a double click), but not for another school', async () => {
    const w = await world();
    const first = await add(w, w.leader, 'TRACK', w.track.id);
    const twice = await Promise.allSettled([add(w, w.leader, 'STACK', w.stack.id), add(w, w.leader, 'STACK', w.stack.id)]);
    expect(twice.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((twice.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    await expect(add(w, w.leader, 'TRACK', w.track.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already recommend') });
    // The same track for one school is another audience.
    const forNorth = await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s1.id });
    // Editing into a duplicate is refused too, and changes nothing.
    await expect(updateRecommendation({ actor: w.leader, input: { recommendationId: forNorth.id, schoolId: null, note: '' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.districtRecommendation.count({ where: { trackId: w.track.id } })).toBe(2);
    expect(await db.districtRecommendation.count({ where: { id: first.id, schoolId: null } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'district.recommendation_add' } })).toBe(3);
  });

  it('the database itself keeps exactly one target per recommendation', async () => {
    const w = await world();
    await expect(db.districtRecommendation.create({ data: { districtId: w.d1.id, microCredentialId: w.a.id, trackId: w.track.id } })).rejects.toThrow(/one_target/);
    await expect(db.districtRecommendation.create({ data: { districtId: w.d1.id } })).rejects.toThrow(/one_target/);
  });

  it(`holds at most ${RECOMMENDATIONS_PER_DISTRICT} per district, with a message that says what to do`, async () => {
    const w = await world();
    const fillers = await Promise.all(Array.from({ length: RECOMMENDATIONS_PER_DISTRICT }, (_, i) =>
      db.microCredential.create({ data: { issuerId: w.issuer.id, slug: `filler-${i}`, topic: 'X', status: 'PUBLISHED' }, select: { id: true } })));
    await db.districtRecommendation.createMany({ data: fillers.slice(0, RECOMMENDATIONS_PER_DISTRICT - 1).map((m) => ({ districtId: w.d1.id, microCredentialId: m.id })) });
    await add(w, w.leader, 'MICRO_CREDENTIAL', fillers[RECOMMENDATIONS_PER_DISTRICT - 1].id);
    const refused = add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id);
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining(`${RECOMMENDATIONS_PER_DISTRICT} recommendations, the most it can have. Remove one`) });
    expect(await db.districtRecommendation.count({ where: { districtId: w.d1.id } })).toBe(RECOMMENDATIONS_PER_DISTRICT);
    // Another district has its own allowance.
    await add(w, w.otherLeader, 'MICRO_CREDENTIAL', w.a.id, { districtId: w.d2.id });
  });

  it('only published catalogue items, and only the district’s own schools', async () => {
    const w = await world();
    await expect(add(w, w.leader, 'MICRO_CREDENTIAL', w.draft.id)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(add(w, w.leader, 'MICRO_CREDENTIAL', 'no-such-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { schoolId: w.s3.id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { schoolId: [expect.any(String)] } });
    expect(await db.districtRecommendation.count()).toBe(0);
  });

  it('a leader of another district (or a teacher) can neither see nor change them, and nothing is written', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Ours.' });
    const before = await db.auditLog.count();
    for (const outsider of [w.otherLeader, w.north]) {
      await expect(add(w, outsider, 'MICRO_CREDENTIAL', w.b.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listDistrictRecommendations({ actor: outsider, districtId: w.d1.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateRecommendation({ actor: outsider, input: { recommendationId: rec.id, schoolId: null, note: 'Theirs.' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(removeRecommendation({ actor: outsider, input: { recommendationId: rec.id } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ note: 'Ours.' });
    expect(await db.auditLog.count()).toBe(before);
  });

  it('the form action validates the note on the server and answers in words', async () => {
    const w = await world();
    session.actor = w.leader;
    const tooLong = await addRecommendationAction({ ok: true }, form({ districtId: w.d1.id, kind: 'MICRO_CREDENTIAL', targetId: w.a.id, schoolId: '', note: 'x'.repeat(501) }));
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { note: ['Keep the note to 500 characters or fewer.'] } });
    const ok = await addRecommendationAction({ ok: true }, form({ districtId: w.d1.id, kind: 'MICRO_CREDENTIAL', targetId: w.a.id, schoolId: w.s1.id, note: '  Literacy\r\npriority  ' }));
    expect(ok).toEqual({ ok: true, message: 'You now recommend “Reading Conferences” to teachers at North School. Those teachers will get a notification.' });
    expect((await db.districtRecommendation.findFirstOrThrow()).note).toBe('Literacy\npriority');
    const again = await addRecommendationAction({ ok: true }, form({ districtId: w.d1.id, kind: 'MICRO_CREDENTIAL', targetId: w.a.id, schoolId: w.s1.id }));
    expect(again).toMatchObject({ ok: false, formError: expect.stringContaining('already recommend') });
  });
});

describe('what teachers see', () => {
  it('only their confirmed district’s: the whole district’s and their own school’s, not another school’s', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id, { note: 'For everyone.' });
    await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s1.id, note: 'North only.' });
    await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s2.id });
    await add(w, w.otherLeader, 'MICRO_CREDENTIAL', w.a.id, { districtId: w.d2.id });
    const titles = async (who: Actor) => (await listRecommendationsForTeacher(who))?.items.map((i) => i.target.title).sort() ?? null;
    expect(await titles(w.north)).toEqual(['Empowering Assessment', 'Exit Tickets']);
    expect(await titles(w.south)).toEqual(['Exit Tickets', 'Feedback Stack']);
    expect(await titles(w.whole)).toEqual(['Exit Tickets']);
    expect(await titles(w.elsewhere)).toEqual(['Reading Conferences']);
    // Asked to join, not confirmed: the district's recommendations are not theirs yet.
    expect(await listRecommendationsForTeacher(w.requester)).toBeNull();
    expect((await listRecommendationsForTeacher(w.north))?.districtName).toBe('District One');

    // Retired by its issuer: no longer shown to teachers.
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.c.id });
    expect(await titles(w.north)).toEqual(['Empowering Assessment']);
  });

  it('shows each teacher where they stand, not-yet-earned first', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id);
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id);
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id);
    await add(w, w.leader, 'TRACK', w.track.id);
    await add(w, w.leader, 'STACK', w.stack.id);
    await submission(w.north.id, w.a, 'EARNED');
    await award(w, w.north.id, { mcId: w.a.id });
    await submission(w.north.id, w.b, 'IN_REVIEW');
    await db.enrollment.create({ data: { userId: w.north.id, trackId: w.track.id } });
    await award(w, w.north.id, { mcId: w.t1.id });
    const list = (await listRecommendationsForTeacher(w.north))!.items;
    const byTitle = Object.fromEntries(list.map((i) => [i.target.title, { status: i.status, progress: i.progress }]));
    expect(byTitle).toEqual({
      'Reading Conferences': { status: 'earned', progress: null },
      'Peer Feedback': { status: 'in-review', progress: null },
      'Exit Tickets': { status: 'not-started', progress: null },
      'Empowering Assessment': { status: 'enrolled', progress: { earned: 1, total: 2 } },
      // One of its two parts held, and one in review.
      'Feedback Stack': { status: 'in-review', progress: { earned: 1, total: 2 } },
    });
    expect(list.at(-1)?.target.title).toBe('Reading Conferences');
    // An expired badge is not "earned": it is to renew; a revoked one is said to be withdrawn.
    const statusOf = async (id: string) => (await listRecommendationsForTeacher(w.north))!.items.find((i) => i.target.id === id)?.status;
    await db.award.updateMany({ where: { userId: w.north.id, microCredentialId: w.a.id }, data: { validUntil: new Date(Date.now() - 86_400_000) } });
    expect(await statusOf(w.a.id)).toBe('renew');
    await db.award.updateMany({ where: { userId: w.north.id, microCredentialId: w.a.id }, data: { revokedAt: new Date() } });
    expect(await statusOf(w.a.id)).toBe('withdrawn');
    // Evidence sent back for changes: "Needs changes", first in the list.
    await db.submission.updateMany({ where: { userId: w.north.id, microCredentialId: w.b.id }, data: { status: 'NEEDS_REVISION' } });
    expect(await statusOf(w.b.id)).toBe('needs-changes');
    // First in the list, with the stack it is a part of (newest first among them).
    expect((await listRecommendationsForTeacher(w.north))!.items.slice(0, 2).map((i) => [i.target.title, i.status])).toEqual([
      ['Feedback Stack', 'needs-changes'], ['Peer Feedback', 'needs-changes'],
    ]);
    await award(w, w.north.id, { mcId: w.t2.id });
    expect((await listRecommendationsForTeacher(w.north))!.items.find((i) => i.target.id === w.track.id)?.status).toBe('earned');
  });
});

describe('uptake for the leader', () => {
  it('counts the audience’s teachers enrolled, who sent evidence and who hold a current badge', async () => {
    const w = await world();
    const extra = await createActor({ name: 'Nico North', districtId: w.d1.id, schoolId: w.s1.id });
    // A disabled account at North School, enrolled, with evidence sent and a current badge: counted nowhere.
    const gone = await createActor({ name: 'Dee Disabled', districtId: w.d1.id, schoolId: w.s1.id });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const mcRec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id);
    const northRec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { schoolId: w.s1.id });
    const trackRec = await add(w, w.leader, 'TRACK', w.track.id);
    const stackRec = await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s2.id });

    // Reading Conferences (w.a): enrolled 3 in the district (one withdrawn, one in District Two not counted).
    for (const u of [w.whole, w.north, w.south, extra]) await db.enrollment.create({ data: { userId: u.id, microCredentialId: w.a.id, withdrawnAt: u.id === extra.id ? new Date() : null } });
    await db.enrollment.create({ data: { userId: w.elsewhere.id, microCredentialId: w.a.id } });
    await db.enrollment.create({ data: { userId: gone.id, microCredentialId: w.a.id } });
    await submission(gone.id, w.a, 'SUBMITTED');
    await award(w, gone.id, { mcId: w.a.id });
    await submission(w.north.id, w.a, 'EARNED');
    await submission(w.south.id, w.a, 'SUBMITTED');
    await submission(w.whole.id, w.a, 'DRAFT');
    await submission(w.elsewhere.id, w.a, 'SUBMITTED');
    await award(w, w.north.id, { mcId: w.a.id });
    await award(w, w.south.id, { mcId: w.a.id }, { revokedAt: new Date() });
    await award(w, w.whole.id, { mcId: w.a.id }, { validUntil: new Date(Date.now() - 1000) });
    await award(w, extra.id, { mcId: w.a.id }, { suspendedAt: new Date() });
    await award(w, w.elsewhere.id, { mcId: w.a.id });
    // The track: enrolled in the track itself, or in a level; earned through a level.
    await db.enrollment.create({ data: { userId: w.whole.id, trackId: w.track.id } });
    await db.enrollment.create({ data: { userId: w.north.id, microCredentialId: w.t2.id } });
    await award(w, w.south.id, { mcId: w.t1.id }, { validUntil: new Date(Date.now() + 86_400_000) });
    // The stack (for South School): its badge, not its parts, is "earned".
    await award(w, w.south.id, { stackId: w.stack.id });

    const list = await listDistrictRecommendations({ actor: w.leader, districtId: w.d1.id });
    const uptake = Object.fromEntries(list.map((r) => [r.id, r.uptake]));
    // The district's people as its overview and teachers list count them (placed in it: the leader,
    // who joined it as a teacher in this world, Wendy, Nadia, Sam and Nico), less the disabled account.
    expect(uptake[mcRec.id]).toEqual({ teachers: 5, enrolled: 3, submitted: 2, earned: 1 });
    expect(uptake[northRec.id]).toEqual({ teachers: 2, enrolled: 1, submitted: 1, earned: 1 });
    expect(uptake[trackRec.id]).toEqual({ teachers: 5, enrolled: 2, submitted: 0, earned: 1 });
    // South School: Sam holds the stack badge, is enrolled in a part and sent evidence for it.
    expect(uptake[stackRec.id]).toEqual({ teachers: 1, enrolled: 1, submitted: 1, earned: 1 });
    // The same numbers come from the batch function the scale check explains.
    const direct = await recommendationUptake(w.d1.id, [{ id: 'x', schoolId: null, kind: 'MICRO_CREDENTIAL', targetId: w.a.id, microCredentialIds: [w.a.id] }]);
    expect(direct.get('x')).toEqual(uptake[mcRec.id]);
  });
});

describe('the catalogue', () => {
  it('filters to what the teacher’s district recommends to them, and only for them', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id);
    await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s1.id });
    await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s2.id });
    const titles = async (scope: { districtId: string; schoolId: string | null } | null, q: Record<string, string> = {}) =>
      (await searchCatalog(CatalogSearchInput.parse({ recommended: '1', ...q }), { recommended: scope && (await recommendedCatalogKeys(scope)) })).items.map((i) => i.title).sort();
    expect(await titles({ districtId: w.d1.id, schoolId: w.s1.id })).toEqual(['Empowering Assessment', 'Peer Feedback']);
    expect(await titles({ districtId: w.d1.id, schoolId: w.s2.id })).toEqual(['Feedback Stack', 'Peer Feedback']);
    expect(await titles({ districtId: w.d1.id, schoolId: w.s1.id }, { kind: 'TRACK' })).toEqual(['Empowering Assessment']);
    expect(await titles({ districtId: w.d2.id, schoolId: null })).toEqual([]);
    // Without a teacher's district, the filter is ignored: the whole catalogue.
    expect((await titles(null)).length).toBe(7);
  });

  it('renders the filter and the tag for a teacher, and nothing of the kind for anonymous visitors (whose page is cached)', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id, { note: 'Our feedback priority.' });
    await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s2.id });
    const render = async (q: Record<string, string>) => renderToStaticMarkup(await CatalogPage({ searchParams: Promise.resolve(q) }));

    session.actor = w.north;
    const filtered = await render({ recommended: '1' });
    expect(cardTitles(filtered)).toEqual(['Peer Feedback']);
    expect(textOf(filtered)).toContain('Recommended by my district');
    expect(filtered).toMatch(/<input[^>]*name="recommended"[^>]*checked/);
    const all = await render({});
    expect(cardTitles(all)).toHaveLength(7);
    expect(all.match(/data-district-recommendation/g)).toHaveLength(1);
    expect(textOf(all)).toContain('Recommended by your district');

    // A teacher whose district is only requested gets no filter and no tags.
    session.actor = w.requester;
    expect(await render({})).not.toContain('Recommended by');

    session.actor = null;
    for (const q of [{}, { recommended: '1' }] as Record<string, string>[]) {
      const html = await render(q);
      expect(cardTitles(html)).toHaveLength(7);
      expect(html).not.toContain('data-district-recommendation');
      expect(html).not.toContain('Recommended by');
      expect(html).not.toContain('name="recommended"');
    }
  });

  it('shows the note on the item’s own page to the teacher, and not to anonymous visitors', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id, { note: 'Part of our 2026-27 feedback priority.' });
    await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s1.id, note: 'North’s assessment year.' });
    const mcPage = async () => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: w.b.slug }), searchParams: Promise.resolve({}) }));
    const trackPage = async () => renderToStaticMarkup(await TrackPage({ params: Promise.resolve({ slug: 'assessment-track' }) }));
    session.actor = w.south;
    expect(textOf(await mcPage())).toContain('Recommended by your district District One recommends it to its teachers. Part of our 2026-27 feedback priority.');
    expect(await trackPage()).not.toContain('data-district-recommendation');
    session.actor = w.north;
    expect(textOf(await trackPage())).toContain('District One recommends it to teachers at North School. North’s assessment year.');
    session.actor = null;
    for (const html of [await mcPage(), await trackPage()]) {
      expect(html).not.toContain('data-district-recommendation');
      expect(html).not.toContain('priority');
      expect(html).not.toContain('assessment year');
    }
  });
});

describe('telling teachers', () => {
  it('notifies each teacher of the audience once, in batches, even when the job runs twice', async () => {
    const w = await world();
    const quiet = await createActor({ name: 'Quinn Quiet', districtId: w.d1.id });
    await db.user.update({ where: { id: quiet.id }, data: { emailNotifications: false } });
    const gone = await createActor({ name: 'Dee Disabled', districtId: w.d1.id });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Our literacy priority.' });
    expect(await db.job.count({ where: { type: RECOMMENDATION_NOTICE_JOB } })).toBe(1);

    // A run cut short after one batch of two, then the queued job, then the job once more.
    const cut = await notifyRecommendationAudience(rec.id, { batchSize: 2, maxBatches: 1 });
    expect(cut.more).toBe(true);
    expect(cut.notified).toBeLessThanOrEqual(2);
    await runDueJobs(jobHandlers);
    await jobHandlers[RECOMMENDATION_NOTICE_JOB]({ recommendationId: rec.id });
    await runDueJobs(jobHandlers);

    const notices = await db.notification.findMany({ where: { kind: 'district.recommendation' }, select: { userId: true, title: true, body: true, href: true } });
    // The district's teachers, each once: not the leader who added it, not a disabled account, not another district's.
    expect(notices.map((n) => n.userId).sort()).toEqual([w.whole.id, w.north.id, w.south.id, quiet.id].sort());
    expect(notices[0]).toMatchObject({ title: 'District One recommends “Reading Conferences”', body: 'Our literacy priority.', href: `/micro-credentials/${w.a.slug}` });
    expect((await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).notifiedAt).not.toBeNull();
    // Emails only for those who want them, and each went out once.
    const emails = await db.emailMessage.findMany({ where: { subject: 'District One recommends “Reading Conferences”' }, select: { to: true } });
    expect(emails.map((e) => e.to).sort()).toEqual([w.whole.email, w.north.email, w.south.email].sort());
  });

  it('a school’s recommendation reaches that school’s teachers only', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s2.id });
    await notifyRecommendationAudience(rec.id);
    await notifyRecommendationAudience(rec.id);
    expect((await db.notification.findMany({ where: { kind: 'district.recommendation' } })).map((n) => n.userId)).toEqual([w.south.id]);
  });

  it('widening a school’s recommendation tells the teachers it now reaches, and nobody twice; narrowing tells nobody', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s2.id });
    await runDueJobs(jobHandlers);
    const told = async () => (await db.notification.findMany({ where: { kind: 'district.recommendation' }, select: { userId: true } })).map((n) => n.userId).sort();
    expect(await told()).toEqual([w.south.id]);

    // To another school: that school's teachers are told.
    await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s1.id, note: '' } });
    expect(await db.job.count({ where: { type: RECOMMENDATION_NOTICE_JOB, completedAt: null } })).toBe(1);
    await runDueJobs(jobHandlers);
    expect(await told()).toEqual([w.south.id, w.north.id].sort());

    // To the whole district: only the one teacher not yet told, and the job is done.
    await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: null, note: 'For everyone now.' } });
    await runDueJobs(jobHandlers);
    expect(await told()).toEqual([w.south.id, w.north.id, w.whole.id].sort());
    expect((await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).notifiedAt).not.toBeNull();

    // Back to one school, or only the note changed: nobody new to tell, no job.
    await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s2.id, note: 'South first.' } });
    await updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s2.id, note: 'South only.' } });
    expect(await db.job.count({ where: { type: RECOMMENDATION_NOTICE_JOB, completedAt: null } })).toBe(0);
    expect(await told()).toHaveLength(3);
  });
});

describe('the pages', () => {
  it('the dashboard shows "Recommended by {district}" with each note and status, earned last', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Literacy first.' });
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id, { schoolId: w.s1.id, note: 'North’s feedback year.' });
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id, { schoolId: w.s2.id, note: 'South only.' });
    await award(w, w.north.id, { mcId: w.a.id });
    session.actor = w.north;
    const html = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    const text = textOf(html);
    expect(text).toContain('Recommended by District One');
    expect(text).toMatch(/Not started Micro-credential · For North School Peer Feedback North’s feedback year\./);
    expect(text).toMatch(/Earned Micro-credential Reading Conferences Literacy first\./);
    expect(text.indexOf('Peer Feedback')).toBeLessThan(text.indexOf('Reading Conferences'));
    expect(text).not.toContain('South only');

    // No confirmed district, no section.
    session.actor = w.requester;
    expect(renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }))).not.toContain('Recommended by');
  });

  it('the leader page lists them with their uptake, and searches the catalogue to add more', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Literacy first.' });
    await db.enrollment.create({ data: { userId: w.north.id, microCredentialId: w.a.id } });
    const gone = await createActor({ name: 'Dee Disabled', districtId: w.d1.id });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await db.enrollment.create({ data: { userId: gone.id, microCredentialId: w.a.id } });
    session.actor = w.leader;
    const html = renderToStaticMarkup(await LeaderPage({ searchParams: Promise.resolve({ q: 'feedback' }) }));
    const text = textOf(html);
    expect(text).toContain('Your recommendations (1 of at most 30)');
    expect(text).toContain('Literacy first.');
    // The district's four people (the leader, Wendy, Nadia and Sam); not the disabled account.
    expect(text).toContain('Uptake of Reading Conferences among 4 teachers Enrolled 1 of 4 (25%) Sent evidence 0 of 4 (0%) Earned 0 of 4 (0%)');
    expect(text).toContain('Peer Feedback');
    expect(html).toContain('Recommend…');
  });
});

describe('an item recommended to the whole district and to a school', () => {
  it('is one card on the teacher’s dashboard, with the school’s note first and then the district’s', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Literacy across the district.' });
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { schoolId: w.s1.id, note: 'North starts in September.' });
    await add(w, w.leader, 'TRACK', w.track.id, { note: 'Same words.' });
    await add(w, w.leader, 'TRACK', w.track.id, { schoolId: w.s1.id, note: 'Same words.' });
    const north = (await listRecommendationsForTeacher(w.north))!.items;
    expect(north.map((i) => [i.target.title, i.notes, i.forSchool]).sort()).toEqual([
      ['Empowering Assessment', ['Same words.'], 'North School'],
      ['Reading Conferences', ['North starts in September.', 'Literacy across the district.'], 'North School'],
    ]);
    // South School has only the district's.
    expect((await listRecommendationsForTeacher(w.south))!.items.map((i) => [i.target.title, i.notes, i.forSchool]).sort()).toEqual([
      ['Empowering Assessment', ['Same words.'], null],
      ['Reading Conferences', ['Literacy across the district.'], null],
    ]);

    session.actor = w.north;
    const html = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    const section = html.slice(html.indexOf('id="recommended-heading"'));
    expect(textOf(section)).toMatch(/^[^<]*Recommended by District One 2 /);
    expect(cardTitles(section).filter((t) => t === 'Reading Conferences')).toHaveLength(1);
    expect(textOf(section)).toContain('North starts in September. Literacy across the district.');
    // The item's own page says both too.
    const page = renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: w.a.slug }), searchParams: Promise.resolve({}) }));
    expect(textOf(page)).toContain('District One recommends it to teachers at North School. North starts in September. Literacy across the district.');
  });

  it('tells a teacher about the item once, whichever of the two came first', async () => {
    const w = await world();
    const notices = async (userId: string) => db.notification.count({ where: { userId, kind: 'district.recommendation' } });
    // The whole district first, then North School.
    const all = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'For everyone.' });
    await notifyRecommendationAudience(all.id);
    const north = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { schoolId: w.s1.id, note: 'North first.' });
    // A North teacher who joined after the district-wide notice went out still hears of it, once.
    const late = await createActor({ name: 'Lia Late', districtId: w.d1.id, schoolId: w.s1.id });
    await notifyRecommendationAudience(north.id);
    for (const u of [w.whole, w.north, w.south, late]) expect(await notices(u.id)).toBe(1);
    expect(await db.notification.findFirst({ where: { userId: late.id }, select: { body: true } })).toMatchObject({ body: 'North first.' });
    expect((await db.districtRecommendation.findUniqueOrThrow({ where: { id: north.id } })).notifiedAt).not.toBeNull();

    // A school first, then the whole district: the others are told, North's teacher not again.
    const schoolFirst = await add(w, w.leader, 'STACK', w.stack.id, { schoolId: w.s1.id });
    await notifyRecommendationAudience(schoolFirst.id);
    const thenAll = await add(w, w.leader, 'STACK', w.stack.id);
    await notifyRecommendationAudience(thenAll.id);
    const stackNotices = await db.notification.findMany({ where: { kind: 'district.recommendation', href: '/stacks/feedback-stack' }, select: { userId: true } });
    expect(stackNotices.map((n) => n.userId).sort()).toEqual([w.whole.id, w.north.id, w.south.id, late.id].sort());
  });

  it('tells each teacher once when the two jobs run at the same time', async () => {
    const w = await world();
    // Enough North teachers for the two jobs to reach the same ones at the same moment.
    const more = await Promise.all(Array.from({ length: 10 }, (_, i) => createActor({ name: `North ${i}`, districtId: w.d1.id, schoolId: w.s1.id })));
    const all = await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id);
    const north = await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id, { schoolId: w.s1.id });
    await Promise.all([notifyRecommendationAudience(all.id, { batchSize: 1 }), notifyRecommendationAudience(north.id, { batchSize: 1 })]);
    const told = (await db.notification.findMany({ where: { kind: 'district.recommendation' }, select: { userId: true } })).map((n) => n.userId);
    expect(told.sort()).toEqual([w.whole.id, w.north.id, w.south.id, ...more.map((u) => u.id)].sort());
  });
});

describe('what could go wrong at the edges', () => {
  it('two leaders adding the 30th at once: exactly one gets in', async () => {
    const w = await world();
    const fillers = await Promise.all(Array.from({ length: RECOMMENDATIONS_PER_DISTRICT - 1 }, (_, i) =>
      db.microCredential.create({ data: { issuerId: w.issuer.id, slug: `filler-${i}`, topic: 'X', status: 'PUBLISHED' }, select: { id: true } })));
    await db.districtRecommendation.createMany({ data: fillers.map((m) => ({ districtId: w.d1.id, microCredentialId: m.id })) });
    const both = await Promise.allSettled([add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id), add(w, w.leader, 'TRACK', w.track.id)]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.districtRecommendation.count({ where: { districtId: w.d1.id } })).toBe(RECOMMENDATIONS_PER_DISTRICT);
  });

  it('two runs of one notice job at once, a teacher at a time: each teacher told once', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id);
    const runs = await Promise.all([notifyRecommendationAudience(rec.id, { batchSize: 1 }), notifyRecommendationAudience(rec.id, { batchSize: 1 })]);
    expect(runs[0].notified + runs[1].notified).toBe(3);
    const told = (await db.notification.findMany({ where: { kind: 'district.recommendation' }, select: { userId: true } })).map((n) => n.userId);
    expect(told.sort()).toEqual([w.whole.id, w.north.id, w.south.id].sort());
  });

  it('an item retired before the job runs: nobody is told, and the job is done', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id);
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.c.id });
    await runDueJobs(jobHandlers);
    expect(await db.notification.count({ where: { kind: 'district.recommendation' } })).toBe(0);
    expect((await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).notifiedAt).not.toBeNull();
  });

  it('a retired item is flagged on the leader’s page, and no longer shown to teachers on its own page', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.c.id, { note: 'Exit tickets this term.' });
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id);
    const mcPage = async () => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: w.c.slug }), searchParams: Promise.resolve({}) }));
    session.actor = w.north;
    expect(await mcPage()).toContain('data-district-recommendation');
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.c.id });
    const retired = await mcPage();
    expect(retired).not.toContain('data-district-recommendation');
    expect(retired).not.toContain('Exit tickets this term.');

    session.actor = w.leader;
    const text = textOf(renderToStaticMarkup(await LeaderPage({ searchParams: Promise.resolve({}) })));
    const flag = 'No longer in the catalogue: teachers do not see it';
    expect(text.split(flag)).toHaveLength(2);
    // On the retired one's card (listed newest first, so after Peer Feedback's).
    expect(text.indexOf(flag)).toBeGreaterThan(text.indexOf('Peer Feedback'));
    expect(text.indexOf(flag)).toBeLessThan(text.indexOf('Exit Tickets'));
  });

  it('deleting a catalogue item takes its recommendations with it', async () => {
    const w = await world();
    const item = await db.microCredential.create({ data: { issuerId: w.issuer.id, slug: 'short-lived', topic: 'X', status: 'PUBLISHED' }, select: { id: true } });
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', item.id);
    const kept = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id);
    await db.microCredential.delete({ where: { id: item.id } });
    expect(await db.districtRecommendation.findUnique({ where: { id: rec.id } })).toBeNull();
    expect(await db.districtRecommendation.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });

  it('refuses to move a recommendation to another district’s school', async () => {
    const w = await world();
    const rec = await add(w, w.leader, 'MICRO_CREDENTIAL', w.a.id, { note: 'Ours.' });
    await expect(updateRecommendation({ actor: w.leader, input: { recommendationId: rec.id, schoolId: w.s3.id, note: 'Theirs.' } }))
      .rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { schoolId: [expect.any(String)] } });
    expect(await db.districtRecommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ schoolId: null, note: 'Ours.' });
    expect(await db.auditLog.count({ where: { action: 'district.recommendation_edit' } })).toBe(0);
  });

  it('a misspelt search among recommended items is corrected within them only', async () => {
    const w = await world();
    await add(w, w.leader, 'MICRO_CREDENTIAL', w.b.id);
    const scope = { districtId: w.d1.id, schoolId: w.s1.id };
    const corrected = async (q: Record<string, string>) => (await correctCatalogSearch(CatalogSearchInput.parse({ q: 'feedbak', ...q }), { recommended: await recommendedCatalogKeys(scope) }));
    // Without the filter the correction finds other items too; with it, only the recommended one.
    expect((await corrected({}))?.items.map((i) => i.title)).toEqual(expect.arrayContaining(['Feedback Stack', 'Peer Feedback', 'Exit Tickets']));
    const within = await corrected({ recommended: '1' });
    expect(within?.q).toBe('feedback');
    expect(within?.items.map((i) => i.title)).toEqual(['Peer Feedback']);
  });
});
