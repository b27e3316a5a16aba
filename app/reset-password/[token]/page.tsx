import Link from 'next/link';
import { RESET_MINUTES } from '@/lib/auth/password-reset';
import { readAccountToken } from '@/lib/auth/account-tokens';
import { Alert, Card } from '@/components/ui/card';
import { NewPasswordForm } from '@/components/account/new-password-form';
import { resetPasswordAction } from './actions';

export const metadata = { title: 'Choose a new password', robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, row } = await readAccountToken(token, 'PASSWORD_RESET');
  // Named only for a link that works: it came to that inbox, so it tells its holder nothing new,
  // and a password manager stores the new password under the right account.
  const email = state === 'valid' ? (row?.user.email ?? null) : null;
  const again = <Link href="/forgot-password">Ask for a new link</Link>;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Choose a new password</h1>
      {state === 'valid' && email ? (
        <Card>
          <p className="mb-1 text-sm text-slate-700">
            For the account <strong className="break-all text-slate-900">{email}</strong>
          </p>
          <p className="mb-4 text-sm text-slate-700">Saving it signs you out on every other device.</p>
          <NewPasswordForm action={resetPasswordAction} token={token} username={email} submitLabel="Save my new password" pendingLabel="Saving…" />
        </Card>
      ) : state === 'expired' ? (
        <Alert tone="warning" title="This link has expired">Reset links work for {RESET_MINUTES} minutes. {again}.</Alert>
      ) : state === 'used' ? (
        <Alert tone="info" title="This link has already been used">It was used, or a newer link was sent after it. {again} if you still need one, or <Link href="/sign-in">sign in</Link>.</Alert>
      ) : (
        <Alert tone="danger" title="This link is not valid">Check that you copied the whole link from the email. {again}.</Alert>
      )}
    </div>
  );
}
