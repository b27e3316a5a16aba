import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { recordAudit } from '@/lib/audit/log';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '@/lib/email/unsubscribe-token';

// One-click unsubscribe (RFC 8058) for notification emails that are not essential: the email's
// List-Unsubscribe header names unsubscribeUrl, which a mailbox provider POSTs to, cross-site and
// without cookies (app/unsubscribe/[token]/route.ts); its footer links to unsubscribePageUrl, where a
// person presses a button (app/unsubscribe/[token]/confirm). Opening either address changes nothing:
// link scanners open every link in an email. Both turn off User.emailNotifications, the setting
// "Email me about my work" on the account page, which turns it back on. Essential notices (the
// account's security, a badge's status) are emailed regardless, and carry no such link.

/** Where a mailbox provider sends the one-click request (the List-Unsubscribe header). */
export function unsubscribeUrl(userId: string): string {
  return new URL(`/unsubscribe/${signUnsubscribeToken(userId, env().AUTH_SECRET)}`, env().APP_URL).toString();
}

/** The page where a person stops these emails (the email's footer). */
export function unsubscribePageUrl(userId: string): string {
  return new URL(`/unsubscribe/${signUnsubscribeToken(userId, env().AUTH_SECRET)}/confirm`, env().APP_URL).toString();
}

/** What a link's page shows: 'on' (the button), 'off' (already stopped), or 'invalid' (not one of ours, or its account is gone). */
export type UnsubscribeLinkState = 'on' | 'off' | 'invalid';

export async function readUnsubscribeLink(token: unknown): Promise<UnsubscribeLinkState> {
  const userId = verifyUnsubscribeToken(token, env().AUTH_SECRET);
  if (!userId) return 'invalid';
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailNotifications: true } });
  return !user ? 'invalid' : user.emailNotifications ? 'on' : 'off';
}

/**
 * Turns off the link's account's emails about its work. 'stopped' when this turned them off (the
 * audit log records it, so "I never turned them off" has an answer), 'already' when they were off
 * (nothing written: a provider may send the request twice), 'invalid' for a token this server did
 * not make or an account deleted since (nothing written). `via`: the mailbox provider's one-click
 * request, or the page's button.
 */
export async function unsubscribeWithLink(opts: { token: unknown; via: 'one-click' | 'page' }): Promise<'stopped' | 'already' | 'invalid'> {
  const userId = verifyUnsubscribeToken(opts.token, env().AUTH_SECRET);
  if (!userId) return 'invalid';
  return db.$transaction(async (tx) => {
    const changed = await tx.user.updateMany({ where: { id: userId, emailNotifications: true }, data: { emailNotifications: false } });
    if (!changed.count) return (await tx.user.count({ where: { id: userId } })) ? 'already' : 'invalid';
    // The account's holder, as for a password reset by emailed link: the link reached their inbox.
    await recordAudit({ actorId: userId, action: 'user.unsubscribe', entityType: 'User', entityId: userId, data: { via: opts.via } }, tx);
    return 'stopped';
  });
}
