import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PublishStatus } from '@/lib/generated/prisma/enums';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { conflict, invalidState, isUniqueViolation, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { RECOMMENDATION_NOTICE_JOB } from '@/lib/district/recommendation-notices';
import { audienceSql, audienceUserWhere, recommendationsForWhere } from '@/lib/district/recommendation-audience';
import {
  RECOMMENDATIONS_PER_DISTRICT,
  recommendationHref,
  type AddRecommendationInput,
  type RecommendationKind,
  type RecommendationStatus,
  type RemoveRecommendationInput,
  type UpdateRecommendationInput,
} from '@/lib/district/recommendation-schemas';

// District recommendations ("our priorities"): catalogue items a district's leaders point its
// teachers at, for the whole district or one school. Leaders add, edit and remove them and see their
// uptake; teachers see those of their confirmed district (User.districtId, never a district they only
// asked to join): the whole district's and their own school's. Every change is in the audit log.

const ENTITY_TYPE: Record<RecommendationKind, 'MicroCredential' | 'Track' | 'Stack'> = { MICRO_CREDENTIAL: 'MicroCredential', TRACK: 'Track', STACK: 'Stack' };
const TARGET_COLUMN = { MICRO_CREDENTIAL: 'microCredentialId', TRACK: 'trackId', STACK: 'stackId' } as const;

const targetSelect = {
  microCredential: { select: { id: true, slug: true, status: true, level: true, currentVersion: { select: { title: true, badgeColor: true } } } },
  track: { select: { id: true, slug: true, status: true, title: true, kind: true, microCredentials: { select: { id: true, status: true } } } },
  stack: { select: { id: true, slug: true, status: true, title: true, badgeColor: true, items: { select: { microCredentialId: true } } } },
} satisfies Prisma.DistrictRecommendationSelect;

type TargetRow = Prisma.DistrictRecommendationGetPayload<{ select: typeof targetSelect }>;

/** What a recommendation points at, however it is stored. */
export type RecommendationTarget = {
  kind: RecommendationKind;
  id: string;
  slug: string;
  title: string;
  status: PublishStatus;
  href: string;
  badgeColor: string;
  level: number | null;
  /** The micro-credentials whose enrolments, applications and badges count for it (a track's levels, a stack's parts). */
  microCredentialIds: string[];
  /** The published ones: what a teacher has to earn (all of a track's levels) to have earned it. */
  parts: string[];
};

function targetOf(row: TargetRow): RecommendationTarget {
  if (row.microCredential) {
    const m = row.microCredential;
    const title = m.currentVersion?.title ?? m.slug;
    return { kind: 'MICRO_CREDENTIAL', id: m.id, slug: m.slug, title, status: m.status, href: recommendationHref('MICRO_CREDENTIAL', m.slug), badgeColor: m.currentVersion?.badgeColor ?? '#1d4ed8', level: m.level, microCredentialIds: [m.id], parts: [m.id] };
  }
  if (row.track) {
    const t = row.track;
    return {
      kind: 'TRACK', id: t.id, slug: t.slug, title: t.title, status: t.status, href: recommendationHref('TRACK', t.slug), badgeColor: '#1d4ed8', level: null,
      microCredentialIds: t.microCredentials.map((m) => m.id), parts: t.microCredentials.filter((m) => m.status === 'PUBLISHED').map((m) => m.id),
    };
  }
  // The CHECK constraint makes one of the three present.
  const s = row.stack!;
  const ids = s.items.map((i) => i.microCredentialId);
  return { kind: 'STACK', id: s.id, slug: s.slug, title: s.title, status: s.status, href: recommendationHref('STACK', s.slug), badgeColor: s.badgeColor, level: null, microCredentialIds: ids, parts: ids };
}

/** The catalogue item as it stands now, or null when there is no such record. */
async function loadTarget(client: Tx | typeof db, kind: RecommendationKind, id: string): Promise<{ id: string; title: string; status: PublishStatus } | null> {
  if (kind === 'MICRO_CREDENTIAL') {
    const m = await client.microCredential.findUnique({ where: { id }, select: { id: true, slug: true, status: true, currentVersion: { select: { title: true } } } });
    return m ? { id: m.id, title: m.currentVersion?.title ?? m.slug, status: m.status } : null;
  }
  if (kind === 'TRACK') return client.track.findUnique({ where: { id }, select: { id: true, title: true, status: true } });
  return client.stack.findUnique({ where: { id }, select: { id: true, title: true, status: true } });
}

/** A school of this district, or a refusal (another district's school, or no school at all). */
async function districtSchool(districtId: string, schoolId: string) {
  const school = await db.organization.findFirst({ where: { id: schoolId, kind: 'SCHOOL', parentId: districtId }, select: { id: true, name: true } });
  if (!school) throw validation('Choose one of your district’s schools, or the whole district.', { schoolId: ['Choose one of your district’s schools, or the whole district.'] });
  return school;
}

/** Two leaders (or a double submit) adding to one district take turns, so the cap holds. */
async function lockDistrictRecommendations(tx: Tx, districtId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`district-recommendations:${districtId}`}))`;
}

const DUPLICATE = 'You already recommend this to that audience. Edit that recommendation instead.';

export async function addRecommendation(opts: { actor: Actor; input: AddRecommendationInput }) {
  const { input, actor } = opts;
  assertLeads(actor, input.districtId);
  const district = await db.organization.findFirst({ where: { id: input.districtId, kind: 'DISTRICT' }, select: { id: true } });
  if (!district) throw notFound('That district');
  const school = input.schoolId ? await districtSchool(district.id, input.schoolId) : null;
  const target = await loadTarget(db, input.kind, input.targetId);
  if (!target) throw notFound('That catalogue item');
  if (target.status !== 'PUBLISHED') throw invalidState('Only items in the catalogue can be recommended: this one is not published.');
  try {
    return await db.$transaction(async (tx) => {
      await lockDistrictRecommendations(tx, district.id);
      const count = await tx.districtRecommendation.count({ where: { districtId: district.id } });
      if (count >= RECOMMENDATIONS_PER_DISTRICT) {
        throw invalidState(`Your district already has ${RECOMMENDATIONS_PER_DISTRICT} recommendations, the most it can have. Remove one you no longer need before adding another.`);
      }
      const rec = await tx.districtRecommendation.create({
        data: { districtId: district.id, [TARGET_COLUMN[input.kind]]: target.id, schoolId: school?.id ?? null, note: input.note, createdById: actor.id },
        select: { id: true },
      });
      await recordAudit({
        actorId: actor.id, action: 'district.recommendation_add', entityType: ENTITY_TYPE[input.kind], entityId: target.id, organizationId: district.id,
        data: { recommendationId: rec.id, title: target.title, school: school?.name ?? null, note: input.note },
      }, tx);
      // Telling the audience is a job: a district can have tens of thousands of teachers.
      await enqueueJob({ type: RECOMMENDATION_NOTICE_JOB, payload: { recommendationId: rec.id } }, tx);
      return { id: rec.id, title: target.title, school: school?.name ?? null };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(DUPLICATE);
    throw e;
  }
}

/**
 * A recommendation of a district the actor leads. Another district's (or an id that is none) is
 * "not found", the same answer for both, so ids cannot be probed.
 */
async function loadForLeader(actor: Actor, recommendationId: string) {
  const rec = await db.districtRecommendation.findFirst({
    where: { id: recommendationId, ...(isPlatformAdmin(actor) ? {} : { districtId: { in: orgIdsWithRole(actor, 'DISTRICT_LEADER') } }) },
    select: { id: true, districtId: true, schoolId: true, note: true, school: { select: { name: true } }, ...targetSelect },
  });
  if (!rec) throw notFound('That recommendation');
  return rec;
}

export async function updateRecommendation(opts: { actor: Actor; input: UpdateRecommendationInput }) {
  const { actor, input } = opts;
  const rec = await loadForLeader(actor, input.recommendationId);
  const school = input.schoolId ? await districtSchool(rec.districtId, input.schoolId) : null;
  const target = targetOf(rec);
  if ((school?.id ?? null) === rec.schoolId && input.note === rec.note) return { id: rec.id, title: target.title, changed: false, widened: false };
  // Widened (one school to the whole district, or to another school): the teachers it now reaches
  // are told, by the same job from the start; those told before are skipped there.
  const widened = rec.schoolId !== null && (school?.id ?? null) !== rec.schoolId;
  const data: Record<string, { from: string | null; to: string | null }> = {};
  if ((school?.id ?? null) !== rec.schoolId) data.school = { from: rec.school?.name ?? null, to: school?.name ?? null };
  if (input.note !== rec.note) data.note = { from: rec.note, to: input.note };
  try {
    await db.$transaction(async (tx) => {
      // Ownership again in the write: the district it belonged to when it was loaded.
      const updated = await tx.districtRecommendation.updateMany({ where: { id: rec.id, districtId: rec.districtId }, data: { schoolId: school?.id ?? null, note: input.note } });
      if (updated.count !== 1) throw notFound('That recommendation');
      if (widened) {
        await tx.$executeRaw`UPDATE "DistrictRecommendation" SET "notifiedThroughUserId" = NULL, "notifiedAt" = NULL WHERE "id" = ${rec.id}`;
        await enqueueJob({ type: RECOMMENDATION_NOTICE_JOB, payload: { recommendationId: rec.id } }, tx);
      }
      await recordAudit({
        actorId: actor.id, action: 'district.recommendation_edit', entityType: ENTITY_TYPE[target.kind], entityId: target.id, organizationId: rec.districtId,
        data: { recommendationId: rec.id, title: target.title, ...data },
      }, tx);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(DUPLICATE);
    throw e;
  }
  return { id: rec.id, title: target.title, changed: true, widened };
}

export async function removeRecommendation(opts: { actor: Actor; input: RemoveRecommendationInput }) {
  const { actor, input } = opts;
  const rec = await loadForLeader(actor, input.recommendationId);
  const target = targetOf(rec);
  await db.$transaction(async (tx) => {
    const removed = await tx.districtRecommendation.deleteMany({ where: { id: rec.id, districtId: rec.districtId } });
    if (removed.count !== 1) throw notFound('That recommendation');
    await recordAudit({
      actorId: actor.id, action: 'district.recommendation_remove', entityType: ENTITY_TYPE[target.kind], entityId: target.id, organizationId: rec.districtId,
      data: { recommendationId: rec.id, title: target.title, school: rec.school?.name ?? null, note: rec.note },
    }, tx);
  });
  return { title: target.title };
}

// ───────────────────────────── Uptake (the leader's list) ─────────────────────────────

export type Uptake = { teachers: number; enrolled: number; submitted: number; earned: number };

/** One recommendation as the uptake counts see it. */
export type UptakeTarget = { id: string; schoolId: string | null; kind: RecommendationKind; targetId: string; microCredentialIds: string[] };

type Pairs = { rec: string[]; school: (string | null)[]; target: string[] };
const pairs = (): Pairs => ({ rec: [], school: [], target: [] });
const push = (p: Pairs, rec: string, school: string | null, target: string) => {
  p.rec.push(rec);
  p.school.push(school);
  p.target.push(target);
};
const unnest = (p: Pairs) => Prisma.sql`unnest(${p.rec}::text[], ${p.school}::text[], ${p.target}::text[]) AS p(rec, school, target)`;

/**
 * Among the district's teachers in each recommendation's audience (the whole district, or one
 * school): how many are enrolled in it, have sent evidence for it, and hold a current badge for it
 * (not revoked, not suspended, not past its end date). A track counts through its levels, and its
 * own enrolment; a stack through its parts, and is earned with the stack badge. Four statements
 * whatever the number of recommendations, each reading from the credentials' side (their
 * enrolments, applications and badges) and keeping the district's teachers.
 */
export async function recommendationUptake(districtId: string, recs: UptakeTarget[], now = new Date()): Promise<Map<string, Uptake>> {
  const out = new Map<string, Uptake>();
  if (!recs.length) return out;
  const credentials = pairs();
  const earnedCredentials = pairs();
  const tracks = pairs();
  const stacks = pairs();
  for (const r of recs) {
    for (const mc of r.microCredentialIds) {
      push(credentials, r.id, r.schoolId, mc);
      if (r.kind !== 'STACK') push(earnedCredentials, r.id, r.schoolId, mc);
    }
    if (r.kind === 'TRACK') push(tracks, r.id, r.schoolId, r.targetId);
    if (r.kind === 'STACK') push(stacks, r.id, r.schoolId, r.targetId);
  }
  const inAudience = audienceSql('u', districtId, Prisma.sql`x.school`);
  const current = Prisma.sql`a."revokedAt" IS NULL AND a."suspendedAt" IS NULL AND (a."validUntil" IS NULL OR a."validUntil" > ${now})`;
  // Each count reads the credentials' rows first (MATERIALIZED: the planner would otherwise walk the
  // district's teachers and probe every credential for each, which grows with both), then keeps the
  // audience's teachers by primary key.
  const count = (rows: Prisma.Sql) => db.$queryRaw<{ rec: string; n: number }[]>`
    WITH x AS MATERIALIZED (${rows})
    SELECT x.rec, count(DISTINCT u.id)::int AS n FROM x JOIN "User" u ON u.id = x."userId" AND ${inAudience}
    GROUP BY x.rec`;
  const [audience, enrolled, submitted, earned] = await Promise.all([
    db.user.groupBy({ by: ['schoolId'], where: audienceUserWhere({ districtId, schoolId: null }), _count: { _all: true } }),
    count(Prisma.sql`
      SELECT p.rec, p.school, e."userId" FROM ${unnest(credentials)} JOIN "Enrollment" e ON e."microCredentialId" = p.target AND e."withdrawnAt" IS NULL
      UNION ALL
      SELECT p.rec, p.school, e."userId" FROM ${unnest(tracks)} JOIN "Enrollment" e ON e."trackId" = p.target AND e."withdrawnAt" IS NULL`),
    count(Prisma.sql`
      SELECT p.rec, p.school, s."userId" FROM ${unnest(credentials)} JOIN "Submission" s ON s."microCredentialId" = p.target AND s."lastSubmittedAt" IS NOT NULL`),
    count(Prisma.sql`
      SELECT p.rec, p.school, a."userId" FROM ${unnest(earnedCredentials)} JOIN "Award" a ON a."microCredentialId" = p.target AND ${current}
      UNION ALL
      SELECT p.rec, p.school, a."userId" FROM ${unnest(stacks)} JOIN "Award" a ON a."stackId" = p.target AND ${current}`),
  ]);
  const whole = audience.reduce((sum, a) => sum + a._count._all, 0);
  const atSchool = new Map(audience.map((a) => [a.schoolId, a._count._all]));
  const by = (rows: { rec: string; n: number }[]) => new Map(rows.map((r) => [r.rec, r.n]));
  const [e, s, w] = [by(enrolled), by(submitted), by(earned)];
  for (const r of recs) {
    out.set(r.id, { teachers: r.schoolId ? (atSchool.get(r.schoolId) ?? 0) : whole, enrolled: e.get(r.id) ?? 0, submitted: s.get(r.id) ?? 0, earned: w.get(r.id) ?? 0 });
  }
  return out;
}

export type LeaderRecommendation = {
  id: string;
  target: RecommendationTarget;
  school: { id: string; name: string } | null;
  note: string;
  createdAt: Date;
  createdBy: string | null;
  uptake: Uptake;
};

/** The district's recommendations, newest first, with their uptake. At most the cap, so one list. */
export async function listDistrictRecommendations(opts: { actor: Actor; districtId: string; now?: Date }): Promise<LeaderRecommendation[]> {
  assertLeads(opts.actor, opts.districtId);
  const rows = await db.districtRecommendation.findMany({
    where: { districtId: opts.districtId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: RECOMMENDATIONS_PER_DISTRICT,
    select: { id: true, schoolId: true, note: true, createdAt: true, school: { select: { id: true, name: true } }, createdBy: { select: { name: true } }, ...targetSelect },
  });
  const items = rows.map((r) => ({ row: r, target: targetOf(r) }));
  const uptake = await recommendationUptake(
    opts.districtId,
    items.map(({ row, target }) => ({ id: row.id, schoolId: row.schoolId, kind: target.kind, targetId: target.id, microCredentialIds: target.microCredentialIds })),
    opts.now,
  );
  return items.map(({ row, target }) => ({
    id: row.id, target, school: row.school, note: row.note, createdAt: row.createdAt, createdBy: row.createdBy?.name ?? null,
    uptake: uptake.get(row.id) ?? { teachers: 0, enrolled: 0, submitted: 0, earned: 0 },
  }));
}

// ───────────────────────────── What teachers see ─────────────────────────────

/** The recommendations that reach this teacher: their confirmed district's, for all or for their school. */
const teacherScope = (actor: Pick<Actor, 'districtId' | 'schoolId'>) => recommendationsForWhere(actor);

export type TeacherRecommendation = {
  /** The item (`KIND:id`): one card per item, however many of its recommendations reach the teacher. */
  key: string;
  target: RecommendationTarget;
  /** What the district says about it: its school's note first (the more specific), then the whole district's when it differs. */
  notes: string[];
  /** The teacher's school, when it is recommended to that school (whether or not also to the whole district). */
  forSchool: string | null;
  status: RecommendationStatus;
  /** For a track: how many of its parts the teacher holds a current badge for; for a stack, a badge not revoked or on hold, as the stack is awarded (expired or not). */
  progress: { earned: number; total: number } | null;
};

const statusOrder: Record<RecommendationStatus, number> = { 'needs-changes': 0, 'in-review': 1, renew: 2, withdrawn: 3, enrolled: 4, 'not-started': 5, earned: 6 };

type ReachingRow = { id: string; note: string; schoolId: string | null; school: { name: string } | null } & TargetRow;

/**
 * One entry per catalogue item among the recommendations reaching a teacher (an item can be
 * recommended to the whole district and to their school at once), at the place of its newest
 * recommendation; only items still in the catalogue (a retired one is left out).
 */
function mergeByItem(rows: ReachingRow[]) {
  const byItem = new Map<string, { key: string; target: RecommendationTarget; school: ReachingRow | null; district: ReachingRow | null }>();
  for (const row of rows) {
    const target = targetOf(row);
    if (target.status !== 'PUBLISHED') continue;
    const key = `${target.kind}:${target.id}`;
    const item = byItem.get(key) ?? { key, target, school: null, district: null };
    if (row.schoolId) item.school ??= row;
    else item.district ??= row;
    byItem.set(key, item);
  }
  return [...byItem.values()].map(({ key, target, school, district }) => {
    const notes = [school?.note, district?.note].filter((n): n is string => Boolean(n));
    return { key, target, notes: [...new Set(notes)], forSchool: school?.school?.name ?? null };
  });
}

/**
 * The teacher dashboard's list: what their confirmed district recommends to them, with where they
 * stand on each; what needs them first, earned last. Null for a teacher without a confirmed district.
 * Items no longer in the catalogue (retired by their issuer) are left out.
 */
export async function listRecommendationsForTeacher(actor: Actor, now = new Date()): Promise<{ districtName: string; items: TeacherRecommendation[] } | null> {
  const scope = teacherScope(actor);
  if (!scope) return null;
  const [district, rows] = await Promise.all([
    db.organization.findFirst({ where: { id: actor.districtId!, kind: 'DISTRICT' }, select: { name: true } }),
    db.districtRecommendation.findMany({
      where: scope,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: RECOMMENDATIONS_PER_DISTRICT,
      select: { id: true, note: true, schoolId: true, school: { select: { name: true } }, ...targetSelect },
    }),
  ]);
  if (!district) return null;
  const items = mergeByItem(rows);
  if (!items.length) return { districtName: district.name, items: [] };

  const mcIds = [...new Set(items.flatMap((i) => i.target.microCredentialIds))];
  const trackIds = items.filter((i) => i.target.kind === 'TRACK').map((i) => i.target.id);
  const stackIds = items.filter((i) => i.target.kind === 'STACK').map((i) => i.target.id);
  const [enrollments, submissions, awards] = await Promise.all([
    // Stopped ones too: unsent work on a credential the teacher stopped is not "started" (below).
    db.enrollment.findMany({
      where: { userId: actor.id, OR: [...(mcIds.length ? [{ microCredentialId: { in: mcIds } }] : []), ...(trackIds.length ? [{ trackId: { in: trackIds } }] : [])] },
      select: { microCredentialId: true, trackId: true, withdrawnAt: true },
    }),
    mcIds.length ? db.submission.findMany({ where: { userId: actor.id, microCredentialId: { in: mcIds } }, select: { microCredentialId: true, status: true } }) : [],
    // Every badge of theirs for these, current or not: an expired one is to renew, a withdrawn one is said so.
    db.award.findMany({
      where: { userId: actor.id, OR: [...(mcIds.length ? [{ microCredentialId: { in: mcIds } }] : []), ...(stackIds.length ? [{ stackId: { in: stackIds } }] : [])] },
      select: { microCredentialId: true, stackId: true, revokedAt: true, suspendedAt: true, validUntil: true },
    }),
  ]);
  const enrolled = new Set(enrollments.filter((e) => !e.withdrawnAt).flatMap((e) => [e.microCredentialId, e.trackId].filter((x): x is string => Boolean(x))));
  // A draft or a revision the teacher stopped working on ("Stop working on it") waits, kept, until
  // they pick it up: it is neither work under way nor changes they are asked to make now.
  const stoppedMcs = new Set(enrollments.filter((e) => e.withdrawnAt && e.microCredentialId).map((e) => e.microCredentialId!));
  const live = submissions.filter((s) => !((s.status === 'DRAFT' || s.status === 'NEEDS_REVISION') && stoppedMcs.has(s.microCredentialId)));
  const inReview = new Set(live.filter((s) => s.status === 'SUBMITTED' || s.status === 'IN_REVIEW').map((s) => s.microCredentialId));
  const needsChanges = new Set(live.filter((s) => s.status === 'NEEDS_REVISION').map((s) => s.microCredentialId));
  const started = new Set(live.map((s) => s.microCredentialId));
  const awardOf = (a: (typeof awards)[number]) => a.microCredentialId ?? a.stackId;
  const isCurrent = (a: (typeof awards)[number]) => !a.revokedAt && !a.suspendedAt && (!a.validUntil || a.validUntil > now);
  const held = new Set(awards.filter(isCurrent).map(awardOf).filter((x): x is string => Boolean(x)));
  const expired = new Set(awards.filter((a) => !a.revokedAt && !a.suspendedAt && a.validUntil && a.validUntil <= now).map(awardOf).filter((x): x is string => Boolean(x)));
  const withdrawn = new Set(awards.filter((a) => a.revokedAt || a.suspendedAt).map(awardOf).filter((x): x is string => Boolean(x)));
  // A stack's parts count as the awarding job counts them (validPartAwards, docs/decisions/012): a
  // badge not revoked and not on hold, expired or not (a part's expiry does not affect the stack),
  // so the card agrees with the stack page and "Stacks you're building".
  const stackPart = new Set(awards.filter((a) => a.microCredentialId && !a.revokedAt && !a.suspendedAt).map((a) => a.microCredentialId!));

  const out = items.map(({ key, target, notes, forSchool }): TeacherRecommendation => {
    const partsHeld = target.parts.filter((id) => (target.kind === 'STACK' ? stackPart : held).has(id)).length;
    const earned = target.kind === 'STACK' ? held.has(target.id) : target.kind === 'TRACK' ? target.parts.length > 0 && partsHeld === target.parts.length : held.has(target.id);
    const ids = target.kind === 'STACK' ? [...target.microCredentialIds, target.id] : target.microCredentialIds;
    const any = (set: Set<string>) => ids.some((id) => set.has(id));
    const status: RecommendationStatus = earned ? 'earned'
      : any(needsChanges) ? 'needs-changes'
        : any(inReview) ? 'in-review'
          : any(expired) && !any(held) ? 'renew'
            : any(withdrawn) && !any(held) ? 'withdrawn'
              : enrolled.has(target.id) || ids.some((id) => enrolled.has(id) || started.has(id) || held.has(id)) ? 'enrolled'
                : 'not-started';
    return { key, target, notes, forSchool, status, progress: target.kind === 'MICRO_CREDENTIAL' ? null : { earned: partsHeld, total: target.parts.length } };
  });
  // Stable: within a status, newest first as loaded.
  out.sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  return { districtName: district.name, items: out };
}

/**
 * For a catalogue item's own page: the teacher's district's recommendation of it, or null. Its
 * school's note first, as on the dashboard, then the whole district's when it differs. Null once
 * the item is no longer in the catalogue (retired), as the dashboard leaves it out. Only for a
 * signed-in teacher with a confirmed district: never called for anonymous visitors, whose pages are
 * cached for everyone.
 */
export async function getRecommendationForItem(actor: Actor, kind: RecommendationKind, targetId: string): Promise<{ districtName: string; notes: string[]; forSchool: string | null } | null> {
  const scope = teacherScope(actor);
  if (!scope) return null;
  const targetRelation = ({ MICRO_CREDENTIAL: 'microCredential', TRACK: 'track', STACK: 'stack' } as const)[kind];
  const rows = await db.districtRecommendation.findMany({
    where: { AND: [scope, { [TARGET_COLUMN[kind]]: targetId, [targetRelation]: { status: 'PUBLISHED' } }] },
    orderBy: { schoolId: { sort: 'asc', nulls: 'last' } },
    // The whole district's and the teacher's school's, at most.
    take: 2,
    select: { note: true, schoolId: true, district: { select: { name: true } }, school: { select: { name: true } } },
  });
  if (!rows.length) return null;
  const forSchool = rows.find((r) => r.schoolId)?.school?.name ?? null;
  return { districtName: rows[0].district.name, notes: [...new Set(rows.map((r) => r.note).filter(Boolean))], forSchool };
}

/** The catalogue entries (as `KIND:refId`) the teacher's district recommends to them, to tag cards. */
export async function recommendedCatalogKeys(actor: Pick<Actor, 'districtId' | 'schoolId'>): Promise<Set<string>> {
  const scope = teacherScope(actor);
  if (!scope) return new Set();
  const rows = await db.districtRecommendation.findMany({ where: scope, take: RECOMMENDATIONS_PER_DISTRICT, select: { microCredentialId: true, trackId: true, stackId: true } });
  return new Set(rows.map((r) => (r.microCredentialId ? `MICRO_CREDENTIAL:${r.microCredentialId}` : r.trackId ? `TRACK:${r.trackId}` : `STACK:${r.stackId}`)));
}

/** How many recommendations the district has (the overview's figure). */
export async function countDistrictRecommendations(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  return db.districtRecommendation.count({ where: { districtId: opts.districtId } });
}
