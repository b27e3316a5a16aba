import type { NextRequest } from 'next/server';
import { getActor } from '@/lib/auth/session';
import { isDomainError } from '@/lib/errors';
import { getCertificateUrl } from '@/lib/external-learning/certificates';
import { fileNotFound, redirectToSignedUrl, signInToOpen } from '@/lib/http/private-file';

// A certificate of completion on a teacher's other professional learning (ADR 027): private, as
// evidence is (app/files/[id]/route.ts). Checks who is asking against the record (the teacher, or a
// leader of their district: getCertificateUrl), then redirects to a signed URL valid for five
// minutes; the redirect itself is never cached. ?inline=1 opens it in the browser.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const inline = request.nextUrl.searchParams.get('inline') === '1';
  const actor = await getActor();
  // Signed out: whether it exists is only looked up once they have signed in.
  if (!actor) return signInToOpen(request, `/other-learning/certificates/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return fileNotFound(request, actor);
  try {
    return redirectToSignedUrl(await getCertificateUrl({ actor, certificateId: id, inline }));
  } catch (e) {
    // Another person's certificate answers exactly as one that does not exist: nobody learns which it is.
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return fileNotFound(request, actor);
    throw e;
  }
}
