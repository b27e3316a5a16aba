import 'server-only';
import { oneLine } from '@/lib/auth/schemas';
import { db, type Tx } from '@/lib/db';
import { moveOutOfDistrict } from '@/lib/district/people';
import { withdrawPendingRequestNotices } from '@/lib/district/requests';
import { ensureMembership } from '@/lib/people/membership';
import { conflict, forbidden, invalidState, notFound, rateLimited, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { canAssignRole, canManageOrg } from '@/lib/people/policy';
import { recordAudit } from '@/lib/audit/log';
import { hashPassword } from '@/lib/auth/password';
import { sendEmail } from '@/lib/email/send';
import { notify } from '@/lib/notifications/notify';
import { env } from '@/lib/env';
import { hashToken, newToken } from '@/lib/security/tokens';
import { hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { validateEnrolCsv, type EnrolRow } from '@/lib/people/enrol-csv';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { releaseClaimsOf } from '@/lib/review/mutations';
import { releaseClaimsAfterPlacementMove, releaseClaimsIfUnqualified } from '@/lib/review/claims';
import { lockTrackEnrollments, rejoinTracks } from '@/lib/enrollment/mutations';
import { loadQualification } from '@/lib/review/context';
import type { Role } from '@/lib/generated/prisma/enums';

/** How long an invitation link works. */
export const INVITE_DAYS = 14;

async function loadManagedOrg(actor: Actor, organizationId: string) {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true, name: true, kind: true, parentId: true } });
  if (!org) throw notFound('That organisation');
  if (!canManageOrg(actor, org)) throw forbidden();
  return org;
}

/** Invitation emails one address may get in a day, from every organisation together. */
const INVITES_PER_ADDRESS = 10;

/**
 * Counts one invitation email to `email` against INVITES_PER_ADDRESS (however many organisations
 * ask, and whether one at a time or from a file); give it back with releaseRateLimit(inviteLimitKey(email)).
 */
export const inviteLimitKey = (email: string) => `invite:${email}`;
export function hitInviteLimit(email: string) {
  return hitRateLimit(inviteLimitKey(email), INVITES_PER_ADDRESS, RESEND_WINDOW_SECONDS);
}

/**
 * Invites someone by email to a role in an organisation. Only a hash of the token is stored and the
 * link goes to the invited address only: the person inviting never sees it, so they cannot accept
 * in the invitee's name. Only if the email cannot be sent is the link returned (`link`) for them to
 * pass on another way; the invitation is then marked, and a new account made through it starts with
 * an unconfirmed address.
 */
export async function inviteMember(opts: { actor: Actor; organizationId: string; email: string; role: Role; now?: Date }) {
  const org = await loadManagedOrg(opts.actor, opts.organizationId);
  if (!canAssignRole(org.kind, opts.role)) throw validation(`A ${org.kind.toLowerCase()} has no ${ROLE_LABELS[opts.role].toLowerCase()} role.`, { role: ['Choose a role this organisation has.'] });
  const email = opts.email.trim().toLowerCase();
  const existing = await db.membership.findFirst({ where: { organizationId: org.id, role: opts.role, user: { email } }, select: { id: true } });
  if (existing) throw validation('That person already has this role here.', { email: ['That person already has this role here.'] });
  // However many organisations ask, one address gets a bounded number of invitation emails a day
  // (cancelling and inviting again must not become a way to flood someone's inbox).
  const limit = await hitInviteLimit(email);
  if (!limit.allowed) throw rateLimited(`${email} has been sent a lot of invitations in the last day. Try again tomorrow.`);
  const token = newToken();
  const now = opts.now ?? new Date();
  let invitation: { id: string; expiresAt: Date };
  try {
    invitation = await db.$transaction(async (tx) => {
      // One open invitation per address, role and place: a second one would be a second live link
      // (and a second email) for the same thing. Serialised with every other invitation of the same
      // district or issuer, including invitations from a file (lib/people/bulk-invite.ts), so two
      // clicks at the same moment make one.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${invitationLockKey(org)}))`;
      // A teacher is invited to one place in a district: its schools and the district itself are
      // checked together, as for invitations from a file, or one address could hold live links to
      // the district and several of its schools, each placing them somewhere else.
      const teacherDistrictId = opts.role === 'TEACHER' ? (org.kind === 'DISTRICT' ? org.id : org.kind === 'SCHOOL' ? org.parentId : null) : null;
      const open = await tx.invitation.findFirst({
        where: teacherDistrictId
          ? openTeacherInvitations(teacherDistrictId, [email], now)
          : { organizationId: org.id, role: opts.role, email, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
        orderBy: { expiresAt: 'desc' },
        select: { expiresAt: true, organizationId: true, organization: { select: { name: true } } },
      });
      if (open) {
        const until = inviteDateFmt.format(open.expiresAt);
        const message = open.organizationId === org.id
          ? `${email} already has an open invitation for this role here (its link works until ${until}). If they cannot find the email, use Resend in the list of open invitations.`
          : `${email} is already invited to ${open.organization.name} (the link works until ${until}), so not invited again. To invite them to ${org.kind === 'SCHOOL' ? org.name : `${org.name} as a whole`} instead, cancel that invitation under Open invitations, then invite them again.`;
        throw validation(message, { email: [message] });
      }
      const inv = await tx.invitation.create({
        data: { email, organizationId: org.id, role: opts.role, tokenHash: hashToken(token), invitedById: opts.actor.id, expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000) },
        select: { id: true, expiresAt: true },
      });
      await recordAudit({ actorId: opts.actor.id, action: 'people.invite', entityType: 'Invitation', entityId: inv.id, organizationId: org.id, data: { email, role: opts.role } }, tx);
      return inv;
    });
  } catch (e) {
    // Nothing was sent: the attempt does not count against the address.
    await releaseRateLimit(inviteLimitKey(email));
    throw e;
  }
  const { emailed, url } = await emailInvitation({ inviterName: opts.actor.name, organizationName: org.name, email, role: opts.role, token });
  if (!emailed) await db.invitation.update({ where: { id: invitation.id }, data: { linkShared: true } });
  return { invitationId: invitation.id, emailed, link: emailed ? null : url, expiresAt: invitation.expiresAt };
}

const inviteDateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Open teacher invitations of `emails` to the district or any of its schools: a teacher has one
 * open invitation in a district at a time, whether invited one at a time or from a file.
 */
export const openTeacherInvitations = (districtId: string, emails: string[], now: Date) => ({
  email: { in: emails },
  role: 'TEACHER' as const,
  acceptedAt: null,
  withdrawnAt: null,
  expiresAt: { gt: now },
  OR: [{ organizationId: districtId }, { organization: { kind: 'SCHOOL' as const, parentId: districtId } }],
});

/**
 * The lock every new invitation of a district (its schools included) or of an issuer takes, so a
 * check for an open invitation and the insert that follows it cannot interleave with another.
 */
export function invitationLockKey(org: { id: string; kind: string; parentId: string | null }) {
  return `district-invitations:${org.kind === 'SCHOOL' && org.parentId ? org.parentId : org.id}`;
}

/**
 * The invitation email (one wording for every way of inviting). `name`: the invitee's name as the
 * person inviting gave it, for the greeting; their account's name is theirs to choose on accepting.
 */
export function invitationEmail(opts: { inviterName: string; organizationName: string; email: string; role: Role; token: string; resent?: boolean; name?: string | null }) {
  const url = new URL(`/invitations/${opts.token}`, env().APP_URL).toString();
  const replaces = opts.resent ? ' This link replaces the one in any earlier invitation email, which no longer works.' : '';
  const role = ROLE_LABELS[opts.role].toLowerCase();
  // "as a teacher", "as an issuer admin".
  const asRole = `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
  // Names as one line: a line break typed into a name must not start a paragraph of its own here.
  const inviter = oneLine(opts.inviterName);
  const name = opts.name ? oneLine(opts.name) : '';
  return {
    url,
    to: opts.email,
    subject: `${inviter} invited you to ${oneLine(opts.organizationName)} on Microcred`,
    text: `Hello${name ? ` ${name}` : ''},\n\n${inviter} invited you to join ${opts.organizationName} as ${asRole}.\n\nAccept the invitation here (the link works once, for ${INVITE_DAYS} days):${replaces}\n${url}\n\n— Microcred`,
  };
}

/** Emails an invitation link to the invited address; `emailed: false` when it could not be sent. */
async function emailInvitation(opts: { inviterName: string; organizationName: string; email: string; role: Role; token: string; resent?: boolean }) {
  const { url, to, subject, text } = invitationEmail(opts);
  try {
    await sendEmail({ to, subject, text });
    return { emailed: true, url };
  } catch {
    return { emailed: false, url };
  }
}

/**
 * An invitation the actor may manage (they manage its organisation, as for inviteMember). Any other
 * id, including one of an organisation they do not manage, is "not found": its existence is not
 * theirs to learn.
 */
async function loadManagedInvitation(actor: Actor, invitationId: string) {
  const inv = await db.invitation.findUnique({
    where: { id: invitationId },
    select: { id: true, email: true, role: true, organizationId: true, tokenHash: true, acceptedAt: true, expiresAt: true, withdrawnAt: true, organization: { select: { id: true, name: true, kind: true, parentId: true } } },
  });
  if (!inv || !canManageOrg(actor, inv.organization)) throw notFound('That invitation');
  return inv;
}

function assertOpen(inv: { acceptedAt: Date | null; expiresAt: Date; withdrawnAt: Date | null }, now: Date, doing: 'cancel' | 'resend') {
  if (inv.acceptedAt) throw invalidState(doing === 'cancel' ? 'This invitation has already been accepted, so it can no longer be cancelled. To take the role away, remove it from the person instead.' : 'This invitation has already been accepted, so there is nothing to resend.');
  if (inv.withdrawnAt || inv.expiresAt <= now) throw invalidState(doing === 'cancel' ? 'This invitation is no longer open (it has expired or was cancelled), so there is nothing to cancel.' : 'This invitation is no longer open (it has expired or was cancelled), so it cannot be resent. Send a new invitation instead.');
}

// Cancelling sets `withdrawnAt`, which tells a withdrawn invitation from one that simply ran out
// (the link's page says which), and also sets the expiry to now, as disabling the inviter's account
// does (lib/organizations/platform.ts), so every check of an open invitation that compares the
// expiry (the lists, the platform overview) refuses it too.
const CANCEL_ACTION = 'people.invitation_cancel';

/** Cancels an open invitation: its link stops working at once. */
export async function cancelInvitation(opts: { actor: Actor; invitationId: string; now?: Date }) {
  const inv = await loadManagedInvitation(opts.actor, opts.invitationId);
  const now = opts.now ?? new Date();
  assertOpen(inv, now, 'cancel');
  await db.$transaction(async (tx) => {
    // Only one of two clicks, or of a cancel and an accept at the same moment, finds it still open.
    const ended = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } }, data: { expiresAt: now, withdrawnAt: now } });
    if (ended.count !== 1) throw conflict('This invitation was accepted or cancelled a moment ago. Reload the page to see where it stands.');
    await recordAudit({ actorId: opts.actor.id, action: CANCEL_ACTION, entityType: 'Invitation', entityId: inv.id, organizationId: inv.organizationId, data: { email: inv.email, role: inv.role } }, tx);
  });
  return { email: inv.email };
}

// Resending emails the invited address again, so it is limited per address (whichever organisation
// resends): an admin cannot use it to flood someone's inbox.
const RESENDS_PER_ADDRESS = 3;
const RESEND_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * Sends an open invitation again with a new link and a fresh expiry; the old link stops working.
 * The email goes the same way as inviteMember's, and as there, only if it cannot be sent is the
 * link returned (`link`) for the person resending to pass on.
 */
export async function resendInvitation(opts: { actor: Actor; invitationId: string; now?: Date }) {
  const inv = await loadManagedInvitation(opts.actor, opts.invitationId);
  const now = opts.now ?? new Date();
  assertOpen(inv, now, 'resend');
  const member = await db.membership.findFirst({ where: { organizationId: inv.organizationId, role: inv.role, user: { email: inv.email } }, select: { id: true } });
  if (member) throw invalidState(`${inv.email} already has this role here, so the invitation is not needed. Cancel it instead.`);
  const limitKey = `invite-resend:${inv.email}`;
  const limit = await hitRateLimit(limitKey, RESENDS_PER_ADDRESS, RESEND_WINDOW_SECONDS);
  if (!limit.allowed) {
    const hours = Math.ceil(limit.retryAfterSeconds / 3600);
    throw rateLimited(`This invitation has already been resent ${RESENDS_PER_ADDRESS} times recently. To keep ${inv.email}’s inbox from filling up, try again in ${hours === 1 ? 'an hour' : `${hours} hours`}, or check the address with them another way.`);
  }
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000);
  try {
    await db.$transaction(async (tx) => {
      // Conditional on the old token: a double click sends one email, and an accept in between wins.
      const rotated = await tx.invitation.updateMany({
        // A withdrawn invitation is never resent (a new one is sent instead), so its link stays dead.
        where: { id: inv.id, tokenHash: inv.tokenHash, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
        data: { tokenHash: hashToken(token), expiresAt, linkShared: false },
      });
      if (rotated.count !== 1) throw conflict('This invitation was accepted, cancelled or resent a moment ago. Reload the page to see where it stands.');
      await recordAudit({ actorId: opts.actor.id, action: 'people.invitation_resend', entityType: 'Invitation', entityId: inv.id, organizationId: inv.organizationId, data: { email: inv.email, role: inv.role } }, tx);
    });
  } catch (e) {
    // Nothing was sent: the attempt does not count against the address.
    await releaseRateLimit(limitKey);
    throw e;
  }
  const { emailed, url } = await emailInvitation({ inviterName: opts.actor.name, organizationName: inv.organization.name, email: inv.email, role: inv.role, token, resent: true });
  if (!emailed) await db.invitation.update({ where: { id: inv.id }, data: { linkShared: true } });
  return { invitationId: inv.id, email: inv.email, emailed, link: emailed ? null : url, expiresAt };
}

/**
 * What accepting a teacher invitation to another district does to the district the person is in
 * now (acceptInvitation, moveOutOfDistrict): `proposalsWaiting` is how many of their proposals wait
 * for that district's decision and so come back to them as drafts.
 */
export type InvitationMove = { fromDistrict: string; toDistrict: string; proposalsWaiting: number };

export type InvitationState =
  | { state: 'invalid' }
  | { state: 'used'; organizationName: string }
  | { state: 'expired'; organizationName: string }
  | { state: 'withdrawn'; organizationName: string }
  | { state: 'open'; email: string; role: Role; organizationName: string; userExists: boolean; move: InvitationMove | null };

/**
 * Where an invitation link stands, for its page. `viewer`: who is signed in; only when that is the
 * invited address does the answer say what accepting would move them out of (`move`), so a link
 * handed to someone else (linkShared) tells them nothing of the invitee's district.
 */
export async function getInvitation(token: string, opts: { viewer?: Actor | null; now?: Date } = {}): Promise<InvitationState> {
  const now = opts.now ?? new Date();
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, role: true, organizationId: true, acceptedAt: true, expiresAt: true, withdrawnAt: true, organization: { select: { name: true, kind: true, parentId: true, parent: { select: { name: true } } } } },
  });
  if (!inv) return { state: 'invalid' };
  if (inv.acceptedAt) return { state: 'used', organizationName: inv.organization.name };
  if (inv.withdrawnAt) return { state: 'withdrawn', organizationName: inv.organization.name };
  if (inv.expiresAt <= now) return { state: 'expired', organizationName: inv.organization.name };
  const user = await db.user.findUnique({ where: { email: inv.email }, select: { id: true, districtId: true, district: { select: { name: true } } } });
  let move: InvitationMove | null = null;
  // As acceptInvitation decides it: a teacher invitation to a district, or to a school of one, places
  // the teacher there, and a teacher of another district leaves it.
  const to = inv.role !== 'TEACHER' ? null
    : inv.organization.kind === 'DISTRICT' ? { id: inv.organizationId, name: inv.organization.name }
      : inv.organization.kind === 'SCHOOL' && inv.organization.parentId && inv.organization.parent ? { id: inv.organization.parentId, name: inv.organization.parent.name }
        : null;
  const viewerInvited = Boolean(opts.viewer && user && opts.viewer.id === user.id);
  if (to && viewerInvited && user?.districtId && user.district && user.districtId !== to.id) {
    const proposalsWaiting = await db.proposal.count({ where: { userId: user.id, districtId: user.districtId, status: 'SUBMITTED' } });
    move = { fromDistrict: user.district.name, toDistrict: to.name, proposalsWaiting };
  }
  return { state: 'open', email: inv.email, role: inv.role, organizationName: inv.organization.name, userExists: Boolean(user), move };
}

/**
 * Accepts an invitation, once. A signed-in person must be the invited address. Someone without an
 * account sets a name and password here. An existing account, with or without a password (school
 * sign-in, bulk enrolment), must sign in first: an invitation link never sets the password of an
 * account that exists. People without a password set one through "Forgot your password?", which
 * goes to their own inbox.
 */
export async function acceptInvitation(opts: { token: string; actor?: Actor | null; newAccount?: { name: string; password: string }; now?: Date }) {
  const now = opts.now ?? new Date();
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(opts.token) }, select: { id: true, email: true, role: true, organizationId: true, acceptedAt: true, expiresAt: true, withdrawnAt: true, linkShared: true, organization: { select: { kind: true, parentId: true } } } });
  if (!inv) throw notFound('That invitation');
  if (inv.acceptedAt) throw invalidState('This invitation has already been used.');
  if (inv.withdrawnAt) throw invalidState('This invitation was withdrawn, so it can no longer be accepted. Ask for a new one if you still expect to join.');
  if (inv.expiresAt <= now) throw invalidState('This invitation has expired. Ask for a new one.');
  const existing = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
  if (opts.actor) {
    if (opts.actor.email.toLowerCase() !== inv.email) throw forbidden(`This invitation was sent to ${inv.email}. Sign out and accept it with that address.`);
  } else {
    if (!opts.newAccount) throw validation('Choose a name and password.');
    if (existing) throw invalidState('An account with this email already exists. Sign in to accept the invitation (no password yet? Use “Forgot your password?” on the sign-in page).');
  }
  const passwordHash = !opts.actor && opts.newAccount ? await hashPassword(opts.newAccount.password) : null;
  const accepted = await db.$transaction(async (tx) => {
    // Single use even with two tabs: only one update finds it still open.
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now } });
    if (claimed.count !== 1) throw conflict('This invitation has just been used.');
    let userId: string;
    if (opts.actor) userId = opts.actor.id;
    else {
      // The emailed link proves the address; a link handed to the inviter does not.
      const emailVerified = inv.linkShared ? null : now;
      userId = (await tx.user.create({ data: { email: inv.email, name: opts.newAccount!.name, passwordHash, emailVerified }, select: { id: true } })).id;
    }
    // Joining a district (or one of its schools) as a teacher links the account to it.
    // It answers any request to join a district, and a teacher moving leaves their old district.
    let placedAt = inv.organizationId;
    if (inv.role === 'TEACHER' && (inv.organization.kind === 'DISTRICT' || inv.organization.kind === 'SCHOOL')) {
      const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true, schoolId: true, name: true } });
      // A whole-district invitation keeps a teacher's school in the same district, but a school of
      // the district they leave is no longer theirs: its leader would go on counting them.
      const keepsSchool = inv.organization.kind === 'DISTRICT' && before.districtId === inv.organizationId;
      const placement = inv.organization.kind === 'SCHOOL'
        ? { schoolId: inv.organizationId, districtId: inv.organization.parentId }
        : { districtId: inv.organizationId, ...(keepsSchool ? {} : { schoolId: null }) };
      // The request it answers is settled: its leaders' "asks to join" notices (and emails) go.
      await withdrawPendingRequestNotices(tx, userId);
      await tx.user.update({ where: { id: userId }, data: { ...placement, requestedDistrictId: null, districtRequestedAt: null } });
      if (before.districtId && before.districtId !== placement.districtId && placement.districtId) {
        await moveOutOfDistrict(tx, { userId, name: before.name, fromDistrictId: before.districtId, toDistrictId: placement.districtId, actorId: userId });
      }
      // The teacher role follows the placement, as setTeacherSchool (lib/district/people.ts) keeps
      // it: at their school only, or at the district when district-wide. A teacher moving to
      // another school of their district is no longer a teacher of the school they left.
      if (placement.districtId) {
        placedAt = (keepsSchool ? before.schoolId : null) ?? inv.organizationId;
        await tx.membership.deleteMany({
          where: { userId, role: 'TEACHER', organizationId: { not: placedAt }, OR: [{ organizationId: placement.districtId }, { organization: { kind: 'SCHOOL', parentId: placement.districtId } }] },
        });
      }
    }
    await ensureMembership(tx, userId, placedAt, inv.role);
    await recordAudit({ actorId: userId, action: 'people.accept_invitation', entityType: 'Invitation', entityId: inv.id, organizationId: inv.organizationId, data: { role: inv.role } }, tx);
    return { userId, email: inv.email };
  });
  // Placed at a school or district (or given a role there, which the conflict rules count as they
  // count a placement), the person may now share it with work they hold as a reviewer, or with a
  // reviewer holding theirs: those claims go back now, not at the next hourly sweep.
  if (opts.actor && (inv.organization.kind === 'SCHOOL' || inv.organization.kind === 'DISTRICT')) await releaseClaimsAfterPlacementMove([accepted.userId]);
  return accepted;
}

/**
 * Adds or removes a role in an organisation. Roles are read from the database on every request.
 * Removing a leader's or admin's role withdraws the open invitations they sent there to any role
 * but teacher: `withdrawnInvitations` counts them, `withdrawnByRole` by the role they were to.
 */
export async function changeRole(opts: { actor: Actor; organizationId: string; userId: string; role: Role; op: 'add' | 'remove' }) {
  const org = await loadManagedOrg(opts.actor, opts.organizationId);
  if (!canAssignRole(org.kind, opts.role)) throw validation('This organisation has no such role.');
  // A principal is appointed only by an invitation they accept (ADR 016): the invitation goes to
  // the person's own address, so a district leader cannot hand a school's records to an account
  // picked by id, and the audit log shows the appointment as invited and accepted.
  if (opts.op === 'add' && opts.role === 'SCHOOL_LEADER') {
    throw invalidState('A school leader is appointed by invitation: invite them from the People page, and the role is theirs once they accept.');
  }
  if (opts.op === 'remove' && opts.userId === opts.actor.id && (opts.role === 'ISSUER_ADMIN' || opts.role === 'DISTRICT_LEADER')) {
    throw invalidState('You cannot remove your own administrator role; ask another administrator.');
  }
  const user = await db.user.findUnique({ where: { id: opts.userId }, select: { id: true } });
  if (!user) throw notFound('That person');
  let withdrawnInvitations = 0;
  const withdrawnByRole: Partial<Record<Role, number>> = {};
  await db.$transaction(async (tx) => {
    if (opts.op === 'add') {
      // Only to someone who already belongs here: anyone else is invited, to their own address, and
      // agrees by accepting. A role picked onto any account by its id would hand it another
      // organisation's powers unasked (and keep it from deleting itself or changing its email).
      if (!(await tx.membership.count({ where: { userId: user.id, organizationId: org.id } }))) {
        throw forbidden(`Only people who already have a role at ${org.name} can be given another here. Invite anyone else from the People page: the role is theirs once they accept.`);
      }
      await ensureMembership(tx, user.id, org.id, opts.role);
    } else {
      const leading = opts.role === 'ISSUER_ADMIN' || opts.role === 'DISTRICT_LEADER';
      // Held while counting who is left, so two removals at once cannot both pass the check.
      // The same lock as disabling an account takes (lib/organizations/platform.ts), so a role removal
      // and a disable at once cannot each count on the other's leader.
      if (leading) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`org-leaders:${org.id}`}))`;
      const removed = await tx.membership.deleteMany({ where: { userId: user.id, organizationId: org.id, role: opts.role } });
      if (!removed.count) throw notFound('That role');
      // An organisation always keeps someone able to run it (a platform admin could otherwise remove the last one).
      if (leading && !(await tx.membership.count({ where: { organizationId: org.id, role: opts.role, user: { disabledAt: null } } }))) {
        throw invalidState(`This is the only active ${opts.role === 'ISSUER_ADMIN' ? 'admin' : 'leader'} of ${org.name}. Invite another first, or nobody can run it.`);
      }
      // The invitations they sent here to any role but teacher stop working: a link sent to an
      // address of their own must not bring power back after it was taken away (a leader's, an
      // admin's, a principal's or a reviewer's role). A teacher invitation gives no say over anyone
      // else's records, so routine teacher invitations keep working. A district's schools are
      // theirs to invite to as well. (Disabling an account, lib/organizations/platform.ts, ends
      // every one: a taken-over account leaves no link of any kind.)
      if (leading) {
        const now = new Date();
        const places = org.kind === 'DISTRICT' ? [org.id, ...(await tx.organization.findMany({ where: { kind: 'SCHOOL', parentId: org.id }, select: { id: true } })).map((s) => s.id)] : [org.id];
        const ended = await tx.invitation.updateManyAndReturn({
          where: { invitedById: user.id, organizationId: { in: places }, role: { not: 'TEACHER' }, acceptedAt: null, withdrawnAt: null, expiresAt: { gt: now } },
          data: { expiresAt: now, withdrawnAt: now },
          select: { role: true },
        });
        withdrawnInvitations = ended.length;
        for (const i of ended) withdrawnByRole[i.role] = (withdrawnByRole[i.role] ?? 0) + 1;
      }
      // A reviewer removed from the issuer loses their qualifications for its credentials.
      if (opts.role === 'REVIEWER' && org.kind === 'ISSUER') {
        await tx.reviewerQualification.deleteMany({ where: { userId: user.id, microCredential: { issuerId: org.id } } });
      }
      // Someone left with no review rights at the issuer gives back the work they had claimed there.
      if ((opts.role === 'REVIEWER' || opts.role === 'ISSUER_ADMIN') && org.kind === 'ISSUER') {
        const left = await tx.membership.count({ where: { userId: user.id, organizationId: org.id, role: { in: ['REVIEWER', 'ISSUER_ADMIN'] } } });
        const reason = `${opts.role === 'REVIEWER' ? 'reviewer' : 'admin'} role removed`;
        if (!left) await releaseClaimsOf(tx, user.id, opts.actor.id, new Date(), { issuerId: org.id, reason });
        // Still an admin there, but their grants and calibrations just went: the work they may no
        // longer score goes back to the queue now (their adjudications stay theirs, and so does
        // what they still qualify for by holding the badge).
        else if (opts.role === 'REVIEWER') await releaseClaimsIfUnqualified(tx, { issuerId: org.id, reviewerId: user.id, actorId: opts.actor.id, now: new Date(), reason });
        // Still a reviewer there, no longer an admin: adjudicating is an admin's, so those go back.
        else await releaseClaimsOf(tx, user.id, opts.actor.id, new Date(), { issuerId: org.id, kinds: ['ADJUDICATION'], reason });
      }
    }
    const withdrawn = opts.op === 'remove' && (opts.role === 'ISSUER_ADMIN' || opts.role === 'DISTRICT_LEADER') ? { withdrawnInvitations } : {};
    await recordAudit({ actorId: opts.actor.id, action: opts.op === 'add' ? 'people.role_add' : 'people.role_remove', entityType: 'User', entityId: user.id, organizationId: org.id, data: { role: opts.role, ...withdrawn } }, tx);
  });
  return { withdrawnInvitations, withdrawnByRole };
}

