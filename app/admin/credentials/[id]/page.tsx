import { notFound, redirect } from 'next/navigation';

// A credential's own address, as an admin might type it or trim it from the editor's: it opens the
// editor, which checks who may see it. Micro-credential ids are cuids (letters, digits, '-' and
// '_'); anything else is no credential, and is answered here without a query.
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function CredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!CREDENTIAL_ID.test(id)) notFound();
  redirect(`/admin/credentials/${id}/edit`);
}
