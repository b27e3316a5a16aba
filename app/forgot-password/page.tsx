import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata = { title: 'Forgot your password?', robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Forgot your password?</h1>
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