/**
 * An admin's grant of one of the issuer's credentials to a reviewer (or admin) of the issuer, or its
 * removal. A grant stands whatever the person holds: one who qualifies by holding the badge (a row
 * without a granter, made when they calibrated) is granted too, so losing the badge later does not
 * stop them. Removing the grant from someone who still holds a valid badge keeps their row and its
 * calibration (they stay qualified by the badge); from anyone else it removes the row, calibration
 * included. Removing a grant that is not there changes nothing and records nothing.
 */
export async function setReviewerQualification(opts: { actor: Actor; userId: string; microCredentialId: string; op: 'add' | 'remove' }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  return db.$transaction(async (tx) => {
    let keptByBadge = false;
    if (opts.op === 'add') {
      const member = await tx.membership.findFirst({ where: { userId: opts.userId, organizationId: mc.issuerId, role: { in: ['REVIEWER', 'ISSUER_ADMIN'] } }, select: { id: true } });
      if (!member) throw invalidState('Give this person the reviewer role first.');
      await tx.reviewerQualification.upsert({
        where: { userId_microCredentialId: { userId: opts.userId, microCredentialId: mc.id } },
        create: { userId: opts.userId, microCredentialId: mc.id, grantedById: opts.actor.id },
        // A row made when a badge holder calibrated has no granter: this grant is recorded on it.
        update: { grantedById: opts.actor.id },
      });
    } else {
      const before = await loadQualification(opts.userId, mc.id, tx);
      if (!before.granted) return { changed: false, keptByBadge: before.earned };
      keptByBadge = before.earned;
      if (keptByBadge) {
        await tx.reviewerQualification.update({ where: { userId_microCredentialId: { userId: opts.userId, microCredentialId: mc.id } }, data: { grantedById: null } });
      } else {
        await tx.reviewerQualification.deleteMany({ where: { userId: opts.userId, microCredentialId: mc.id } });
      }
      // Without the grant they may still qualify by holding the badge (and its calibration rule);
      // if not, what they hold for this credential goes back to the queue now rather than when the
      // claim runs out ("Keep my claim" could put that off). Adjudication needs no qualification.
      await releaseClaimsIfUnqualified(tx, { microCredentialId: mc.id, reviewerId: opts.userId, actorId: opts.actor.id, now: new Date(), reason: 'qualification withdrawn' });
    }
    await recordAudit({ actorId: opts.actor.id, action: opts.op === 'add' ? 'people.qualify' : 'people.unqualify', entityType: 'User', entityId: opts.userId, organizationId: mc.issuerId, data: { microCredentialId: mc.id } }, tx);
    return { changed: true, keptByBadge };
  });
}

