import Link from 'next/link';
import { getResetLinkState, RESET_MINUTES } from '@/lib/auth/password-reset';
import { Alert, Card } from '@/components/ui/card';
import { NewPasswordForm } from '@/components/account/new-password-form';
import { resetPasswordAction } from './actions';

export const metadata = { title: 'Choose a new password', robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await getResetLinkState(token);
  const again = <Link href="/forgot-password">Ask for a new link</Link>;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Choose a new password</h1>
      {state === 'valid' ? (
        <Card>
          <p className="mb-4 text-sm text-slate-700">Saving it signs you out on every other device.</p>
          <NewPasswordForm action={resetPasswordAction} token={token} submitLabel="Save my new password" pendingLabel="Saving…" />
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
