import 'server-only';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import { isDistrictLeader, isIssuerAdmin, isPlatformAdmin, type Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import { decodeCursor, encodeCursor, isCursorTime } from '@/lib/catalog/cursor';
import { actionsInGroup, auditActorLabel, auditEntryLink, describeAuditEntry, HIDDEN_TEACHER_LABEL, HIDDEN_TEACHER_NAME, type AuditSubject, type AuditView } from '@/lib/audit/describe';
import { blindlyScoredSubmissionIds } from '@/lib/review/blind-scoring';
import { AUDIT_PAGE_SIZE, resolveAuditRange, type AuditFilter, type AuditRange } from '@/lib/audit/schemas';

// Reading the audit log (lib/audit/log.ts writes it). Who sees what:
// - an issuer's admins see the entries recorded against that issuer;
// - a district's leaders see the entries recorded against the district and its schools;
// - platform admins see the whole log, whichever organisation an entry belongs to or none (account
//   events such as sign-ups, disables and deletions belong to none). They may act on every issuer and
//   district, so nothing is hidden from them; the issuer and district logs stay open to them too.
// Everyone else is refused. Newest first, keyset-paginated on (at, id).
// An admin scoring a teacher's work under blind review does not learn from the log who the teacher
// is (hiddenTeachers): as on the application record and the list of applications, not from the
// teacher's own entries nor from anyone else's that name them.

export type AuditRow = {
  id: string;
  at: Date;
  action: string;
  who: string;
  description: string;
  link: { href: string; label: string } | null;
  /** The organisation the entry belongs to (platform log only), or null for account events. */
  organization?: string | null;
};

type Cursor = { t: string; id: string };
// The id is a bigint: 18 digits at most, so it never overflows the column (19 could).
const isCursor = (v: Record<string, unknown>): v is Cursor => isCursorTime(v.t) && typeof v.id === 'string' && /^\d{1,18}$/.test(v.id);

const select = {
  id: true, at: true, action: true, entityType: true, entityId: true, organizationId: true, data: true,
  actorId: true, actor: { select: { name: true } },
} satisfies Prisma.AuditLogSelect;
type Entry = Prisma.AuditLogGetPayload<{ select: typeof select }>;

/** Up to this many organisations are read one index range each; more (a platform admin's overview) in one scan of the newest entries. */
const SEPARATE_READS_MAX = 10;

function orgStreams(ids: string[]): Prisma.AuditLogWhereInput[] {
  if (!ids.length) return [];
  return ids.length <= SEPARATE_READS_MAX ? ids.map((id) => ({ organizationId: id })) : [{ organizationId: { in: ids } }];
}

/**
 * The newest `take` entries matching any of `streams` (each AND `common`). Each stream is one
 * index range read newest first (organizationId, at) or (at, id), so `organizationId IN (…)` never
 * makes Postgres fetch and sort an organisation's whole history to show its newest page.
 */
async function newestAcross(streams: Prisma.AuditLogWhereInput[], common: Prisma.AuditLogWhereInput, take: number): Promise<Entry[]> {
  const lists = await Promise.all(
    streams.map((s) => db.auditLog.findMany({ where: { AND: [s, common] }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take, select })),
  );
  const all = lists.flat();
  all.sort((a, b) => b.at.getTime() - a.at.getTime() || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
  return all.slice(0, take);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names behind the entries' ids, a query per kind of record on the page. A deleted record has
 * none. `personId` is the account a subject's `person` names (a badge's holder, a proposal's author,
 * the account itself), so a name can be left out for a viewer who must not see it.
 */
async function loadSubjects(entries: Entry[], withOrganizations: boolean) {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.entityType === type).map((e) => e.entityId))];
  const awardIds = ids('Award').filter((id) => UUID.test(id));
  const userIds = ids('User');
  const mcIds = ids('MicroCredential');
  const trackIds = ids('Track');
  const stackIds = ids('Stack');
  const proposalIds = ids('Proposal');
  const orgIds = [...new Set([...ids('Organization'), ...(withOrganizations ? entries.map((e) => e.organizationId).filter((id): id is string => Boolean(id)) : [])])];
  const none = Promise.resolve([]);
  const [awards, users, mcs, tracks, stacks, proposals, orgs] = await Promise.all([
    awardIds.length ? db.award.findMany({ where: { id: { in: awardIds } }, select: { id: true, title: true, recipientName: true, userId: true } }) : none,
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : none,
    mcIds.length ? db.microCredential.findMany({ where: { id: { in: mcIds } }, select: { id: true, slug: true, currentVersion: { select: { title: true } }, versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true } } } }) : none,
    trackIds.length ? db.track.findMany({ where: { id: { in: trackIds } }, select: { id: true, title: true } }) : none,
    stackIds.length ? db.stack.findMany({ where: { id: { in: stackIds } }, select: { id: true, title: true } }) : none,
    proposalIds.length ? db.proposal.findMany({ where: { id: { in: proposalIds } }, select: { id: true, userId: true, user: { select: { name: true } }, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } } }) : none,
    orgIds.length ? db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : none,
  ]);
  const subjects = new Map<string, AuditSubject & { personId?: string }>();
  const key = (type: string, id: string) => `${type}:${id}`;
  for (const a of awards) subjects.set(key('Award', a.id), { title: a.title, person: a.recipientName, personId: a.userId });
  for (const u of users) subjects.set(key('User', u.id), { person: u.name, personId: u.id });
  for (const m of mcs) subjects.set(key('MicroCredential', m.id), { title: m.currentVersion?.title ?? m.versions[0]?.title ?? m.slug });
  for (const t of tracks) subjects.set(key('Track', t.id), { title: t.title });
  for (const s of stacks) subjects.set(key('Stack', s.id), { title: s.title });
  for (const p of proposals) subjects.set(key('Proposal', p.id), { person: p.user.name, personId: p.userId, title: p.microCredential.currentVersion?.title ?? p.microCredential.slug });
  for (const o of orgs) subjects.set(key('Organization', o.id), { title: o.name });
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  return { subject: (e: Entry) => subjects.get(key(e.entityType, e.entityId)) ?? null, orgName: (id: string | null) => (id ? (orgNames.get(id) ?? null) : null) };
}