// ───────────────────────────── Bulk enrolment ─────────────────────────────

type Target = { kind: 'mc'; id: string; title: string; mcIds: string[] } | { kind: 'track'; id: string; title: string; mcIds: string[] };

async function loadTarget(actor: Actor, issuerId: string, target: string): Promise<Target> {
  if (!canAuthor(actor, issuerId)) throw forbidden();
  const [kind, id] = target.split(':') as ['mc' | 'track', string];
  if (kind === 'mc') {
    const mc = await db.microCredential.findFirst({ where: { id, issuerId, status: 'PUBLISHED' }, select: { id: true, slug: true, currentVersion: { select: { title: true } } } });
    if (!mc) throw validation('Choose a published micro-credential of this issuer.', { target: ['Choose a published micro-credential of this issuer.'] });
    return { kind, id: mc.id, title: mc.currentVersion?.title ?? mc.slug, mcIds: [mc.id] };
  }
  const track = await db.track.findFirst({ where: { id, issuerId, status: 'PUBLISHED' }, select: { id: true, title: true, microCredentials: { where: { status: 'PUBLISHED' }, select: { id: true } } } });
  if (!track) throw validation('Choose a published track of this issuer.', { target: ['Choose a published track of this issuer.'] });
  return { kind, id: track.id, title: track.title, mcIds: track.microCredentials.map((m) => m.id) };
}

