import 'server-only';
import { db, type Tx } from '@/lib/db';
import { notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { assertLeads } from '@/lib/district/access';
import { ensureMembership } from '@/lib/people/membership';
import { notify } from '@/lib/notifications/notify';
import { pageOfOpenInvitations, withInviterNames } from '@/lib/people/queries';
import { INVITATION_EMAIL_JOB } from '@/lib/people/schemas';
import { releaseClaimsAfterPlacementMove } from '@/lib/review/claims';

// What a district leader manages about the people of their district: which school a teacher is at,
// and whether a teacher still belongs to the district (teachers who move away). Invitations and
// leader roles go through lib/people/mutations.ts (inviteMember, changeRole), which check the same
// leadership. Every function checks that the actor leads `districtId`, and that the teacher is
// linked to it, against the database.

/** The district's schools, for placing teachers and inviting them to a school. */
export async function listDistrictSchools(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  return db.organization.findMany({ where: { kind: 'SCHOOL', parentId: opts.districtId }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

/** The district's leaders (people with the district-leader role). */
export async function listDistrictLeaders(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  const rows = await db.membership.findMany({
    where: { organizationId: opts.districtId, role: 'DISTRICT_LEADER' },
    orderBy: { user: { name: 'asc' } },
    take: 200,
    select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ ...r.user, since: r.createdAt }));
}

/** The people page lists this many school leaders at most, and says how many it leaves out. */
export const SCHOOL_LEADERS_SHOWN = 500;

/**
 * The leaders (principals) of the district's schools, by school then name (ADR 016): the first
 * SCHOOL_LEADERS_SHOWN, and how many there are in all.
 */
export async function listSchoolLeaders(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  const where = { role: 'SCHOOL_LEADER' as const, organization: { kind: 'SCHOOL' as const, parentId: opts.districtId } };
  const [rows, total] = await Promise.all([
    db.membership.findMany({
      where,
      orderBy: [{ organization: { name: 'asc' } }, { user: { name: 'asc' } }],
      take: SCHOOL_LEADERS_SHOWN,
      select: { createdAt: true, organization: { select: { id: true, name: true } }, user: { select: { id: true, name: true, email: true } } },
    }),
    db.membership.count({ where }),
  ]);
  return { items: rows.map((r) => ({ ...r.user, school: r.organization, since: r.createdAt })), total };
}

/**
 * Whether the email of an invitation made from a file (its INVITATION_EMAIL_JOB) has not gone out:
 * `waiting` while the job is still to run or to be retried, `failed` once the queue gave up on it.
 * Invitations made one at a time are emailed in the request, and file invitations whose email went
 * out, have none.
 */
export type InvitationEmailStatus = 'waiting' | 'failed';

/**
 * Open invitations to the district and to its schools, a page at a time (newest first), searchable
 * by email: the page, how many match in all (`total`), how many came on earlier pages (`before`),
 * who sent each (`invitedByName`), and for each invitation made from a file whose email has not gone
 * out, why (`emailStatus`).
 */
export async function listDistrictInvitations(opts: { actor: Actor; districtId: string; q?: string; cursor?: string; now?: Date }) {
  assertLeads(opts.actor, opts.districtId);
  // The district and its schools by id, so the list rides the (organizationId, createdAt) index.
  const schools = await db.organization.findMany({ where: { kind: 'SCHOOL', parentId: opts.districtId }, select: { id: true } });
  const { items, nextCursor, total, before } = await pageOfOpenInvitations(
    { organizationId: { in: [opts.districtId, ...schools.map((s) => s.id)] } },
    opts,
    { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedById: true, organization: { select: { name: true, kind: true } } },
  );
  // Only the ids of this district's page are asked about, so a leader learns nothing of other jobs.
  const [statuses, named] = await Promise.all([fileInvitationEmailStatuses(items.map((i) => i.id)), withInviterNames(items)]);
  return { items: named.map((i) => ({ ...i, emailStatus: statuses.get(i.id) ?? null })), nextCursor, total, before };
}

/**
 * The email status of the given invitations made from a file, in one query: their unfinished email
 * jobs (a finished one sent the email, or found nothing to send). Only unfinished jobs have a null
 * completedAt, so this reads a small range of the Job (completedAt, runAt) index.
 *
 * A job on its last attempt is locked while it runs: still `waiting`, not `failed`, until the queue
 * records the failure (or its upkeep marks a crashed attempt given up, unlocking it).
 *
 * An invitation that was resent has no status: Resend put a link of its own in place and emailed it
 * (or showed it to whoever resent), so the job can no longer send, and a failure before that is
 * moot. The invitation's hash cannot say so by itself: a job whose send failed has already replaced
 * the placeholder with its own link's hash, which only the server's secret tells from Resend's
 * random one. The Resend's audit entry, written in the same transaction as its new link
 * (lib/people/mutations.ts, resendInvitation), can: it is looked up on the
 * (entityType, entityId, at) index.
 */
async function fileInvitationEmailStatuses(invitationIds: string[]): Promise<Map<string, InvitationEmailStatus>> {
  if (!invitationIds.length) return new Map();
  const rows = await db.$queryRaw<{ invitationId: string; givenUp: boolean }[]>`
    SELECT j."payload"->>'invitationId' AS "invitationId", (j."attempts" >= j."maxAttempts" AND j."lockedAt" IS NULL) AS "givenUp"
    FROM "Job" j
    WHERE j."completedAt" IS NULL AND j."type" = ${INVITATION_EMAIL_JOB}
      AND j."payload"->>'invitationId' = ANY(${invitationIds}::text[])
      AND NOT EXISTS (
        SELECT 1 FROM "AuditLog" a
        WHERE a."entityType" = 'Invitation' AND a."entityId" = j."payload"->>'invitationId' AND a."action" = 'people.invitation_resend'
      )`;
  const statuses = new Map<string, InvitationEmailStatus>();
  // One job per invitation; were there two, one still to run wins (its email may yet go out).
  for (const r of rows) if (statuses.get(r.invitationId) !== 'waiting') statuses.set(r.invitationId, r.givenUp ? 'failed' : 'waiting');
  return statuses;
}

async function loadDistrictTeacher(districtId: string, userId: string) {
  // A person not linked to this district is "not found" to its leader, whoever they are.
  const teacher = await db.user.findFirst({ where: { id: userId, districtId }, select: { id: true, name: true, schoolId: true } });
  if (!teacher) throw notFound('That teacher');
  return teacher;
}

/** Places a teacher of the district at one of its schools, or at none (district-wide). */
export async function setTeacherSchool(opts: { actor: Actor; districtId: string; userId: string; schoolId: string | null }) {
  assertLeads(opts.actor, opts.districtId);
  const teacher = await loadDistrictTeacher(opts.districtId, opts.userId);
  if (opts.schoolId) {
    const school = await db.organization.findFirst({ where: { id: opts.schoolId, kind: 'SCHOOL', parentId: opts.districtId }, select: { id: true } });
    if (!school) throw validation('Choose one of your district’s schools.', { schoolId: ['Choose one of your district’s schools.'] });
  }
  if (teacher.schoolId === opts.schoolId) return { changed: false };
  await db.$transaction(async (tx) => {
    // Guarded: a teacher removed from the district a moment ago is not placed back in one of its schools.
    const moved = await tx.user.updateMany({ where: { id: teacher.id, districtId: opts.districtId }, data: { schoolId: opts.schoolId } });
    if (moved.count !== 1) throw notFound('That teacher');
    // Memberships follow the placement: the teacher role at the new school only, or at the
    // district itself when placed district-wide (so the link always shows who made it).
    const placedAt = opts.schoolId ?? opts.districtId;
    await tx.membership.deleteMany({
      where: { userId: teacher.id, role: 'TEACHER', organizationId: { not: placedAt }, OR: [{ organizationId: opts.districtId }, { organization: { kind: 'SCHOOL', parentId: opts.districtId } }] },
    });
    await ensureMembership(tx, teacher.id, placedAt, 'TEACHER');
    await recordAudit({ actorId: opts.actor.id, action: 'people.set_school', entityType: 'User', entityId: teacher.id, organizationId: opts.districtId, data: { from: teacher.schoolId, to: opts.schoolId } }, tx);
  });
  // A teacher who also reviews may now share a school with work they hold, or the reverse.
  await releaseClaimsAfterPlacementMove([teacher.id]);
  return { changed: true };
}

/**
 * Unlinks a teacher from the district (they moved away or left). Their account, work and badges stay
 * theirs. The district stops counting them in its teachers and reports; a proposal still waiting for
 * the district's decision goes back to the teacher as a draft (nothing they wrote is lost; without a
 * district they no longer need one). Decided proposals stay in the district's records (there is one
 * proposal per teacher, credential and district). The teacher is told what changed for them.
 */
export async function removeTeacherFromDistrict(opts: { actor: Actor; districtId: string; userId: string }) {
  assertLeads(opts.actor, opts.districtId);
  const teacher = await loadDistrictTeacher(opts.districtId, opts.userId);
  await db.$transaction(async (tx) => {
    const removed = await tx.user.updateMany({ where: { id: teacher.id, districtId: opts.districtId }, data: { districtId: null, schoolId: null } });
    if (removed.count !== 1) throw notFound('That teacher');
    const { proposalsReturned, schoolsLed } = await leaveDistrictRecords(tx, teacher.id, opts.districtId, opts.actor.id);
    await recordAudit({ actorId: opts.actor.id, action: 'people.remove_from_district', entityType: 'User', entityId: teacher.id, organizationId: opts.districtId, data: { schoolId: teacher.schoolId, proposalsReturned } }, tx);
    // Told only here, after the guarded update: a repeated removal (double submit, two leaders)
    // finds nobody to remove and tells the teacher nothing a second time.
    const district = await tx.organization.findUniqueOrThrow({ where: { id: opts.districtId }, select: { name: true } });
    await notify({ userId: teacher.id, kind: 'district.removed', title: `${district.name} removed you from its district`, body: removalBody(district.name, proposalsReturned, schoolsLed), href: '/account' }, tx);
  });
  // The district left still counts for a year (the former placement); checked as for every move.
  await releaseClaimsAfterPlacementMove([teacher.id]);
  return { name: teacher.name };
}

/** What a removed teacher is told changes for them, in plain words. */
function removalBody(districtName: string, proposalsReturned: number, schoolsLed: string[]) {
  const returned = proposalsReturned === 1
    ? ' Your proposal that was waiting for its decision came back to you as a draft.'
    : proposalsReturned > 1 ? ` Your ${proposalsReturned} proposals that were waiting for its decision came back to you as drafts.` : '';
  const led = schoolsLed.length ? ` You no longer lead ${namesList(schoolsLed)}: your school leader ${schoolsLed.length === 1 ? 'role there' : 'roles there'} ended.` : '';
  return `Your account, work and badges stay yours. ${districtName}’s salary steps and proposals no longer apply to you, and it no longer sees your progress.${returned}${led} If this is a mistake, or you teach in another district, ask to join from your account page.`;
}

/** "North Elementary", "North Elementary and South Middle", "A, B and C". */
const namesList = (names: string[]) => new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(names);

/**
 * What leaving a district (removed by a leader, leaving on one's own, or moving to another) does
 * beyond the user row: the teacher's memberships in it and its schools end, the leading of any of
 * its schools (SCHOOL_LEADER, ADR 016) included, and proposals still waiting for its decision go
 * back to the teacher as drafts. A principal who left would otherwise go on reading the school's
 * teachers, reports and records. Each school leader role ended is audited against its school as
 * removing it by hand is (changeRole's `people.role_remove`), by `actorId` (the one who made the
 * change: the leader removing them, the leader or person confirming a move, or the teacher).
 * Returns how many proposals went back, and the names of the schools they no longer lead.
 */
export async function leaveDistrictRecords(tx: Tx, userId: string, districtId: string, actorId: string = userId) {
  await tx.membership.deleteMany({
    where: { userId, role: 'TEACHER', OR: [{ organizationId: districtId }, { organization: { kind: 'SCHOOL', parentId: districtId } }] },
  });
  const led = await tx.membership.findMany({
    where: { userId, role: 'SCHOOL_LEADER', organization: { kind: 'SCHOOL', parentId: districtId } },
    orderBy: { organization: { name: 'asc' } },
    select: { id: true, organization: { select: { id: true, name: true } } },
  });
  const schoolsLed: string[] = [];
  for (const m of led) {
    // One at a time, by id: a role removed meanwhile by hand (changeRole, audited there) is not audited twice.
    const gone = await tx.membership.deleteMany({ where: { id: m.id } });
    if (!gone.count) continue;
    await recordAudit({ actorId, action: 'people.role_remove', entityType: 'User', entityId: userId, organizationId: m.organization.id, data: { role: 'SCHOOL_LEADER' } }, tx);
    schoolsLed.push(m.organization.name);
  }
  const returned = await tx.proposal.updateMany({
    where: { userId, districtId, status: 'SUBMITTED' },
    data: { status: 'DRAFT', submittedAt: null, version: { increment: 1 } },
  });
  return { proposalsReturned: returned.count, schoolsLed };
}

/** A person's name in a subject line: their own words, so kept short. */
export function shortName(name: string) {
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

/**
 * Tells the district's leaders that a teacher left on their own or moved away (after the guarded
 * update, so once), in the transaction that called leaveDistrictRecords: the notice also names the
 * schools whose leader role the leaving ended.
 */
export async function tellLeadersOfLeaving(tx: Tx, districtId: string, teacherName: string, teacherId: string, left: { proposalsReturned: number; schoolsLed: string[] }) {
  const { proposalsReturned, schoolsLed } = left;
  const district = await tx.organization.findUniqueOrThrow({ where: { id: districtId }, select: { name: true } });
  // A teacher who also leads the district is not told of their own leaving.
  const leaders = await tx.membership.findMany({ where: { organizationId: districtId, role: 'DISTRICT_LEADER', userId: { not: teacherId } }, select: { userId: true }, take: 50 });
  const name = shortName(teacherName);
  const returned = proposalsReturned === 1
    ? ' A proposal waiting for your decision went back to them as a draft.'
    : proposalsReturned > 1 ? ` ${proposalsReturned} proposals waiting for your decision went back to them as drafts.` : '';
  const led = schoolsLed.length ? `, and no longer lead ${namesList(schoolsLed)}` : '';
  for (const l of leaders) {
    await notify({ userId: l.userId, kind: 'district.teacher_left', title: `${name} left ${district.name}`, body: `They no longer appear among your teachers or in your reports, including reports for past periods${led}.${returned}`, href: `/district/teachers?district=${districtId}` }, tx);
  }
}

/**
 * A teacher moves to another district (a request confirmed there, or an invitation accepted): the
 * district they leave loses them as when they leave on their own, its leaders are told, and its own
 * audit log says so (the joining district's entry is recorded by the caller).
 */
export async function moveOutOfDistrict(tx: Tx, opts: { userId: string; name: string; fromDistrictId: string; toDistrictId: string; actorId: string }) {
  const left = await leaveDistrictRecords(tx, opts.userId, opts.fromDistrictId, opts.actorId);
  await recordAudit({ actorId: opts.actorId, action: 'people.move_out', entityType: 'User', entityId: opts.userId, organizationId: opts.fromDistrictId, data: { toDistrictId: opts.toDistrictId, proposalsReturned: left.proposalsReturned } }, tx);
  await tellLeadersOfLeaving(tx, opts.fromDistrictId, opts.name, opts.userId, left);
}
