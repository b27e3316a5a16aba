import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { FileRemovedError, getEvidenceUrl } from '@/lib/evidence/uploads';
import { isDomainError } from '@/lib/errors';

// Evidence is private: this checks who is asking against the record, then redirects to a
// signed URL valid for five minutes. The redirect itself is never cached.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) return new NextResponse('Sign in to view this file.', { status: 401, headers: { 'cache-control': 'no-store' } });
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return new NextResponse('Not found', { status: 404 });
  try {
    const url = await getEvidenceUrl({ actor, fileId: id, inline: request.nextUrl.searchParams.get('inline') === '1' });
    return NextResponse.redirect(url, { status: 302, headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
  } catch (e) {
    // Someone allowed to see it asks for a file the issuer removed: say so, rather than "not found".
    if (e instanceof FileRemovedError) return new NextResponse(e.message, { status: 410, headers: { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' } });
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return new NextResponse('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
    throw e;
  }
}
