import 'server-only';
import { db, type Tx } from '@/lib/db';
import { invalidState, notFound, rateLimited, validation } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit';
import type { Actor } from '@/lib/auth/actor';
import { oneLine } from '@/lib/auth/schemas';
import { recordAudit } from '@/lib/audit/log';
import { noticesAbout, notify, type NotificationSubject } from '@/lib/notifications/notify';
import { assertLeads } from '@/lib/district/access';
import { leaveDistrictRecords, moveOutOfDistrict, shortName, tellLeadersOfLeaving } from '@/lib/district/people';
import { ensureMembership } from '@/lib/people/membership';
import { plural } from '@/lib/plural';
import { releaseClaimsAfterPlacementMove } from '@/lib/review/claims';

// Joining a district. A teacher asks (at sign-up or from their account); a leader of that district
// confirms or declines. Until then the district does not count them: its reports, teacher list and
// proposals see only confirmed teachers, because salary steps and licence credit are paid on them.
// Invitations from a leader (lib/people/mutations.ts) place a teacher at once.

/** People asking to join a district, oldest first, for its leaders. */
export const REQUESTS_SHOWN = 200;

/** A district by id, or the form's "choose from the list" error (sign-up and the account page). */
export async function findDistrict(districtId: string) {
  const d = await db.organization.findFirst({ where: { id: districtId, kind: 'DISTRICT' }, select: { id: true, name: true } });
  if (!d) throw validation('Choose a district from the list.', { districtId: ['Choose a district from the list.'] });
  return d;
}

/** Requests a person may make per day (each one from a confirmed address tells the district's leaders). */
export const REQUESTS_PER_DAY = 5;

const JOIN_REQUEST = 'district.join_request';

/** The leaders' notice of someone's request to join: its title names them (their own words, in an email to someone else: on one line). */
const joinRequestNotice = (district: { id: string; name: string }, teacherName: string) => ({
  title: `${shortName(oneLine(teacherName))} asks to join ${district.name}`,
  href: `/district/people?district=${district.id}#requests`,
});

/** A person has one request at a time: the leaders' notices of it name the person asking. */
const joinRequestSubject = (userId: string): NotificationSubject => ({ type: 'DistrictJoinRequest', id: userId });

const leadersOf = (tx: Tx, districtId: string) => tx.membership.findMany({ where: { organizationId: districtId, role: 'DISTRICT_LEADER' }, select: { userId: true }, take: 50 });

/** Tells the district's leaders that someone asks to join (in the app, and by email). */
async function tellLeaders(tx: Tx, district: { id: string; name: string }, teacher: { id: string; name: string }) {
  const notice = joinRequestNotice(district, teacher.name);
  for (const l of await leadersOf(tx, district.id)) {
    await notify({ userId: l.userId, kind: JOIN_REQUEST, ...notice, body: 'Confirm them if they teach in your district, or decline.', subject: joinRequestSubject(teacher.id) }, tx);
  }
}

/** A person's request to join one district, as its leaders were told of it. */
type PendingRequest = { userId: string; name: string; district: { id: string; name: string }; since: Date | null };

/**
 * A request withdrawn, replaced by one for another district, or decided: the leaders' notices of it
 * go, as a withdrawn question's do (lib/credential-questions/mutations.ts), and with them the emails
 * not sent yet (the email job sends nothing once its notice is gone). Found by the person asking
 * (the notice's subject) and this district's page (its link), so a request replaced by one for
 * another district takes its old district's notices and not its new one's; a leader since removed
 * loses theirs as well.
 *
 * Notices made before they named their subject are found as they were then: by this district's
 * leaders (the index on userId), the title with this person's name, and made since the request.
 * They go away as their requests are settled, so none are left to match after a while; a rename or
 * two people with one name can still miss or take one of those, as before.
 */