/**
 * What enrolling a row does about its district (ADR 010): `ask` makes the new account's request to
 * join the row's district; `unchanged` when the person already has a district or a pending request;
 * `not_asked` for an existing account in no district: nobody asked them, so the import does not ask
 * a district in their name (its leaders would see their data once they confirmed); they can ask
 * from their account page.
 */
export type JoinRequest = 'ask' | 'unchanged' | 'not_asked' | null;
export type EnrolPreviewRow = EnrolRow & { existingUser: boolean; alreadyEnrolled: boolean; joinRequest: JoinRequest };

/** Checks every row without writing anything, so the admin sees all problems at once. */
export async function previewBulkEnrol(opts: { actor: Actor; issuerId: string; target: string; csv: string }) {
  const target = await loadTarget(opts.actor, opts.issuerId, opts.target);
  const [schools, districts] = await Promise.all([
    db.organization.findMany({ where: { kind: 'SCHOOL', parent: { kind: 'DISTRICT' } }, select: { id: true, name: true, slug: true, parentId: true } }),
    db.organization.findMany({ where: { kind: 'DISTRICT' }, select: { id: true, name: true, slug: true } }),
  ]);
  const { fileError, rows } = validateEnrolCsv(opts.csv, schools.map((s) => ({ id: s.id, name: s.name, slug: s.slug, districtId: s.parentId! })), districts);
  const emails = rows.filter((r) => !r.errors.length).map((r) => r.email);
  const users = await db.user.findMany({
    where: { email: { in: emails } },
    select: { email: true, districtId: true, requestedDistrictId: true, enrollments: { where: target.kind === 'mc' ? { microCredentialId: target.id, withdrawnAt: null } : { trackId: target.id, withdrawnAt: null }, select: { id: true } } },
  });
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const preview: EnrolPreviewRow[] = rows.map((r) => {
    const user = byEmail.get(r.email);
    const joinRequest: JoinRequest = !r.district ? null : !user ? 'ask' : user.districtId || user.requestedDistrictId ? 'unchanged' : 'not_asked';
    return { ...r, existingUser: Boolean(user), alreadyEnrolled: Boolean(user?.enrollments.length), joinRequest };
  });
  return { target: { kind: target.kind, title: target.title }, fileError, rows: preview, errorCount: preview.filter((r) => r.errors.length).length };
}