type HiddenTeachers = {
  /** Their accounts: entries they made, and entries about them (their badge, proposal or account). */
  ids: Set<string>;
  /** Invitations naming them by email address: sent to one of their addresses, or accepted by them. */
  invitationIds: Set<string>;
};

const NONE_HIDDEN: HiddenTeachers = { ids: new Set(), invitationIds: new Set() };

/**
 * The teachers whose work the viewer is scoring right now under blind review (a live claim on an
 * undecided attempt of an issuer that reviews blind; blindlyScoredSubmissionIds). Their entries
 * ("Sent revised evidence for review (attempt 2)", "Asked about the feedback on attempt 1") would
 * name them beside the very submission the viewer scores, by its link or by its time, so they are
 * shown without the name and without a link to an application. Entries others made about them
 * ("Issued the badge “…” held by …", "Revoked …", "Qualified … to score", "Invited tess@… to join")
 * would name them just the same, so there the name (or email address) gives way to a neutral one,
 * and a badge's link (its public page names its holder) is left out.
 * District logs record no application's steps, and their leaders need to know who asked to join:
 * left as they are.
 */
async function hiddenTeachers(actor: Actor, view: AuditView, entries: Entry[]): Promise<HiddenTeachers> {
  if (view === 'district') return NONE_HIDDEN;
  const submissionIds = await blindlyScoredSubmissionIds(actor);
  if (!submissionIds.length) return NONE_HIDDEN;
  const subs = await db.submission.findMany({
    where: { id: { in: submissionIds }, microCredential: { issuer: { blindReview: true } }, userId: { not: actor.id } },
    select: { userId: true, user: { select: { email: true } } },
  });
  const ids = new Set(subs.map((s) => s.userId));
  if (!ids.size) return NONE_HIDDEN;
  const invitationIds = new Set<string>();
  const invitations = entries.filter((e) => e.entityType === 'Invitation');
  if (invitations.length) {
    const emails = new Set(subs.map((s) => s.user.email.toLowerCase()));
    for (const e of invitations) {
      const email = invitationEmail(e);
      if (email && emails.has(email.toLowerCase())) invitationIds.add(e.entityId);
    }
    // An address changed since: the invitation they accepted still names the old one.
    const accepted = await db.auditLog.findMany({
      where: { action: 'people.accept_invitation', actorId: { in: [...ids] }, entityType: 'Invitation', entityId: { in: [...new Set(invitations.map((e) => e.entityId))] } },
      select: { entityId: true },
    });
    for (const a of accepted) invitationIds.add(a.entityId);
  }
  return { ids, invitationIds };
}

function invitationEmail(e: Entry): string | null {
  const d = e.data;
  return d && typeof d === 'object' && !Array.isArray(d) && typeof d.email === 'string' ? d.email : null;
}

