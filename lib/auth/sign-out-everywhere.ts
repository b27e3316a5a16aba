import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { retireUnusedLinks } from '@/lib/auth/account-tokens';

/**
 * "Sign out on every device": ends every session of the account, the one asking included. Signing
 * out in one browser ends only that browser's session; a session copied elsewhere (a shared
 * computer left signed in, a stolen cookie) lasts until it expires. Sessions carry the account's
 * session version (lib/auth/load-actor.ts), so raising it ends them all at once.
 *
 * Password-reset links not used yet stop working too: one left in an inbox someone else can read
 * would otherwise let them set a password and sign straight back in.
 */
export async function signOutEverywhere(opts: { actor: Actor; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  await db.$transaction(async (tx) => {
    // Links before the account, the order every change to them takes (lib/auth/account-tokens.ts).
    await retireUnusedLinks(tx, opts.actor.id, now, 'PASSWORD_RESET');
    await tx.user.update({ where: { id: opts.actor.id }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit({ actorId: opts.actor.id, action: 'user.sign_out_everywhere', entityType: 'User', entityId: opts.actor.id }, tx);
  });
}
