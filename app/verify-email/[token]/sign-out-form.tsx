'use client';

import { signOutForLinkAction } from './actions';
import { clearAllLocalDrafts } from '@/components/ui/local-draft';
import { buttonClass } from '@/components/ui/button';

/**
 * Signs out of the account this browser is signed in to, then asks to sign in to the one the link
 * is for. A real POST form (it works before scripts load); with scripts it first removes the unsent
 * copies this app kept in the browser, as the header's Sign out does.
 */
export function SignOutForLinkForm({ token }: { token: string }) {
  return (
    <form action={signOutForLinkAction} onSubmit={() => clearAllLocalDrafts()} className="mt-4">
      <input type="hidden" name="token" value={token} />
      <button type="submit" className={buttonClass('secondary')}>
        Sign out, then sign in to the other account
      </button>
    </form>
  );
}