async function withdrawLeaderNotices(tx: Tx, request: PendingRequest) {
  const notice = joinRequestNotice(request.district, request.name);
  await tx.notification.deleteMany({ where: { ...noticesAbout(joinRequestSubject(request.userId)), kind: JOIN_REQUEST, href: notice.href } });
  // An import's notice for several teachers at once goes with the district's last request to decide
  // (this one not counted: some callers clear it after calling this).
  const left = await tx.user.count({ where: { requestedDistrictId: request.district.id, id: { not: request.userId } } });
  if (!left) await tx.notification.deleteMany({ where: { ...noticesAbout({ type: 'DistrictJoinImport', id: request.district.id }), kind: JOIN_REQUEST } });
  // Apart from the above, so each reads through its own index (an OR of the two may not).
  const leaders = await leadersOf(tx, request.district.id);
  if (!leaders.length) return;
  await tx.notification.deleteMany({
    where: { userId: { in: leaders.map((l) => l.userId) }, subjectType: null, kind: JOIN_REQUEST, title: notice.title, href: notice.href, ...(request.since ? { createdAt: { gte: request.since } } : {}) },
  });
}

/**
 * Inside the caller's transaction, before it ends the account's request to join a district some
 * other way than deciding it (an invitation accepted places the teacher, acceptInvitation): the
 * leaders' notices of the request go, and their emails not sent yet, as when it is decided.
 */
export async function withdrawPendingRequestNotices(tx: Tx, userId: string): Promise<void> {
  const request = await lockedRequest(tx, userId);
  if (request) await withdrawLeaderNotices(tx, request);
}

