import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getVerificationLink, VERIFY_DAYS } from '@/lib/auth/email-verification';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmEmailForm } from './confirm-form';
import { SignOutForLinkForm } from './sign-out-form';

export const metadata = { title: 'Confirm your email address', robots: { index: false } };

// Confirming takes a button press, not just opening the link: mail scanners open links in emails,
// and must not confirm an address on someone's behalf. It also takes being signed in to the link's
// account (lib/auth/email-verification.ts): the link proves the inbox, signing in the password.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, signedIn } = await getVerificationLink({ token, actor: await getActor() });
  // Signed out: sign in first (the sign-in page says why) and come straight back here.
  if (state === 'valid' && signedIn === 'signed-out') redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/verify-email/${token}`)}`);
  const again = (
    <>
      <Link href="/dashboard">Sign in</Link> and send yourself a new link from your dashboard.
    </>
  );
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Confirm your email address</h1>
      {state === 'valid' && signedIn === 'yours' ? (
        <Card>
          <p className="mb-4 text-slate-700">One click, and you can submit your evidence for review.</p>
          <ConfirmEmailForm token={token} />
        </Card>
      ) : state === 'valid' ? (
        <Card>
          {/* The account the link is for is not named: the link may have reached the wrong person. */}
          <Alert tone="warning" title="This link is for another account">
            You are signed in, but not to the account this link was sent for. To confirm that account’s address, sign out, then sign in to it: this link brings you back here.
          </Alert>
          <SignOutForLinkForm token={token} />
        </Card>
      ) : state === 'expired' ? (
        <Alert tone="warning" title="This link has expired">Confirmation links work for {VERIFY_DAYS} days. {again}</Alert>
      ) : state === 'used' ? (
        <Alert tone="info" title="This link has already been used">If your address is confirmed, there is nothing more to do: <Link href="/dashboard">go to your learning</Link>. If it is not, your dashboard can send you a new link.</Alert>
      ) : (
        <Alert tone="danger" title="This link is not valid">Check that you copied the whole link from the email. {again}</Alert>
      )}
    </div>
  );
}