/**
 * Tells a district's leaders, once per import, that teachers enrolled by an issuer ask to join
 * (as lib/district/requests.ts does for a teacher's own request). The notice names the district as
 * its subject: it goes once no request is left there to decide (withdrawLeaderNotices).
 */
async function tellLeadersOfImport(tx: Tx, issuerName: string, district: { id: string; name: string }, count: number) {
  const leaders = await tx.membership.findMany({ where: { organizationId: district.id, role: 'DISTRICT_LEADER' }, select: { userId: true }, take: 50 });
  const who = count === 1 ? '1 teacher' : `${count} teachers`;
  for (const l of leaders) {
    await notify({ userId: l.userId, kind: 'district.join_request', title: `${who} enrolled by ${issuerName} ask${count === 1 ? 's' : ''} to join ${district.name}`, body: 'Confirm those who teach in your district, or decline.', href: `/district/people?district=${district.id}#requests`, subject: { type: 'DistrictJoinImport', id: district.id } }, tx);
  }
}

/**
 * Imports the CSV in one transaction: any invalid row stops the whole import before anything is
 * written, and a failure part-way rolls everything back. New accounts have no password; the
 * teachers sign in with their school's identity provider, or set a password through "Forgot your
 * password?" (a link to their own inbox).
 *
 * An issuer never places anyone in a district (ADR 010): for an account the import creates, a row
 * naming a school or district becomes its request to join the district, which its leaders confirm
 * or decline. An account that already exists is only enrolled: its owner never agreed to ask that
 * district, whose leaders would see their progress and badges once they confirmed, so no request is
 * filed for them (`notAsked` counts those in no district; they can ask from their account page).
 */
