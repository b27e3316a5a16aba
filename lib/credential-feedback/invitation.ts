import 'server-only';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { feedbackPath } from '@/lib/credential-feedback/policy';

/**
 * The sentence that invites a teacher to say how a micro-credential went, for the notice of a
 * decision on their work (a badge earned, or work returned for revision): the notice's own link
 * goes to the badge or the application, so the feedback page's full address is in the text, which
 * the email and the notifications page both show. Empty when the teacher already gave feedback on
 * it (they can change it from their application page). Pass the decision's transaction.
 */
export async function feedbackInvitation(tx: Tx | typeof db, o: { userId: string; microCredentialId: string; slug: string }): Promise<string> {
  const given = await tx.credentialFeedback.findUnique({ where: { userId_microCredentialId: { userId: o.userId, microCredentialId: o.microCredentialId } }, select: { id: true } });
  if (given) return '';
  return `How useful was it for your teaching? Tell the issuer, without your name: ${new URL(feedbackPath(o.slug), env().APP_URL).toString()}`;
}

/** `body` with the invitation after it, one space apart (or `body` alone when there is none). */
export const withInvitation = (body: string, invitation: string) => (invitation ? `${body} ${invitation}` : body);