async function toRows(entries: Entry[], view: AuditView, actor: Actor): Promise<AuditRow[]> {
  const withOrganizations = view === 'platform';
  const [{ subject, orgName }, hidden] = await Promise.all([loadSubjects(entries, withOrganizations), hiddenTeachers(actor, view, entries)]);
  return entries.map((e) => {
    const teacherHidden = e.actorId !== null && hidden.ids.has(e.actorId);
    const found = subject(e);
    const subjectHidden = Boolean(found?.personId && hidden.ids.has(found.personId));
    const emailHidden = e.entityType === 'Invitation' && hidden.invitationIds.has(e.entityId);
    const link = auditEntryLink(e, view);
    return {
      id: e.id.toString(),
      at: e.at,
      action: e.action,
      who: teacherHidden ? HIDDEN_TEACHER_LABEL : auditActorLabel(e.action, e.actor?.name),
      description: describeAuditEntry({
        ...e,
        data: emailHidden ? { ...(e.data as Record<string, unknown>), email: HIDDEN_TEACHER_NAME } : e.data,
        subject: found && subjectHidden ? { ...found, person: HIDDEN_TEACHER_NAME } : found,
      }),
      link: (teacherHidden && e.entityType === 'Submission') || (subjectHidden && e.entityType === 'Award') ? null : link,
      ...(withOrganizations ? { organization: orgName(e.organizationId) } : {}),
    };
  });
}

/** Which entries a log covers, refusing anyone who may not read it. */
async function scopeFor(actor: Actor, organizationId: string | null | undefined): Promise<{ view: AuditView; streams: Prisma.AuditLogWhereInput[] }> {
  if (!organizationId) {
    if (!isPlatformAdmin(actor)) throw forbidden('Only platform admins can see the platform’s audit log.');
    return { view: 'platform', streams: [{}] };
  }
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, kind: true } });
  // One refusal for "no such organisation" and "not yours", so ids cannot be probed.
  if (org?.kind === 'ISSUER' && isIssuerAdmin(actor, org.id)) return { view: 'issuer', streams: orgStreams([org.id]) };
  if (org?.kind === 'DISTRICT' && isDistrictLeader(actor, org.id)) {
    // Invitations and roles at a school are recorded against the school.
    const schools = await db.organization.findMany({ where: { parentId: org.id, kind: 'SCHOOL' }, select: { id: true } });
    return { view: 'district', streams: [{ organizationId: org.id }, ...(schools.length ? [{ organizationId: { in: schools.map((s) => s.id) } }] : [])] };
  }
  throw forbidden('You cannot see that audit log.');
}

/**
 * One page (50) of an audit log, newest first: an issuer's or a district's (`organizationId`), or
 * the whole platform's (no `organizationId`; platform admins only). Filters: a group of actions and
 * whole UTC days `from`–`to`, both inclusive.
 */
export async function listAuditLog(opts: { actor: Actor; organizationId?: string | null; filter: AuditFilter }): Promise<{ items: AuditRow[]; nextCursor: string | null; range: AuditRange; view: AuditView }> {
  const { view, streams } = await scopeFor(opts.actor, opts.organizationId);
  const range = resolveAuditRange(opts.filter);
  const cursor = decodeCursor(opts.filter.cursor, isCursor);
  const at = cursor ? new Date(cursor.t) : null;
  const common: Prisma.AuditLogWhereInput = {
    ...(opts.filter.group !== 'all' ? { action: { in: actionsInGroup(opts.filter.group) } } : {}),
    AND: [
      range.from ? { at: { gte: range.from } } : {},
      range.before ? { at: { lt: range.before } } : {},
      // Written as at <= t AND (at < t OR id < i), not (at < t) OR (at = t AND id < i), so the bound
      // on `at` stays an index condition instead of a filter over everything newer.
      at && cursor ? { at: { lte: at }, OR: [{ at: { lt: at } }, { id: { lt: BigInt(cursor.id) } }] } : {},
    ],
  };
  const entries = await newestAcross(streams, common, AUDIT_PAGE_SIZE + 1);
  const page = entries.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    items: await toRows(page, view, opts.actor),
    nextCursor: entries.length > AUDIT_PAGE_SIZE && last ? encodeCursor({ t: last.at.toISOString(), id: last.id.toString() }) : null,
    range,
    view,
  };
}

/** The newest entries of the issuers an admin's overview covers (each must be theirs). */
export async function listRecentIssuerAudit(opts: { actor: Actor; issuerIds: string[]; take: number }): Promise<AuditRow[]> {
  if (opts.issuerIds.some((id) => !isIssuerAdmin(opts.actor, id))) throw forbidden('You do not administer that issuer.');
  const entries = await newestAcross(orgStreams(opts.issuerIds), {}, opts.take);
  return toRows(entries, 'issuer', opts.actor);
}
