'use client';

import { useEffect, useRef } from 'react';
import { signOutAction } from '@/app/actions';
import { clearAllLocalDrafts } from '@/components/ui/local-draft';

/**
 * The header's Sign out: a real POST form for the server action (it works before hydration and
 * without scripts), which with scripts first removes every unsent copy this app kept in the browser,
 * since the next person at a shared school computer must not find them. Once the header no longer
 * shows it (signed out), it clears again: a form may have written a copy (a debounced save) while
 * the sign-out was on its way.
 */
export function SignOutButton() {
  const submitted = useRef(false);
  useEffect(
    () => () => {
      if (submitted.current) clearAllLocalDrafts();
    },
    [],
  );
  return (
    <form
      action={signOutAction}
      onSubmit={() => {
        submitted.current = true;
        clearAllLocalDrafts();
      }}
    >
      <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}
