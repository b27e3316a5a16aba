import 'server-only';
import { db, type Tx } from '@/lib/db';
import { enqueueJob, JOB_PRIORITY, maxAttemptsFor } from '@/lib/jobs/queue';
import { formerPlacementColumns, formerPlacementOf } from '@/lib/auth/actor';
import { conflictOfInterest, reviewsForWhere, type IssuerReviewSettings, type TeacherRef } from '@/lib/review/policy';
import { schoolAndDistrictRoles } from '@/lib/review/reviewer-roles';

/**
 * What a notice is about, when that can be withdrawn or settled and the notice must go with it
 * (with its email, if not sent yet). Each type says what its id is:
 * - `DistrictJoinRequest`: the id of the teacher asking to join (a person has one request at a
 *   time, but may have replaced one for another district: the notice's link names the district).
 * - `DistrictJoinImport`: the district's id, for the one notice of an issuer's import that filed
 *   several teachers' requests at once ("3 teachers enrolled by X ask to join"): it goes once the
 *   district has no request left to decide.
 * - `CredentialQuestion`: the question's id.
 */
export type NotificationSubject = { type: 'DistrictJoinRequest' | 'DistrictJoinImport' | 'CredentialQuestion'; id: string };

/**
 * Where-clause for the notices about `subject`, through the index on (subjectType, subjectId). Add
 * the kind (the same subject can be told in several kinds of notice) and whatever else tells which
 * of them go (for a request to join, the district's link).
 */
export const noticesAbout = (subject: NotificationSubject) => ({ subjectType: subject.type, subjectId: subject.id });

const subjectColumns = (subject: NotificationSubject | undefined) => (subject ? noticesAbout(subject) : {});

/**
 * In-app notification now; the email goes through the job queue so a slow SMTP server never blocks
 * a request. People can turn these emails off (User.emailNotifications), except `essential` ones:
 * their account's security and their credentials' status. Those are queued ahead of the bulk
 * (JOB_PRIORITY.prompt): a district's recommendation queues thousands of emails at once, and being
 * told that your password was changed or your account disabled must not wait behind them.
 *
 * The email job carries the notification's id: a notice deleted before its email goes out (a
 * question or a request to join withdrawn or settled) sends no email. A notice about something that
 * can go away names it (`subject`), so it is found and deleted by that (noticesAbout), not by its
 * title.
 */
export async function notify(opts: { userId: string; kind: string; title: string; body?: string; href?: string; essential?: boolean; subject?: NotificationSubject }, tx?: Tx) {
  const client = tx ?? db;
  const essential = Boolean(opts.essential);
  const n = await client.notification.create({ data: { userId: opts.userId, kind: opts.kind, title: opts.title, body: opts.body ?? '', href: opts.href ?? null, ...subjectColumns(opts.subject) }, select: { id: true } });
  await enqueueJob(
    {
      type: 'email.notification',
      payload: { userId: opts.userId, notificationId: n.id, title: opts.title, body: opts.body ?? '', href: opts.href ?? null, essential },
      priority: essential ? JOB_PRIORITY.prompt : JOB_PRIORITY.normal,
    },
    tx,
  );
}

/**
 * The same notice to many people at once (a district's news to its teachers): the in-app
 * notifications in one insert, and an email job for each person who wants them, in another. Pass the
 * transaction that records how far the sending got, so a retry never sends twice. The email job
 * checks the person's setting again when it runs (they may have changed it since).
 */
export async function notifyMany(recipients: { userId: string; emailNotifications: boolean }[], message: { kind: string; title: string; body?: string; href?: string; subject?: NotificationSubject }, tx: Tx) {
  if (!recipients.length) return;
  const body = message.body ?? '';
  const href = message.href ?? null;
  const subject = subjectColumns(message.subject);
  const made = await tx.notification.createManyAndReturn({ data: recipients.map((r) => ({ userId: r.userId, kind: message.kind, title: message.title, body, href, ...subject })), select: { id: true, userId: true } });
  // Each email names its notification, as notify's do (a person listed twice gets the one id twice: both exist).
  const notificationOf = new Map(made.map((n) => [n.userId, n.id]));
  const emails = recipients.filter((r) => r.emailNotifications);
  if (emails.length) {
    await tx.job.createMany({
      data: emails.map((r) => ({
        type: 'email.notification',
        payload: { userId: r.userId, notificationId: notificationOf.get(r.userId) ?? null, title: message.title, body, href, essential: false },
        maxAttempts: maxAttemptsFor('email.notification'),
        priority: JOB_PRIORITY.normal,
      })),
    });
  }
}

/**
 * The enabled admins of the issuer (at most 50) who may act on work by `teacher`, in the app and by
 * email per their setting. As notifyAdjudicators (lib/review/adjudication-notice.ts): nobody with a
 * conflict of interest with the teacher (their own work, their school, a district this issuer keeps
 * apart, one left within the year included), who could not act on it anyway; and not `actorId`, who
 * did what the notice is about.
 */
export async function notifyIssuerAdmins(
  tx: Tx,
  issuerId: string,
  message: { kind: string; title: string; body: string; href: string },
  about: { teacher: TeacherRef; rules: Pick<IssuerReviewSettings, 'blockSameDistrict'>; actorId: string },
) {
  const admins = await tx.user.findMany({
    where: { disabledAt: null, id: { notIn: [about.actorId, about.teacher.teacherId] }, memberships: { some: { organizationId: issuerId, role: 'ISSUER_ADMIN' } } },
    select: { id: true, schoolId: true, districtId: true, email: true, ...formerPlacementColumns },
    orderBy: { id: 'asc' },
    take: 50,
  });
  const roles = await schoolAndDistrictRoles(admins.map((u) => u.id), tx);
  const told = admins.filter((u) => !conflictOfInterest({ id: u.id, schoolId: u.schoolId, districtId: u.districtId, email: u.email, roles: roles.get(u.id), former: formerPlacementOf(u) }, about.teacher, about.rules));
  for (const a of told) await notify({ userId: a.id, ...message }, tx);
  return told.length;
}

/**
 * Of `userIds`, those who still review for the issuer, as reviewsFor (lib/review/policy.ts) has it:
 * a reviewer or an admin there, or a platform admin; and whose account is enabled. A notice about
 * review work there links to a review page that opens only for them (getReviewWorkspace): someone
 * whose role at the issuer was removed since is not sent a link they cannot open. Read through the
 * caller's transaction, so a role removed in it counts.
 */
export async function stillReviewingFor(userIds: string[], issuerId: string, client: Tx | typeof db = db): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await client.user.findMany({
    where: {
      id: { in: [...new Set(userIds)] }, disabledAt: null, ...reviewsForWhere(issuerId),
    },
    select: { id: true },
  });
  return new Set(rows.map((r) => r.id));
}
