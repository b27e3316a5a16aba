// What the invitation page tells a signed-in teacher about leaving their district (getInvitation's
// `move`). Pure: the page and its tests read the same sentences.
import type { InvitationMove } from '@/lib/people/mutations';

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