export async function importBulkEnrol(opts: { actor: Actor; issuerId: string; target: string; csv: string; now?: Date }) {
  const preview = await previewBulkEnrol(opts);
  if (preview.fileError) throw validation(preview.fileError);
  if (preview.errorCount) {
    const fieldErrors: Record<string, string[]> = {};
    for (const r of preview.rows) if (r.errors.length) fieldErrors[`line ${r.line}`] = r.errors;
    throw validation(`${preview.errorCount} row${preview.errorCount === 1 ? ' has' : 's have'} problems. Nothing was imported; fix the file and try again.`, fieldErrors);
  }
  const target = await loadTarget(opts.actor, opts.issuerId, opts.target);
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      let created = 0;
      let enrolled = 0;
      let notAsked = 0;
      const asked = new Map<string, { district: { id: string; name: string }; userIds: string[] }>();
      for (const r of preview.rows) {
        const existing = await tx.user.findUnique({ where: { email: r.email }, select: { id: true, districtId: true, requestedDistrictId: true } });
        let userId: string;
        let requested = false;
        if (existing) {
          userId = existing.id;
          if (r.district && !existing.districtId && !existing.requestedDistrictId) notAsked++;
        } else {
          const request = r.district ? { requestedDistrictId: r.district.id, districtRequestedAt: now } : {};
          userId = (await tx.user.create({ data: { email: r.email, name: r.name, ...request }, select: { id: true } })).id;
          created++;
          requested = Boolean(r.district);
        }
        if (requested && r.district) {
          const entry = asked.get(r.district.id) ?? { district: r.district, userIds: [] };
          entry.userIds.push(userId);
          asked.set(r.district.id, entry);
        }
        // As a teacher enrolling themselves (lib/enrollment/mutations.ts): their track enrolments
        // locked first, and a track they had stopped with its last level followed again.
        await lockTrackEnrollments(tx, userId, target.mcIds);
        if (target.kind === 'track') {
          await tx.enrollment.upsert({ where: { userId_trackId: { userId, trackId: target.id } }, create: { userId, trackId: target.id }, update: { withdrawnAt: null } });
        }
        for (const mcId of target.mcIds) {
          await tx.enrollment.upsert({ where: { userId_microCredentialId: { userId, microCredentialId: mcId } }, create: { userId, microCredentialId: mcId }, update: { withdrawnAt: null } });
        }
        await rejoinTracks(tx, userId, target.mcIds);
        if (!r.alreadyEnrolled) enrolled++;
      }
      let requested = 0;
      if (asked.size) {
        const issuer = await tx.organization.findUniqueOrThrow({ where: { id: opts.issuerId }, select: { name: true } });
        for (const { district, userIds } of asked.values()) {
          requested += userIds.length;
          await recordAudit({ actorId: opts.actor.id, action: 'people.bulk_request_district', entityType: 'Organization', entityId: district.id, organizationId: district.id, data: { issuerId: opts.issuerId, userIds } }, tx);
          await tellLeadersOfImport(tx, issuer.name, district, userIds.length);
        }
      }
      await recordAudit(
        { actorId: opts.actor.id, action: 'people.bulk_enrol', entityType: target.kind === 'mc' ? 'MicroCredential' : 'Track', entityId: target.id, organizationId: opts.issuerId, data: { rows: preview.rows.length, created, enrolled, requested, notAsked } },
        tx,
      );
      return { rows: preview.rows.length, created, enrolled, requested, notAsked, title: target.title };
    },
    { timeout: 60_000 },
  );
}
