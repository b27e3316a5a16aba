import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers } from '@/lib/authoring/queries';
import { PageHeader } from '@/components/ui/card';
import { CredentialEditor } from '@/components/admin/credential-editor';
import { emptyForm } from '@/components/admin/credential-form-state';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'New micro-credential' };

export default async function NewCredentialPage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/credentials/new');
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="New micro-credential" />;
  }
  return (
    <div>
      <PageHeader title="New micro-credential" description="Nothing is visible to teachers until you publish. Drafts are kept in this browser as you type." />
      <CredentialEditor
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        issuerId={issuers[0].id}
        timeZone={actor.timeZone ?? null}
        initial={emptyForm()}
        badgeImageKey={null}
        badgePreviewUrl={null}
        versionLabel="New — not saved yet"
        status={null}
        latestIsDraft={false}
        savedAt={null}
      />
    </div>
  );
}
