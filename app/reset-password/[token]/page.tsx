import Link from 'next/link';
import { RESET_MINUTES } from '@/lib/auth/password-reset';
import { readAccountToken } from '@/lib/auth/account-tokens';
import { Alert, Card } from '@/components/ui/card';
import { NewPasswordForm } from '@/components/account/new-password-form';
import { ForgotPasswordForm } from '@/components/account/forgot-password-form';
import { resetPasswordAction } from './actions';

export const metadata = { title: 'Choose a new password', robots: { index: false } };

// A link that cannot be used (unknown, used or expired) is not a dead end: the page says why and
// asks for the address right here, with the same form as "Forgot your password?", laid out as that
// page is. Why it cannot be used tells nothing about any account: only the link's holder learns it,
// and the request form answers the same whether or not the address has an account.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, row } = await readAccountToken(token, 'PASSWORD_RESET');
  // Named only for a link that works: it came to that inbox, so it tells its holder nothing new,
  // and a password manager stores the new password under the right account.
  const email = state === 'valid' ? (row?.user.email ?? null) : null;
  if (state === 'valid' && email) {
    return (
      <div className="mx-auto max-w-md">
        <h1 className="mb-6 text-3xl font-bold">Choose a new password</h1>
        <Card>
          <p className="mb-1 text-sm text-slate-700">
            For the account <strong className="break-all text-slate-900">{email}</strong>
          </p>
          <p className="mb-4 text-sm text-slate-700">Saving it signs you out on every other device.</p>
          <NewPasswordForm action={resetPasswordAction} token={token} username={email} submitLabel="Save my new password" pendingLabel="Saving…" />
        </Card>
        {/* The link can run out while the form is open: saving then says so, and this is where to go. */}
        <p className="mt-4 text-center text-slate-700">
          Link stopped working? <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      {/* What this page now does: the link cannot be used, so it asks for the address to send a new one. */}
      <h1 className="mb-2 text-3xl font-bold">Ask for a new reset link</h1>
      <div className="mb-4">
        {state === 'expired' ? (
          <Alert tone="warning" title="This link has expired">Reset links work for {RESET_MINUTES} minutes. Ask for a new one below.</Alert>
        ) : state === 'used' ? (
          <Alert tone="info" title="This link has already been used">
            It was used, or a newer link was sent after it. If you still need one, ask for a new one below, or <Link href="/sign-in">sign in</Link>.
          </Alert>
        ) : (
          <Alert tone="warning" title="This link is not valid">Check that you copied the whole link from the email, or ask for a new one below.</Alert>
        )}
      </div>
      <p className="mb-6 text-slate-700">Enter your email address and we will send you a new link to choose a new password.</p>
      <Card>
        <ForgotPasswordForm />
      </Card>
      <p className="mt-4 text-center text-slate-700">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </div>
  );
}
