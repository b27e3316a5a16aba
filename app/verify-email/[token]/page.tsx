import Link from 'next/link';
import { getVerificationLinkState, VERIFY_DAYS } from '@/lib/auth/email-verification';
import { Alert, Card } from '@/components/ui/card';
import { ConfirmEmailForm } from './confirm-form';

export const metadata = { title: 'Confirm your email address', robots: { index: false } };

// Confirming takes a button press, not just opening the link: mail scanners open links in emails,
// and must not confirm an address on someone's behalf.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await getVerificationLinkState(token);
  const again = (
    <>
      <Link href="/dashboard">Sign in</Link> and send yourself a new link from your dashboard.
    </>
  );
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Confirm your email address</h1>
      {state === 'valid' ? (
        <Card>
          <p className="mb-4 text-slate-700">One click, and you can submit your evidence for review. This works from any device.</p>
          <ConfirmEmailForm token={token} />
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