/** The account's pending request (and its name), its row locked until the caller's transaction ends. */
async function lockedRequest(tx: Tx, userId: string): Promise<PendingRequest | null> {
  const [row] = await tx.$queryRaw<{ name: string; requestedDistrictId: string | null; districtRequestedAt: Date | null }[]>`
    SELECT "name", "requestedDistrictId", "districtRequestedAt" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const district = row?.requestedDistrictId ? await tx.organization.findUnique({ where: { id: row.requestedDistrictId }, select: { id: true, name: true } }) : null;
  return row && district ? { userId, name: row.name, district, since: row.districtRequestedAt } : null;
}

/**
 * Records the request inside the caller's transaction (sign-up uses it with the new account).
 * A request replaces an earlier one; asking for the district one is already in is refused. Asking
 * again for the district already asked for changes nothing and tells nobody: the update only
 * matches while the request is for no district or another one, so of two clicks at once one
 * records it and the other waits on its row lock, then matches nothing. Returns whether it was recorded.
 *
 * The leaders are told now only if the account's address is confirmed. Anyone can type any name
 * and address at sign-up, and leaders cannot confirm the request before the address is anyway:
 * an unconfirmed account's request is told when its address is confirmed
 * (tellLeadersOfWaitingRequest).
 */
export async function recordDistrictRequest(tx: Tx, user: { id: string; name: string; districtId: string | null }, district: { id: string; name: string }, now: Date): Promise<boolean> {
  if (user.districtId === district.id) throw invalidState(`You are already in ${district.name}.`);
  // The request it replaces, read under the row lock the update below would take anyway.
  const earlier = await lockedRequest(tx, user.id);
  const changed = await tx.user.updateMany({
    where: { id: user.id, OR: [{ requestedDistrictId: null }, { requestedDistrictId: { not: district.id } }] },
    data: { requestedDistrictId: district.id, districtRequestedAt: now },
  });
  if (changed.count !== 1) return false;
  if (earlier) await withdrawLeaderNotices(tx, earlier);
  await recordAudit({ actorId: user.id, action: 'people.request_district', entityType: 'User', entityId: user.id, organizationId: district.id }, tx);
  // Read after the update, which holds the account's row: a confirmation at the same moment
  // either sees this request (and tells) or committed first and is seen here.
  const { emailVerified } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerified: true } });
  if (emailVerified) await tellLeaders(tx, district, user);
  return true;
}

/**
 * Inside the transaction that has just confirmed the account's address (and so holds its row): a
 * request to join made before then is told to the district's leaders now, as recordDistrictRequest
 * tells one made from a confirmed address. Call it only when the address was newly confirmed, so a
 * request is told once.
 */
export async function tellLeadersOfWaitingRequest(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true, requestedDistrict: { select: { id: true, name: true } } } });
  if (user.requestedDistrict) await tellLeaders(tx, user.requestedDistrict, user);
}

/** "Ask to join": from the teacher's account page. */
export async function requestDistrict(opts: { actor: Actor; districtId: string; now?: Date }) {
  const district = await findDistrict(opts.districtId);
  const me = await db.user.findUniqueOrThrow({ where: { id: opts.actor.id }, select: { id: true, name: true, districtId: true, requestedDistrictId: true } });
  if (me.requestedDistrictId === district.id) return { districtName: district.name, already: true };
  const limit = await hitRateLimit(`district-request:user:${me.id}`, REQUESTS_PER_DAY, 24 * 60 * 60);
  if (!limit.allowed) throw rateLimited('You have asked to join districts several times today. Try again tomorrow, or ask your district office for an invitation.');
  const recorded = await db.$transaction((tx) => recordDistrictRequest(tx, me, district, opts.now ?? new Date()));
  return { districtName: district.name, already: !recorded };
}

export async function cancelDistrictRequest(opts: { actor: Actor }) {
  await db.$transaction(async (tx) => {
    const request = await lockedRequest(tx, opts.actor.id);
    await tx.user.update({ where: { id: opts.actor.id }, data: { requestedDistrictId: null, districtRequestedAt: null } });
    if (request) await withdrawLeaderNotices(tx, request);
  });
}

/** The teacher leaves their district on their own (they moved, or chose the wrong one); its leaders are told. */
export async function leaveDistrict(opts: { actor: Actor }) {
  const me = await db.user.findUniqueOrThrow({ where: { id: opts.actor.id }, select: { name: true, districtId: true } });
  if (!me.districtId) throw invalidState('You are not in a district.');
  const districtId = me.districtId;
  await db.$transaction(async (tx) => {
    const left = await tx.user.updateMany({ where: { id: opts.actor.id, districtId }, data: { districtId: null, schoolId: null } });
    if (left.count !== 1) throw invalidState('Your district changed meanwhile. Reload the page.');
    const records = await leaveDistrictRecords(tx, opts.actor.id, districtId);
    await recordAudit({ actorId: opts.actor.id, action: 'people.leave_district', entityType: 'User', entityId: opts.actor.id, organizationId: districtId, data: { proposalsReturned: records.proposalsReturned } }, tx);
    await tellLeadersOfLeaving(tx, districtId, oneLine(me.name), opts.actor.id, records);
  });
  // The district left still counts for a year (the former placement); checked as for every move.
  await releaseClaimsAfterPlacementMove([opts.actor.id]);
}

/** Who asks to join the district, oldest first, and whether each confirmed their email address. */
export async function listDistrictRequests(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where: { requestedDistrictId: opts.districtId },
      orderBy: [{ districtRequestedAt: 'asc' }, { id: 'asc' }],
      take: REQUESTS_SHOWN,
      select: { id: true, name: true, email: true, emailVerified: true, districtRequestedAt: true, district: { select: { name: true } } },
    }),
    db.user.count({ where: { requestedDistrictId: opts.districtId } }),
  ]);
  return {
    total,
    items: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, emailConfirmed: Boolean(r.emailVerified), requestedAt: r.districtRequestedAt, currentDistrict: r.district?.name ?? null })),
  };
}

type Decision = 'confirm' | 'decline';
/** What one call decides, checked once: the district the actor leads, and where confirmed teachers go. */
type DecisionContext = { actorId: string; district: { id: string; name: string }; decision: Decision; schoolId: string | null };
type OneDecision = { decided: true; name: string } | { decided: false; reason: 'gone' } | { decided: false; reason: 'email'; name: string };

/** Only a leader of the district decides, and a confirmed teacher is placed at one of its schools or district-wide. */
async function decisionContext(opts: { actor: Actor; districtId: string; decision: Decision; schoolId?: string | null }): Promise<DecisionContext> {
  assertLeads(opts.actor, opts.districtId);
  const district = await findDistrict(opts.districtId);
  let schoolId: string | null = null;
  if (opts.decision === 'confirm' && opts.schoolId) {
    const school = await db.organization.findFirst({ where: { id: opts.schoolId, kind: 'SCHOOL', parentId: district.id }, select: { id: true } });
    if (!school) throw validation('Choose one of your district’s schools.', { schoolId: ['Choose one of your district’s schools.'] });
    schoolId = school.id;
  }
  return { actorId: opts.actor.id, district, decision: opts.decision, schoolId };
}

/**
 * One person's request, decided inside `tx`: the single decision and the bulk one both come here.
 * Decided once: the update only matches while the request (and the district they are in) is as read,
 * so a second leader, a replay or a withdrawal meanwhile finds it gone and nothing is written.
 */
async function decideOneRequest(tx: Tx, ctx: DecisionContext, userId: string): Promise<OneDecision> {
  const { district, decision, schoolId } = ctx;
  const teacher = await tx.user.findFirst({ where: { id: userId, requestedDistrictId: district.id }, select: { id: true, name: true, districtId: true, emailVerified: true, districtRequestedAt: true } });
  if (!teacher) return { decided: false, reason: 'gone' };
  // Anyone can type any address at sign-up: only a confirmed one shows who the person is.
  if (decision === 'confirm' && !teacher.emailVerified) return { decided: false, reason: 'email', name: teacher.name };
  const data = decision === 'confirm'
    ? { districtId: district.id, schoolId, requestedDistrictId: null, districtRequestedAt: null }
    : { requestedDistrictId: null, districtRequestedAt: null };
  const decided = await tx.user.updateMany({ where: { id: teacher.id, requestedDistrictId: district.id, districtId: teacher.districtId }, data });
  if (decided.count !== 1) return { decided: false, reason: 'gone' };
  // Settled: every leader's "asks to join" goes, the deciding leader's too, and with it any email of
  // it not sent yet. After the update, which waited on the account's row: notices told by a
  // transaction holding it (the address confirmed at this moment) have committed and are seen.
  await withdrawLeaderNotices(tx, { userId: teacher.id, name: teacher.name, district, since: teacher.districtRequestedAt });
  if (decision === 'confirm') {
    // Moving to another district: the one they leave is told, as when they leave on their own.
    if (teacher.districtId) await moveOutOfDistrict(tx, { userId: teacher.id, name: teacher.name, fromDistrictId: teacher.districtId, toDistrictId: district.id, actorId: ctx.actorId });
    await ensureMembership(tx, teacher.id, schoolId ?? district.id, 'TEACHER');
    await notify({ userId: teacher.id, kind: 'district.join_confirmed', title: `${district.name} confirmed you as one of its teachers`, body: 'Your district now sees your progress, decides your proposals and counts your badges in its reports.', href: '/account' }, tx);
  } else {
    await notify({ userId: teacher.id, kind: 'district.join_declined', title: `${district.name} did not confirm your request to join`, body: 'If you teach there, ask your district office for an invitation.', href: '/account' }, tx);
  }
  await recordAudit({ actorId: ctx.actorId, action: decision === 'confirm' ? 'people.confirm_district_request' : 'people.decline_district_request', entityType: 'User', entityId: teacher.id, organizationId: district.id, data: { schoolId, previousDistrictId: teacher.districtId } }, tx);
  return { decided: true, name: teacher.name };
}

/**
 * A leader confirms (placing the teacher district-wide or at one of its schools) or declines a
 * request. Decided once: two leaders at once, or a request withdrawn meanwhile, find it gone.
 * A teacher moving from another district leaves that one as they join this one.
 */
export async function decideDistrictRequest(opts: { actor: Actor; districtId: string; userId: string; decision: Decision; schoolId?: string | null; now?: Date }) {
  const ctx = await decisionContext(opts);
  const outcome = await db.$transaction((tx) => decideOneRequest(tx, ctx, opts.userId));
  if (!outcome.decided) {
    if (outcome.reason === 'email') throw invalidState(`${outcome.name} has not confirmed their email address yet, so you cannot tell it is theirs. You can confirm them once they have; declining works now.`);
    throw notFound('That request');
  }
  // Confirmed: placed in the district, the teacher may now share it with work they hold as a
  // reviewer, or with a reviewer holding theirs.
  if (ctx.decision === 'confirm') await releaseClaimsAfterPlacementMove([opts.userId]);
  return { name: outcome.name };
}

/** Requests one bulk decision may take: the whole list a leader sees at once. */
export const MAX_DECIDED_AT_ONCE = REQUESTS_SHOWN;

/** Why a request was left out of a bulk decision, in words the leader reads after the person's name. */
export const SKIP_REASONS = {
  email: 'has not confirmed their email address yet',
  gone: 'request withdrawn or already decided',
  failed: 'could not be decided because of a problem on our side; try again',
} as const;

export type DistrictDecisions = {
  decision: Decision;
  /** Confirmed or declined, as `decision` says, oldest request first. */
  decided: { id: string; name: string }[];
  /** `name` is null for a request that was no longer in the list when the call began. */
  skipped: { id: string; name: string | null; reason: string }[];
};

/**
 * Several requests confirmed (all at the same place) or declined at once, as at the start of a school
 * year. Each person is decided on their own, exactly as by decideDistrictRequest and in a transaction
 * of their own, with their own audit entry and notification: someone who cannot be decided (email
 * not confirmed, request withdrawn or decided meanwhile by another leader or an earlier submit) is
 * reported as skipped with the reason, and the rest still go through.
 */
export async function decideDistrictRequests(opts: { actor: Actor; districtId: string; userIds: string[]; decision: Decision; schoolId?: string | null; now?: Date }): Promise<DistrictDecisions> {
  const ids = [...new Set(opts.userIds)];
  if (ids.length === 0) throw validation('Tick at least one request.');
  if (ids.length > MAX_DECIDED_AT_ONCE) throw validation(`Tick at most ${MAX_DECIDED_AT_ONCE} requests at a time.`);
  const ctx = await decisionContext(opts);
  // The requests as the leader's list shows them, oldest first: their names, and one order for every
  // call (two leaders deciding the same people at once take each person's row in the same order).
  // Ids that are not asking to join this district are reported without a name: nothing about
  // anyone outside the list is revealed.
  const asking = await db.user.findMany({
    where: { id: { in: ids }, requestedDistrictId: ctx.district.id },
    orderBy: [{ districtRequestedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  });
  const out: DistrictDecisions = { decision: opts.decision, decided: [], skipped: [] };
  for (const person of asking) {
    let outcome: OneDecision;
    try {
      outcome = await db.$transaction((tx) => decideOneRequest(tx, ctx, person.id));
    } catch (e) {
      // This person's transaction rolled back whole; the others are decided all the same.
      console.error(`[district] deciding the request of user ${person.id} failed:`, e);
      out.skipped.push({ id: person.id, name: person.name, reason: SKIP_REASONS.failed });
      continue;
    }
    if (outcome.decided) out.decided.push({ id: person.id, name: outcome.name });
    else out.skipped.push({ id: person.id, name: person.name, reason: SKIP_REASONS[outcome.reason] });
  }
  const listed = new Set(asking.map((p) => p.id));
  for (const id of ids) if (!listed.has(id)) out.skipped.push({ id, name: null, reason: SKIP_REASONS.gone });
  // Everyone placed, checked together once their own transactions have committed (as decideDistrictRequest).
  if (ctx.decision === 'confirm') await releaseClaimsAfterPlacementMove(out.decided.map((p) => p.id));
  return out;
}

/** A bulk decision's outcome in a sentence: "Confirmed 3 teachers. 1 request was skipped." */
export function describeDistrictDecisions(d: DistrictDecisions): string {
  const n = d.decided.length;
  const done = d.decision === 'confirm'
    ? (n ? `Confirmed ${plural(n, 'teacher')}.` : 'Nobody was confirmed.')
    : (n ? `Declined ${plural(n, 'request')}.` : 'No request was declined.');
  return d.skipped.length ? `${done} ${plural(d.skipped.length, 'request was', 'requests were')} skipped.` : done;
}
