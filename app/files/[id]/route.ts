import { NextResponse, type NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { homePath } from '@/lib/auth/actor';
import { FileRemovedError, getEvidenceUrl } from '@/lib/evidence/uploads';
import { isDomainError } from '@/lib/errors';
import { acceptsHtml, htmlPageResponse } from '@/lib/http/html-page';
import { fileNotFound, redirectToSignedUrl, signInToOpen } from '@/lib/http/private-file';

// Evidence is private: this checks who is asking against the record, then redirects to a
// signed URL valid for five minutes. The redirect itself is never cached.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) {
    // A person following an evidence link while signed out signs in and comes back to the file;
    // whether it exists is only looked up once they have. Anything else (a fetch, a script) gets 401.
    return signInToOpen(request, `/files/${encodeURIComponent(id)}${request.nextUrl.searchParams.get('inline') === '1' ? '?inline=1' : ''}`);
  }
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return fileNotFound(request, actor);
  try {
    const url = await getEvidenceUrl({ actor, fileId: id, inline: request.nextUrl.searchParams.get('inline') === '1' });
    return redirectToSignedUrl(url);
  } catch (e) {
    // Someone allowed to see it asks for a file the issuer removed: say so, rather than "not found".
    if (e instanceof FileRemovedError) {
      if (acceptsHtml(request)) return htmlPageResponse({ status: 410, title: 'File removed', heading: 'This file was removed', paragraphs: [e.message], links: [{ href: homePath(actor), text: 'Go to my home page' }] });
      return new NextResponse(e.message, { status: 410, headers: { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' } });
    }
    // Another person's file answers exactly as a file that does not exist: nobody learns which it is.
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return fileNotFound(request, actor);
    throw e;
  }
}
