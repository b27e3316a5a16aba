import { EmptyState, PageHeader } from '@/components/ui/card';

/** An issuer admin's page for someone who administers no issuing organisation (yet): what to do about it. */
export function NoIssuerPage({ title }: { title: string }) {
  return (
    <div>
      <PageHeader title={title} />
      <EmptyState title="You do not administer an issuing organisation">Ask a platform administrator to add you to one.</EmptyState>
    </div>
  );
}
