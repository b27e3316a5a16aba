import Link from 'next/link';
import { Alert, Card } from '@/components/ui/card';
import { ForgotPasswordForm } from '@/components/account/forgot-password-form';

export const metadata = { title: 'Forgot your password?', robots: { index: false } };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // From /reset-password?token=… with something that cannot be a reset link (app/reset-password/page.tsx).
  const badLink = (await searchParams).link === 'invalid';
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Forgot your password?</h1>
      {badLink ? (
        <div className="mb-4">
          <Alert tone="warning" title="That reset link is not valid">
            Check that you copied the whole link from the email, or ask for a new one below.
          </Alert>
        </div>
      ) : null}
      <p className="mb-6 text-slate-700">Enter your email address and we will send you a link to choose a new password.</p>
      <Card>
        <ForgotPasswordForm />
      </Card>
      <p className="mt-4 text-center text-slate-700">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </div>
  );
}
