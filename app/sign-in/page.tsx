import Link from 'next/link';
import { safeCallbackUrl } from '@/lib/auth/schemas';
import { redirect } from 'next/navigation';
import { SignInForm } from './sign-in-form';
import { oidcSignInAction } from './actions';
import { getActor } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/actor';
import { oidcProviders } from '@/lib/auth/config';
import { env } from '@/lib/env';
import { Alert, Card } from '@/components/ui/card';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo';

export const metadata = { title: 'Sign in' };

const PASSWORD_NOTICES: Record<string, string> = {
  reset: 'Your new password is saved. Sign in with it.',
  'reset-settings': 'Your new password is saved. Sign in with it. Some settings chosen before your address was confirmed were reset, as someone else may have chosen them: your notifications say which.',
  changed: 'Your password is changed and you were signed out everywhere. Sign in with the new one.',
};

const ACCOUNT_NOTICES: Record<string, string> = {
  deleted: 'Your account has been deleted, with your applications, evidence and badges.',
  'signed-out': 'You were signed out on every device, this one too. Sign in again to carry on.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; password?: string; error?: string; account?: string }> }) {
  const { callbackUrl, password, error, account } = await searchParams;
  // Own keys only: `?account=__proto__` must not reach the page as an object.
  const noticeOf = (list: Record<string, string>, key: string | undefined) => (typeof key === 'string' && Object.hasOwn(list, key) ? list[key] : undefined);
  const notice = noticeOf(ACCOUNT_NOTICES, account) ?? noticeOf(PASSWORD_NOTICES, password);
  const actor = await getActor();
  // Already signed in: straight on to where they were going.
  if (actor) redirect(safeCallbackUrl(typeof callbackUrl === 'string' ? callbackUrl : undefined, homePath(actor)));
  const providers = oidcProviders();
  // Someone who came to sign in on the way to a credential keeps that destination through sign-up.
  const back = safeCallbackUrl(typeof callbackUrl === 'string' ? callbackUrl : undefined, '');
  const signUpHref = back ? `/sign-up?callbackUrl=${encodeURIComponent(back)}` : '/sign-up';
  // Sent here by an email's confirmation link (app/verify-email): it works once they are signed in.
  const confirming = back.startsWith('/verify-email/');
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Sign in</h1>
      {notice ? <div className="mb-4"><Alert tone="success">{notice}</Alert></div> : null}
      {confirming ? (
        <div className="mb-4">
          <Alert tone="info" title="Sign in to confirm your address">
            The link in your email confirms the address of the account it was sent for, once you are signed in to that account. Sign in, and you come straight back to it. Forgotten the password? Use “Forgot your password?” below: that link confirms your address too. If you did not create a Microcred account, ignore the email.
          </Alert>
        </div>
      ) : null}
      {error ? (
        <div className="mb-4">
          <Alert tone="warning" title="Signing in with your school account did not work">
            If you already have a Microcred account with that address, sign in with its password below. Otherwise try again, or ask your school’s IT team.
          </Alert>
        </div>
      ) : null}
      <Card>
        <SignInForm callbackUrl={callbackUrl} />
        <p className="mt-3 text-center text-sm">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
        {providers.length ? (
          <div className="mt-6 border-t border-slate-200 pt-4">
            <p className="mb-2 text-sm text-slate-700">Or sign in with your school account</p>
            {providers.map((p) => (
              <form key={p.id} action={oidcSignInAction} className="mb-2">
                <input type="hidden" name="provider" value={p.id} />
                <input type="hidden" name="callbackUrl" value={callbackUrl ?? ''} />
                <button type="submit" className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100">
                  Continue with {p.name}
                </button>
              </form>
            ))}
          </div>
        ) : null}
      </Card>
      <p className="mt-4 text-center text-slate-700">
        New here? <Link href={signUpHref}>Create a free account</Link>
      </p>
      {env().DEMO_MODE ? (
        <Card className="mt-6">
          <h2 className="font-semibold">Demo accounts</h2>
          <p className="text-sm text-slate-700">
            Password for all: <code className="rounded bg-slate-100 px-1">{DEMO_PASSWORD}</code>
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email}>
                <code className="rounded bg-slate-100 px-1">{a.email}</code> — {a.role}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
