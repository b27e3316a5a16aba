// What the invitation page tells a signed-in teacher about leaving their district (getInvitation's
// `move`), and what removing a leader's or admin's role does to the invitations they sent. Pure:
// the pages, the actions and their tests read the same sentences.
import type { InvitationMove } from '@/lib/people/mutations';
import type { Role } from '@/lib/generated/prisma/enums';

/**
 * What accepting does to the district the teacher leaves, as acceptInvitation and moveOutOfDistrict
 * (lib/district/people.ts) do it: the teacher memberships there end, proposals still waiting for
 * its decision go back to the teacher as drafts, and its leaders are told.
 */
export function invitationMoveWarning(move: InvitationMove): { title: string; body: string } {
  const { fromDistrict: from, toDistrict: to, proposalsWaiting: n } = move;
  const proposals = n === 1
    ? ` Your proposal waiting for ${from}’s decision comes back to you as a draft.`
    : n > 1 ? ` Your ${n} proposals waiting for ${from}’s decision come back to you as drafts.` : '';
  return {
    title: `Accepting moves you from ${from} to ${to}`,
    body: `${from} will stop counting your credentials: it will no longer see your progress, its salary steps will no longer apply to you, and its reports will leave you out, past periods included. Its leaders are told you left.${proposals} Your account, work and badges stay yours.`,
  };
}

/**
 * The open invitations that stop working when a leader's or admin's role is removed (changeRole):
 * those they sent to any role but teacher, which could give power back. A district's leader also
 * invites to its schools; an issuer has no teachers. Said on the confirmation, before removing.
 */
export function invitationsThatStop(kind: 'DISTRICT' | 'ISSUER'): string {
  return kind === 'DISTRICT'
    ? 'Invitations they sent to be a district leader or a school leader here that are still open stop working; any they sent to teachers keep working.'
    : 'Invitations they sent to be an issuer admin or a reviewer here that are still open stop working.';
}

const INVITED_AS: Partial<Record<Role, string>> = {
  DISTRICT_LEADER: 'a district leader',
  SCHOOL_LEADER: 'a school leader',
  ISSUER_ADMIN: 'an issuer admin',
  REVIEWER: 'a reviewer',
};

/**
 * Said once the role is removed: how many invitations they sent stopped working and to be what,
 * and, in a district, that those to teachers still work. Null when none was open.
 */
export function invitationsStopped(byRole: Partial<Record<Role, number>>, kind: 'DISTRICT' | 'ISSUER'): string | null {
  const parts = (Object.keys(INVITED_AS) as Role[]).filter((r) => byRole[r]).map((r) => `${byRole[r]} to be ${INVITED_AS[r]}`);
  const total = Object.values(byRole).reduce((n, c) => n + (c ?? 0), 0);
  if (!total) return null;
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const teachers = kind === 'DISTRICT' ? ' Any they sent to teachers still work.' : '';
  return `${total === 1 ? '1 invitation' : `${total} invitations`} they sent stopped working: ${list}.${teachers}`;
}
