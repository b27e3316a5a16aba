import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from './sign-up-form';
import { getActor } from '@/lib/auth/session';
import { listDistricts } from '@/lib/catalog/queries';
import { Card } from '@/components/ui/card';
import { safeCallbackUrl } from '@/lib/auth/schemas';

export const metadata = { title: 'Create an account' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw, '');
  if (await getActor()) redirect(callbackUrl || '/dashboard');
  const districts = await listDistricts();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-3xl font-bold">Create your account</h1>
      <p className="mb-6 text-slate-700">Free for teachers. Earn badges for the skills you show in your own classroom.</p>
      <Card>
        <SignUpForm districts={districts} callbackUrl={callbackUrl} />
      </Card>
      <p className="mt-4 text-center text-slate-700">
        Already have an account? <Link href={callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-in'}>Sign in</Link>
      </p>
    </div>
  );
}
