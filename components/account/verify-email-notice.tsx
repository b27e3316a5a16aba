'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { resendVerificationAction } from '@/app/actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';

/**
 * Asks a person with an unconfirmed address to use the emailed link, and can send it again, or
 * lets them correct a mistyped address on their account page.
 */
export function VerifyEmailNotice({ email, why }: { email: string; why: string }) {
  const [state, action, pending] = useActionState(resendVerificationAction, initialActionState);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">Confirm your email address</p>
      <p className="mt-1">
        We emailed a link to <strong>{email}</strong>. {why}
      </p>
      <form {...keepInputForm(action)} className="mt-2">
        <ActionAlerts state={state} className="mb-2" />
        <button type="submit" disabled={pending} className="rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-semibold hover:bg-amber-100 disabled:opacity-60">
          {pending ? 'Sending…' : 'Send the link again'}
        </button>
        <Link href="/account#email" className="ml-3 font-semibold underline hover:no-underline">
          Wrong address? Change it
        </Link>
      </form>
    </div>
  );
}
