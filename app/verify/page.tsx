import { VerifyForm } from './verify-form';
import { PageHeader } from '@/components/ui/card';

export const metadata = { title: 'Verify a credential' };

export default function VerifyPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="Verify a credential" description="Check that an Open Badges 3.0 credential is authentic, unaltered, unexpired and not revoked or suspended. Nothing you check is stored." />
      <VerifyForm />
    </div>
  );
}
