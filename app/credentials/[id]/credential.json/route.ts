import { NextResponse } from 'next/server';
import { getCredentialJson } from '@/lib/awards/queries';

// The signed credential, exactly as issued. Revocation is published in the status list, not here,
// so the document is immutable and cacheable.
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const credential = await getCredentialJson((await params).id);
  if (!credential) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  return new NextResponse(JSON.stringify(credential, null, 2), {
    headers: {
      'content-type': 'application/vc+ld+json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'content-disposition': 'inline; filename="credential.json"',
    },
  });
}
