import { Alert } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';

export const metadata = { title: 'Email address confirmed', robots: { index: false } };

export default function EmailConfirmedPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-3xl font-bold">Email address confirmed</h1>
      <Alert tone="success" title="Thank you">You can now submit your evidence for review. Badges you earn will name this address.</Alert>
      <div className="mt-6">
        <ButtonLink href="/dashboard">Go to my learning</ButtonLink>
      </div>
    </div>
  );
}
