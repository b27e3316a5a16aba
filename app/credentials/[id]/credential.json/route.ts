import { NextResponse } from 'next/server';
import { credentialNotFound } from '@/lib/http/credential-not-found';
import { getCredentialDocument } from '@/lib/awards/queries';

// The signed credential, exactly as issued. Revocation is published in the status list, not here,
// so the document is immutable and cacheable.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const document = await getCredentialDocument((await params).id);
  if (!document) return credentialNotFound(req, 'credential');
  return new NextResponse(document, {
    headers: {
      'content-type': 'application/vc+ld+json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'content-disposition': 'inline; filename="credential.json"',
    },
  });
}
