import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getCredentialDocument } from '@/lib/awards/queries';
import { badgeFileResponse } from '@/lib/awards/download-cache';

// The signed credential, exactly as issued. Revocation is published in the status list, not here,
// so the bytes never change while the badge exists; but the badge goes when its holder deletes
// their account, and a shared cache must not keep serving it after that. So caches may keep a copy
// and must ask again before each use: unchanged, the answer is a 304 with no body.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const document = await getCredentialDocument((await params).id);
  if (!document) return credentialNotFound(req, 'credential');
  return badgeFileResponse(req, document, {
    'content-type': 'application/vc+ld+json; charset=utf-8',
    'access-control-allow-origin': '*',
    'content-disposition': 'inline; filename="credential.json"',
  });
}
